import { match, compile, pathToRegexp } from "path-to-regexp";
console.log(JSON.stringify(match("/user/:id")("/user/42")), compile("/user/:id")({ id: "7" }));
console.log(pathToRegexp("/a/:b").regexp.test("/a/x"));
