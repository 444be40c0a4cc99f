import { buildSchema, graphql, parse, print } from "graphql";
// Top-level await is issue #16: the case runs in an async function.
(async () => {
  const schema = buildSchema("type Query { hello(name: String): String, n: Int }");
  const rootValue = { hello: ({ name }) => `hi ${name}`, n: () => 42 };
  const r = await graphql({ schema, source: '{ hello(name: "ada") n }', rootValue });
  console.log(JSON.stringify(r));
  console.log(print(parse("query Q{a{b c}}")));
})();
