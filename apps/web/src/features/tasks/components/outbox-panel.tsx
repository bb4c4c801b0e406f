import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCategories } from '../../../cases/use-reference-data';
import { discardItem, retryItem } from '../../../outbox/outbox';
import type { OutboxItem } from '../../../outbox/outbox-store';
import { useOnline } from '../../../outbox/use-online';
import { useTimeWords } from '../../case-view/hooks/use-time-words';
import form from '../../../ui/form.module.css';
import styles from './outbox-panel.module.css';

/** Says when the phone is offline and what is still waiting to be sent; refused items can be retried or dropped. */
export function OutboxPanel({ items }: { items: readonly OutboxItem[] }) {
  const { t } = useTranslation();
  const online = useOnline();
  const categories = useCategories();
  const words = useTimeWords();
  const [open, setOpen] = useState(false);
  const failed = items.filter((i) => i.state === 'failed').length;
  if (online && items.length === 0) return null;

  const label = (item: OutboxItem) => {
    if (item.kind === 'patrol') return t(`outbox.patrol.${item.request.op}`);
    return item.kind === 'report'
      ? t('outbox.report', { category: categories.shortName(item.request.categoryCode) })
      : t('outbox.action', { action: t(`action.${item.request.action}`), code: item.caseCode });
  };

  return (
    <section className={styles.panel} data-offline={!online} data-failed={failed > 0} aria-live="polite" data-testid="outbox">
      <button type="button" className={styles.summary} aria-expanded={open} onClick={() => setOpen(!open)} disabled={items.length === 0}>
        <span className={styles.dot} aria-hidden="true" />
        <span>
          {!online && <strong>{t('outbox.offline')} </strong>}
          {items.length > 0 ? t('outbox.waiting', { count: items.length }) : t('outbox.offlineHint')}
          {failed > 0 && ` · ${t('outbox.failed', { count: failed })}`}
        </span>
      </button>
      {open && items.length > 0 && (
        <ol className={styles.items}>
          {items.map((item) => (
            <li key={item.id} className={styles.item} data-state={item.state}>
              <span className={styles.itemLabel}>{label(item)}</span>
              <span className={styles.itemState}>
                {t(`outbox.state.${item.state}`)} · {words.at(item.createdAt)}
              </span>
              {item.error && <span className={styles.itemError}>{item.error}</span>}
              {item.state === 'failed' && (
                <span className={form.row}>
                  <button type="button" className={form.button} onClick={() => void retryItem(item.id)}>
                    {t('common.retry')}
                  </button>
                  <button type="button" className={`${form.button} ${form.danger}`} onClick={() => void discardItem(item.id)}>
                    {t('outbox.discard')}
                  </button>
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
