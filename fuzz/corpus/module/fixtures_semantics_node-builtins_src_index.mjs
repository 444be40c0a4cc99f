import { join } from "node:path";
import path from "path";
import * as os from "os";
import "./cjs.cjs";
console.log(join("a", "b"), path.basename("/x/y.js"), typeof os.platform);
