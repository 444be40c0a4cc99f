import { nanoid, customAlphabet } from "nanoid";
console.log(nanoid().length, nanoid(10).length);
const hex = customAlphabet("0123456789abcdef", 8);
console.log(/^[0-9a-f]{8}$/.test(hex()));
