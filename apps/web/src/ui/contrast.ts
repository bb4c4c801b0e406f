import { useSyncExternalStore } from 'react';

/**
 * The high-contrast theme (sunlight, older eyes): black on white with strong lines, chosen on the device and
 * remembered there. It sets `data-contrast="high"` on <html>, which styles.css reads for its colour tokens.
 */
const STORAGE_KEY = 'grid.contrast';
const listeners = new Set<() => void>();

function stored(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'high';
  } catch {
    return false;
  }
}

function reflect(high: boolean): void {
  if (high) document.documentElement.dataset['contrast'] = 'high';
  else delete document.documentElement.dataset['contrast'];
  document.querySelector('meta[name=theme-color]')?.setAttribute('content', high ? '#ffffff' : '#0a131e');
}

/** Before the first render, so that the first paint is already in the chosen theme. */
export function applyStoredContrast(): void {
  reflect(stored());
}

export function setHighContrast(high: boolean): void {
  try {
    if (high) localStorage.setItem(STORAGE_KEY, 'high');
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Private mode or full storage: the switch still works for this visit.
  }
  reflect(high);
  listeners.forEach((listener) => listener());
}

export function useHighContrast(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => document.documentElement.dataset['contrast'] === 'high',
  );
}
