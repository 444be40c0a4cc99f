// Node check of the example (run by examples/react/build.sh): renders the host's App to
// HTML with react-dom/static, which waits for React.lazy, so the HTML holds the remote's
// widget too, loaded from the remote's Node container with the host's shared React.
import { prerenderToNodeStream } from "react-dom/static";
import App from "./App";

function fail(message: string): never {
  console.error("ssr check failed: " + message);
  process.exit(1);
}

prerenderToNodeStream(<App />, {
  onError(error) {
    fail(String(error instanceof Error ? error.stack : error));
  },
})
  .then(async ({ prelude }) => {
    let html = "";
    for await (const part of prelude) html += part;
    // React separates adjacent text nodes with <!-- -->; drop them to check the text.
    html = html.replace(/<!-- -->/g, "");
    console.log(html);
    for (const want of ["React host on React 19", "Rendered by the remote with React 19"]) {
      if (!html.includes(want)) fail(`missing ${JSON.stringify(want)}`);
    }
    console.log("ssr check: host and remote rendered in Node");
  })
  .catch((error) => fail(String(error?.stack ?? error)));
