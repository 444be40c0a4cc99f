import axios from "axios";
// No network: a custom adapter answers, so the request pipeline (config merging,
// interceptors, transforms) runs the same in Node and in a browser.
// Top-level await is issue #16: the case runs in an async function.
(async () => {
  const api = axios.create({ baseURL: "https://api.example.test/v1", headers: { "X-App": "corpus" } });
  api.interceptors.request.use((c) => { c.headers["X-Trace"] = "t1"; return c; });
  api.defaults.adapter = async (config) => ({
    data: JSON.stringify({ url: config.url, method: config.method, trace: config.headers["X-Trace"], params: config.params }),
    status: 200, statusText: "OK", headers: { "content-type": "application/json" }, config, request: {},
  });
  const res = await api.get("/users", { params: { page: 2 } });
  console.log(res.status, JSON.stringify(res.data));
  console.log(api.getUri({ url: "/x", params: { a: 1, b: [2, 3] } }));
  console.log(axios.isAxiosError(new axios.AxiosError("boom")), typeof axios.CancelToken);
})();
