import { total as t0 } from "./m0.js";
import { total as t1 } from "./m1.js";
import { total as t2 } from "./m2.js";
import { total as t3 } from "./m3.js";
import { total as t5 } from "./m5.js";
import { total as t6 } from "./m6.js";
import { total as t8 } from "./m8.js";
import { total as t9 } from "./m9.js";
console.log(t0() + t1() + t2() + t3() + t5() + t6() + t8() + t9());
