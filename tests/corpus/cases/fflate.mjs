import { deflateSync, inflateSync, strToU8, strFromU8, zipSync, unzipSync } from "fflate";
const data = strToU8("hello hello hello hello fflate");
const z = deflateSync(data, { level: 9 });
console.log(z.length < data.length, strFromU8(inflateSync(z)));
const zip = zipSync({ "a.txt": strToU8("A"), "b/c.txt": strToU8("C") }, { mtime: new Date(Date.UTC(2024, 0, 1)) });
console.log(Object.keys(unzipSync(zip)).join(), strFromU8(unzipSync(zip)["b/c.txt"]));
