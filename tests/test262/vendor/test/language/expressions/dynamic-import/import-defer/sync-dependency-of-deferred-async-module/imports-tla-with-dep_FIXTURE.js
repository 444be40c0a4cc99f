// Copyright (C) 2025 Igalia, S.L. All rights reserved.
// This code is governed by the BSD license found in the LICENSE file.

import "./tla-with-dep_FIXTURE.js";

globalThis.evaluations.push("imports-tla-with-dep");
