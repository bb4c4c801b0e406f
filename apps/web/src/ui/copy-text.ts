/** copied: it is on the clipboard; manual: it is selected on the page for the user to copy (Ctrl+C). */
export type CopyOutcome = 'copied' | 'manual';

/**
 * Copies `text`. The clipboard API exists only on HTTPS (and localhost): on a plain-HTTP intranet address the
 * old copy command is tried, and when that fails too the text shown in `shown` is selected for the user.
 */
export async function copyText(text: string, shown: HTMLElement | null): Promise<CopyOutcome> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return 'copied';
    }
  } catch {
    // Refused (no permission): fall back below.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  area.remove();
  if (copied) return 'copied';
  if (shown) window.getSelection()?.selectAllChildren(shown);
  return 'manual';
}
