import { Component, type ReactNode } from "react";
import { Card } from "design-system";
import styles from "./App.module.css";

interface State {
  error: Error | null;
}

/** Catches a remote that cannot be loaded (server down, script error) and shows a fallback
 * card in its place, so the rest of the host keeps working. */
export class RemoteBoundary extends Component<{ children: ReactNode }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  render() {
    const { error } = this.state;
    if (error) {
      return (
        <Card title="Remote unavailable" className={styles.fallback}>
          <p id="remote-fallback">Showing the fallback. {String(error.message).split("\n")[0]}</p>
        </Card>
      );
    }
    return this.props.children;
  }
}
