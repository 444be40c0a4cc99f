import _ from "lodash";
console.log(_.camelCase("Foo Bar"), _.kebabCase("fooBar"), _.padStart("7", 3, "0"));
console.log(JSON.stringify(_.pick({ a: 1, b: 2, c: 3 }, ["a", "c"])));
console.log(_.template("hello <%= user %>!")({ user: "fred" }));
console.log(JSON.stringify(_.chain([3, 1, 2]).sortBy().map((n) => n * 2).value()));
