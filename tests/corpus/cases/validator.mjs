import validator from "validator";
console.log(validator.isEmail("foo@bar.com"), validator.isURL("https://x.io/p?q=1"), validator.isUUID("not-a-uuid"));
console.log(validator.escape("<a href='x'>"), validator.normalizeEmail("Foo.Bar@GMAIL.com"), validator.isIP("10.0.0.1", 4));
