import { Suspense, lazy, useEffect, useState, version as reactVersion } from "react";
import { Button, Card, evaluations } from "design-system";
import { capitalize } from "lodash-es";
import { RemoteBoundary } from "./RemoteBoundary";
import styles from "./App.module.css";

// The remote's component, loaded on first render from the remote's container
// (remoteEntry.js on another origin), with React and the design system taken from the
// share scope: the host's instances.
const RemoteWidget = lazy(() => import("remote/Widget"));

// Lets the remote check that it runs on this page's React instance.
(globalThis as { __hostUseState?: unknown }).__hostUseState = useState;

/** Lists the scripts the page has loaded once the remote's widget is in: one react, one
 * react-dom client and one design-system chunk, whichever app they came from. */
function LoadedScripts() {
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    const files = performance
      .getEntriesByType("resource")
      .map((entry) => new URL(entry.name).pathname)
      .filter((path) => path.endsWith(".js"))
      .map((path) => path.slice(path.lastIndexOf("/") + 1));
    setNames(files);
  }, []);
  return (
    <p id="loaded-scripts" className={styles.scripts}>
      {names.length} scripts on this page: {names.join(" ")}
    </p>
  );
}

export default function App() {
  const [clicks, setClicks] = useState(0);
  const [hostColor, setHostColor] = useState("");

  useEffect(() => {
    const title = document.getElementById("host-title");
    if (title) setHostColor(getComputedStyle(title).color);
  }, []);

  return (
    <main>
      <header className={styles.header}>
        <h1 id="host-title" className={styles.title}>
          {capitalize("react host")} on React {reactVersion}
        </h1>
        <p>The host renders this header itself{hostColor && ` (title color ${hostColor})`}.</p>
      </header>
      <Card title="Host card">
        <Button onClick={() => setClicks((c) => c + 1)}>Host clicks: {clicks}</Button>
        <p>design-system evaluated {evaluations()} time(s) when this rendered.</p>
      </Card>
      <RemoteBoundary>
        <Suspense fallback={<p id="remote-loading">Loading the remote widget…</p>}>
          <RemoteWidget title="Remote widget" />
          <LoadedScripts />
        </Suspense>
      </RemoteBoundary>
    </main>
  );
}
