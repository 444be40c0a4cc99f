// Copyright (C) 2018 Valerie Young. All rights reserved.
// This code is governed by the BSD license found in the LICENSE file.

export * as namedns2 from './get-nested-namespace-dflt-skip-named-end_FIXTURE.js';
