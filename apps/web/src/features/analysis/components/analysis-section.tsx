import type { ReactNode } from 'react';
import styles from './hotspot-section.module.css';

/** One titled section of the analysis (hotspots, briefings, tasks, trends), labelled by its heading. */
export function AnalysisSection({ id, title, testId, children }: { id: string; title: string; testId: string; children: ReactNode }) {
  return (
    <section className={styles.section} aria-labelledby={id} data-testid={testId}>
      <h2 id={id} className={styles.title}>
        {title}
      </h2>
      {children}
    </section>
  );
}
