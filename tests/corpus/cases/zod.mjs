import { z } from "zod";
const User = z.object({ name: z.string().min(2), age: z.number().int().positive(), tags: z.array(z.string()).default([]) });
console.log(JSON.stringify(User.parse({ name: "Ada", age: 36 })));
const r = User.safeParse({ name: "A", age: -1 });
console.log(r.success, r.error.issues.map((i) => i.path.join(".") + ":" + i.code).join(" "));
console.log(z.enum(["a", "b"]).options.join(), z.string().email().safeParse("x@y.io").success);
