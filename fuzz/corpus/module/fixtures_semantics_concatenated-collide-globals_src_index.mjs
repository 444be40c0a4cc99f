import { localStuff, u } from "./a.mjs";
import { globalStuff } from "./b.mjs";
console.log(localStuff(), u);
console.log(globalStuff());
console.log(Object.keys({ z: 1 }), typeof Symbol(), undefined);
