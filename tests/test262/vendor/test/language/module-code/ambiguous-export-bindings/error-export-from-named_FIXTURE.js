// Copyright (C) 2016 the V8 project authors. All rights reserved.
// This code is governed by the BSD license found in the LICENSE file.

export * from './error-export-from-named-1_FIXTURE.js';
export * from './error-export-from-named-2_FIXTURE.js';
