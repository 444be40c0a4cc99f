import type { ReactNode } from "react";
import styles from "./Card.module.css";

export function Card({ title, children, className }: { title: string; children?: ReactNode; className?: string }) {
  return (
    <section className={className ? `${styles.card} ${className}` : styles.card}>
      <h2 className={styles.title}>{title}</h2>
      {children}
    </section>
  );
}
