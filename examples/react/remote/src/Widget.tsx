// The exposed module: a React component that uses the shared design system, shared
// lodash-es (chunk) and its own CSS (a CSS module and a plain stylesheet).
import { useEffect, useRef, useState, version as reactVersion } from "react";
import { Button, Card, designSystemVersion, evaluations } from "design-system";
import { chunk } from "lodash-es";
import styles from "./Widget.module.css";
import "./widget.css";

const items = ["alpha", "beta", "gamma", "delta", "epsilon"];

interface Report {
  color: string;
  sameReact: boolean;
  designSystemEvaluations: number;
}

/** What a host may pass: typed for hosts by the remote's published types (@mf-types.zip). */
export interface WidgetProps {
  /** The card's title. */
  title?: string;
}

export default function Widget({ title = "Remote widget" }: WidgetProps) {
  const [count, setCount] = useState(0);
  const [report, setReport] = useState<Report | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  // After mounting, report what the browser computed for the CSS module's class and
  // whether this component runs on the React instance the page's renderer uses.
  useEffect(() => {
    // The host publishes its own `useState`; one React instance means the same function.
    const g = globalThis as { __hostUseState?: unknown };
    setReport({
      color: heading.current ? getComputedStyle(heading.current).color : "none",
      sameReact: g.__hostUseState === undefined || g.__hostUseState === useState,
      designSystemEvaluations: evaluations(),
    });
  }, []);

  const rows = chunk(items, 2);
  return (
    <Card title={title} className={styles.widget}>
      <h3 ref={heading} className={styles.heading} data-testid="remote-heading">
        Rendered by the remote with React {reactVersion} and design-system {designSystemVersion}
      </h3>
      <ul className={styles.list}>
        {rows.map((row) => (
          <li key={row.join()}>{row.join(" + ")}</li>
        ))}
      </ul>
      <Button variant="secondary" onClick={() => setCount((c) => c + 1)}>
        Remote clicks: {count}
      </Button>
      <p className="remote-widget-note">lodash-es chunk gave {rows.length} rows.</p>
      {report && (
        <p id="remote-report" data-color={report.color} data-same-react={String(report.sameReact)}>
          Remote heading color: {report.color}; same React as host: {String(report.sameReact)};
          design-system evaluated {report.designSystemEvaluations} time(s)
        </p>
      )}
    </Card>
  );
}
