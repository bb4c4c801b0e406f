import type { Page } from 'playwright-core';

/** WCAG 2.5.5 (AAA, and what field apps hold to): a target at least 44 × 44 CSS px. */
export const MIN_TARGET_PX = 44;

/**
 * Every visible control of the page smaller than 44 × 44 px, as "what (w×h)". A control inside a label
 * counts as the label (the whole row is the target), a hidden file input as its visible label; links inside
 * running text and the map's attribution are exempt, as WCAG exempts inline targets.
 */
export function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const selector = 'a[href], button, input, select, textarea, [role=button], [role=tab], [role=switch], summary';
    const out: string[] = [];
    const seen = new Set<Element>();
    for (const element of document.querySelectorAll(selector)) {
      if (element.closest('.leaflet-control-attribution')) continue;
      if (element.tagName === 'A' && element.closest('p, li') && !element.closest('nav')) continue;
      const target = element.closest('label') ?? element;
      if (seen.has(target)) continue;
      seen.add(target);
      const box = target.getBoundingClientRect();
      const style = getComputedStyle(target);
      if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue;
      if (box.width + 0.5 < min || box.height + 0.5 < min) {
        const name = (target.getAttribute('aria-label') ?? target.textContent ?? '').trim().slice(0, 24) || target.tagName;
        out.push(`${name} (${Math.round(box.width)}×${Math.round(box.height)})`);
      }
    }
    return out;
  }, MIN_TARGET_PX);
}
