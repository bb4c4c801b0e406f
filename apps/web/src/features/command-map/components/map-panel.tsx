import { type AreaDto, type AreaFeatureCollection, CASE_STATUSES } from '@grid/contracts';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLevelLabel, usePublicConfig } from '../../../api/public-config';
import { useApiResource } from '../../../api/use-api-resource';
import { REFERENCE } from '../../../cases/use-reference-data';
import { TERMINAL_STATUSES } from '../../../cases/case-filter';
import type { AreaOutlines } from '../../../map/use-area-outlines';
import { CategoryFilter } from '../../case-view/components/category-filter';
import form from '../../../ui/form.module.css';
import type { KeyFigures } from '../hooks/use-key-figures';
import type { MapFilter } from '../hooks/use-map-cases';
import { useTicker } from '../hooks/use-ticker';
import { LiveTicker } from './live-ticker';
import styles from './map-panel.module.css';

export interface MapPanelProps {
  grids: AreaOutlines | null;
  zones: AreaFeatureCollection | null;
  hasTiles: boolean;
  figures: KeyFigures;
  /** Cases on the map after the filters. */
  shown: number;
  filter: MapFilter;
  onFilter: (filter: MapFilter) => void;
  gridName: (id: string) => string;
  /** Sections of other features under the filters (the hotspot layer). */
  extra?: ReactNode;
}

const OPEN_STATUSES = CASE_STATUSES.filter((s) => !TERMINAL_STATUSES.includes(s));

/** Beside the map: key figures, filters, legend and the live ticker; readable from across the room. */
export function MapPanel({ grids, zones, hasTiles, figures, shown, filter, onFilter, gridName, extra }: MapPanelProps) {
  const { t } = useTranslation();
  // Here rather than in the page, so that events re-render the panel, not the map.
  const ticker = useTicker();
  const config = usePublicConfig();
  const levelLabel = useLevelLabel();
  const [open, setOpen] = useState(true);
  const villages = grids ? grids.parents.length : null;
  // A zone leader sees one zone: name it rather than the whole territory.
  const single = zones?.features.length === 1;
  // A village cadre sees no zone: their map is their village's (区村两级), named after it.
  const villageOnly = zones !== null && zones.features.length === 0;
  // The area filter offers the zones, or a single zone's villages (a short list, not every area).
  const zoneVillages = useApiResource<AreaDto[]>(single || villageOnly ? '/api/areas?level=village' : null, REFERENCE);
  const ownVillage = villageOnly && zoneVillages.state === 'ready' && zoneVillages.data.length === 1 ? zoneVillages.data[0].name : null;
  const title = single ? zones.features[0].properties.name : (ownVillage ?? config?.territoryName ?? t('nav.command'));
  const territory = [
    { level: 'zone', count: zones?.features.length ?? null },
    { level: 'village', count: villages },
    { level: 'grid', count: grids?.ids.length ?? null },
  ] as const;
  const areaChoices = villageOnly ? [] : (single ? (zoneVillages.state === 'ready' ? zoneVillages.data : []) : (zones?.features.map((f) => f.properties) ?? [])).slice().sort((a, b) => a.code.localeCompare(b.code));
  const rate = figures.onTimeRate === undefined ? '–' : `${Math.round(figures.onTimeRate * 1000) / 10}%`;
  const key = [
    { id: 'open', value: figures.open ?? '–', tone: 'plain' },
    { id: 'overdue', value: figures.overdue ?? '–', tone: figures.overdue ? 'danger' : 'plain' },
    { id: 'closedToday', value: figures.closedToday ?? '–', tone: 'ok' },
    { id: 'onTimeRate', value: rate, tone: 'plain' },
  ] as const;
  const toggleStatus = (status: (typeof OPEN_STATUSES)[number]) =>
    onFilter({ ...filter, statuses: filter.statuses.includes(status) ? filter.statuses.filter((s) => s !== status) : [...filter.statuses, status] });

  return (
    <aside className={styles.panel} aria-labelledby="map-panel-title" data-open={open}>
      <div className={styles.head}>
        <div>
          <p className={styles.kicker}>{t('map.panel.territory')}</p>
          <h1 id="map-panel-title" className={styles.title}>
            {title}
          </h1>
        </div>
        <button type="button" className={styles.toggle} aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t('map.panel.collapse') : t('map.panel.expand')}
        </button>
      </div>
      {open && (
        <div className={styles.body}>
          <section aria-label={t('map.panel.keyFigures')}>
            <dl className={styles.keyFigures}>
              {key.map(({ id, value, tone }) => (
                <div key={id} className={styles.keyFigure} data-tone={tone} title={id === 'onTimeRate' ? t('map.panel.onTimeRateHint') : undefined}>
                  <dt>{t(`map.panel.${id}`)}</dt>
                  <dd data-testid={`key-${id}`}>{value}</dd>
                </div>
              ))}
            </dl>
          </section>
          <section aria-label={t('map.panel.figures')}>
            <dl className={styles.figures}>
              {territory.map(({ level, count }) => (
                <div key={level} className={styles.figure}>
                  <dt>{levelLabel(level)}</dt>
                  <dd data-testid={`figure-${level}`}>{count ?? '–'}</dd>
                </div>
              ))}
            </dl>
          </section>
          <section className={styles.section} aria-labelledby="map-filters">
            <h2 id="map-filters" className={styles.sectionTitle}>
              {t('map.panel.filters')} <span className={styles.shown}>{t('map.panel.shown', { count: shown })}</span>
            </h2>
            <div className={styles.selects}>
              {areaChoices.length > 1 && (
                <select className={form.select} value={filter.areaId ?? ''} onChange={(e) => onFilter({ ...filter, areaId: e.target.value || null })} aria-label={t('desk.area')}>
                  <option value="">{t('desk.allAreas')}</option>
                  {areaChoices.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.name}
                    </option>
                  ))}
                </select>
              )}
              <CategoryFilter value={filter.categoryCode} onChange={(categoryCode) => onFilter({ ...filter, categoryCode })} />
            </div>
            <div className={form.chips} role="group" aria-label={t('desk.status')}>
              {OPEN_STATUSES.map((s) => (
                <button key={s} type="button" className={form.chip} aria-pressed={filter.statuses.includes(s)} onClick={() => toggleStatus(s)}>
                  {t(`status.${s}`)}
                </button>
              ))}
            </div>
          </section>
          {extra}
          <section className={styles.section}>
            <h2 className={styles.sectionTitle}>{t('map.panel.legend')}</h2>
            <ul className={styles.legend}>
              {(['on_time', 'warning', 'overdue'] as const).map((s) => (
                <li key={s}>
                  <span className={styles.dot} data-sla={s} aria-hidden="true" />
                  {t(`sla.${s}`)}
                </li>
              ))}
              {(['urgent', 'emergency'] as const).map((p) => (
                <li key={p}>
                  <span className={`${styles.dot} ${styles.ring}`} data-priority={p} aria-hidden="true" />
                  {t(`priority.${p}`)}
                </li>
              ))}
              <li>
                <span className={`${styles.swatch} ${styles.swatchBusy}`} aria-hidden="true" />
                {t('map.panel.legendBusy')}
              </li>
              <li>
                <span className={`${styles.swatch} ${styles.swatchOverdue}`} aria-hidden="true" />
                {t('map.panel.legendOverdueGrid')}
              </li>
              <li>
                <span className={styles.worker} aria-hidden="true" />
                {t('map.panel.legendWorker')}
              </li>
              <li>
                <span className={styles.device} aria-hidden="true" />
                {t('sensors.legend')}
              </li>
              <li>
                <span className={`${styles.swatch} ${styles.swatchZone}`} aria-hidden="true" />
                {t('map.panel.legendZone')}
              </li>
            </ul>
            {!hasTiles && <p className={styles.note}>{t('map.noTiles')}</p>}
          </section>
          <LiveTicker entries={ticker} gridName={gridName} />
        </div>
      )}
    </aside>
  );
}
