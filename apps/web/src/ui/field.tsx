import type { ReactNode } from 'react';
import form from './form.module.css';

/** A labelled control with its error underneath (the label wraps the control, so a click focuses it). */
export function Field({ label, error, children }: { label: string; error?: string; children: ReactNode }) {
  return (
    <label className={form.field}>
      <span className={form.label}>{label}</span>
      {children}
      {error && <span className={form.fieldError}>{error}</span>}
    </label>
  );
}
