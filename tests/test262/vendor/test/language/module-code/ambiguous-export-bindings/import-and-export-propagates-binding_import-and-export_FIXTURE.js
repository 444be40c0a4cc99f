// Copyright (C) 2025 Igalia, S.L. All rights reserved.
// This code is governed by the BSD license found in the LICENSE file.

import { foo } from "./import-and-export-propagates-binding_FIXTURE.js";
export { foo };
