import { QueryClient } from "@tanstack/query-core";
// Top-level await is issue #16: the case runs in an async function.
(async () => {
  const client = new QueryClient();
  const data = await client.fetchQuery({ queryKey: ["todo", 1], queryFn: async () => ({ id: 1, title: "x" }) });
  console.log(JSON.stringify(data), JSON.stringify(client.getQueryData(["todo", 1])));
  client.setQueryData(["todo", 1], (d) => ({ ...d, title: "y" }));
  console.log(client.getQueryData(["todo", 1]).title, client.getQueryCache().getAll().length);
  client.clear();
})();
