import type { TrendResponse } from '@grid/contracts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiResource } from '../../../api/use-api-resource';
import { type ChartOption, useECharts } from '../../../charts/use-echarts';
import { useCategories } from '../../../cases/use-reference-data';
import styles from './hotspot-section.module.css';
import { AnalysisSection } from './analysis-section';

/**
 * Trends (趋势): the weekly counts of the caller's area (one category or all) up to yesterday beside the same weeks
 * last year, the next four weeks' forecast with its band, and the categories rising beyond their band this week.
 */
export function TrendsPanel({ categoryCode = null, areaId = null }: { categoryCode?: string | null; areaId?: string | null }) {
  const { t } = useTranslation();
  const categories = useCategories();
  const query = new URLSearchParams({ weeks: '12' });
  if (categoryCode) query.set('categoryCode', categoryCode);
  if (areaId) query.set('areaId', areaId);
  const result = useApiResource<TrendResponse>(`/api/analysis/trends?${query}`);
  const data = result.state === 'ready' ? result.data : null;
  return (
    <AnalysisSection id="trends-title" title={t('analysis.trends.title')} testId="trends">
      {result.state === 'failed' && <p role="alert">{t('analysis.hotspots.failed', { message: result.error.message })}</p>}
      {data && data.status === 'no_cases' && <p className={styles.note}>{t('analysis.trends.noCases')}</p>}
      {data && data.status === 'ok' && (
        <>
          <TrendChart data={data} />
          <p className={styles.method}>{t(data.seasonal ? 'analysis.trends.seasonal' : 'analysis.trends.flat')}</p>
          {data.risingCategories.length > 0 ? (
            <ul className={styles.list} data-testid="rising-categories">
              {data.risingCategories.slice(0, 5).map((c) => (
                <li key={c.code} className={styles.item} data-new="true">
                  <strong>{categories.name(c.code)}</strong> {t('analysis.trends.risingLine', { count: c.count, expected: c.expected, high: c.high })}
                </li>
              ))}
            </ul>
          ) : (
            <p className={styles.note}>{t('analysis.trends.noneRising')}</p>
          )}
        </>
      )}
    </AnalysisSection>
  );
}

function TrendChart({ data }: { data: TrendResponse }) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(() => {
    const labels = [...data.weeks.map((w) => w.to.slice(5)), ...data.forecast.map((f) => f.to.slice(5))];
    // '-' is ECharts' empty point: the lines stop and start where there is no value.
    const pad = (n: number) => new Array<string>(Math.max(0, n)).fill('-');
    const last = data.weeks[data.weeks.length - 1]?.count ?? 0;
    return {
      backgroundColor: 'transparent',
      grid: { left: 36, right: 12, top: 28, bottom: 24 },
      tooltip: { trigger: 'axis' },
      // The band's invisible floor stays out of the legend.
      legend: { top: 0, textStyle: { fontSize: 12 }, data: [t('analysis.trends.thisYear'), t('analysis.trends.lastYear'), t('analysis.trends.band'), t('analysis.trends.forecast')] },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('analysis.trends.thisYear'), type: 'line', data: [...data.weeks.map((w) => w.count), ...pad(data.forecast.length)], symbolSize: 6 },
        { name: t('analysis.trends.lastYear'), type: 'line', data: [...data.weeks.map((w) => w.lastYear ?? '-'), ...pad(data.forecast.length)], lineStyle: { type: 'dotted' } },
        // The band as a stacked area: its floor (invisible), then its width.
        { name: 'low', type: 'line', stack: 'band', data: [...pad(data.weeks.length - 1), last, ...data.forecast.map((f) => f.low)], lineStyle: { opacity: 0 }, symbol: 'none', tooltip: { show: false } },
        {
          name: t('analysis.trends.band'),
          type: 'line',
          stack: 'band',
          data: [...pad(data.weeks.length - 1), 0, ...data.forecast.map((f) => f.high - f.low)],
          lineStyle: { opacity: 0 },
          areaStyle: { color: 'rgba(252, 141, 89, 0.3)' },
          symbol: 'none',
        },
        { name: t('analysis.trends.forecast'), type: 'line', data: [...pad(data.weeks.length - 1), last, ...data.forecast.map((f) => f.expected)], lineStyle: { type: 'dashed' } },
      ],
    };
  }, [data, t]);
  const ref = useECharts(option);
  return <div ref={ref} style={{ width: '100%', height: 220 }} role="img" aria-label={t('analysis.trends.chartLabel')} />;
}
