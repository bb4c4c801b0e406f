import { useTranslation } from 'react-i18next';
import { isCaseEventKind } from '../../../cases/case-filter';
import { useCategories } from '../../../cases/use-reference-data';
import { useTimeWords } from '../../case-view/hooks/use-time-words';
import type { TickerEntry } from '../hooks/use-ticker';
import styles from './map-panel.module.css';

/** What just happened in the territory, newest on top, as it arrives on the live channel. */
export function LiveTicker({ entries, gridName }: { entries: TickerEntry[]; gridName: (id: string) => string }) {
  const { t } = useTranslation();
  const categories = useCategories();
  const words = useTimeWords();
  return (
    <section className={`${styles.section} ${styles.tickerSection}`} aria-labelledby="ticker-title">
      <h2 id="ticker-title" className={styles.sectionTitle}>
        {t('map.panel.liveTitle')}
      </h2>
      {entries.length === 0 ? (
        <p className={styles.note}>{t('map.panel.tickerEmpty')}</p>
      ) : (
        <ol className={styles.ticker} aria-live="polite" data-testid="ticker">
          {entries.map(({ push }) => (
            <li key={push.seq} className={styles.tick} data-kind={push.kind}>
              <span className={styles.tickTime}>{words.clock(push.at)}</span>
              <span className={styles.tickWhat}>
                <strong>{isCaseEventKind(push.kind) ? t(`eventKind.${push.kind}`) : push.kind}</strong> {push.case.code}
                <span className={styles.tickWhere}>
                  {categories.shortName(push.case.categoryCode)} · {gridName(push.case.gridId)}
                </span>
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
