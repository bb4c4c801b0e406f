import type { AssessmentResponse, AssessmentRow } from '@grid/contracts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type ChartOption, useECharts } from '../../../charts/use-echarts';
import styles from './assessment-page.module.css';

const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);
const AXIS = { axisLabel: { color: '#a3b6ca' }, axisLine: { lineStyle: { color: '#34516f' } }, splitLine: { lineStyle: { color: '#213650' } } };

/** Composite per zone (综合指标值), bars coloured by grade; a click opens that zone's villages. */
export function ZoneChart({ zones, onZone }: { zones: readonly AssessmentRow[]; onZone: (row: AssessmentRow) => void }) {
  const { t } = useTranslation();
  const sorted = useMemo(() => [...zones].sort((a, b) => (b.composite ?? -1) - (a.composite ?? -1)), [zones]);
  const option = useMemo<ChartOption>(
    () => ({
      backgroundColor: 'transparent',
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      legend: { textStyle: { color: '#a3b6ca' }, top: 0 },
      xAxis: { type: 'category', data: sorted.map((z) => z.unitName), ...AXIS, axisLabel: { color: '#a3b6ca', interval: 0, rotate: sorted.length > 6 ? 35 : 0 } },
      yAxis: { type: 'value', max: 100, ...AXIS },
      series: [
        {
          name: t('assessment.figure.composite'),
          type: 'bar',
          data: sorted.map((z) => ({ value: z.composite === null ? null : Math.round(z.composite * 10) / 10, itemStyle: { color: z.bottom ? '#ff7b72' : '#4fb3e0' } })),
        },
        { name: t('assessment.figure.onTimeRate'), type: 'line', data: sorted.map((z) => percent(z.figures.onTimeRate)), itemStyle: { color: '#3ecf8e' } },
        { name: t('assessment.figure.closureRate'), type: 'line', data: sorted.map((z) => percent(z.figures.closureRate)), itemStyle: { color: '#f2c14e' } },
      ],
    }),
    [sorted, t],
  );
  const ref = useECharts(option, (click) => {
    const zone = sorted[click.dataIndex];
    if (zone) onZone(zone);
  });
  return (
    <figure className={styles.chart}>
      <figcaption className={styles.chartTitle}>{t('assessment.chart.zones')}</figcaption>
      <div ref={ref} className={styles.chartBody} data-testid="zone-chart" />
    </figure>
  );
}

/** The district's (or the scope's) rates month by month: on-time handling, closure, rework. */
export function TrendChart({ months }: { months: readonly AssessmentResponse[] | null }) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(() => {
    const list = months ?? [];
    const line = (key: 'onTimeRate' | 'closureRate' | 'onTimeClosureRate' | 'reworkRate', color: string) => ({
      name: t(`assessment.figure.${key}`),
      type: 'line' as const,
      smooth: true,
      data: list.map((m) => percent(m.total[key])),
      itemStyle: { color },
    });
    return {
      backgroundColor: 'transparent',
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '–' : `${String(v)}%`) },
      legend: { textStyle: { color: '#a3b6ca' }, top: 0 },
      xAxis: { type: 'category', data: list.map((m) => m.from.slice(0, 7)), ...AXIS },
      yAxis: { type: 'value', max: 100, ...AXIS, axisLabel: { color: '#a3b6ca', formatter: '{value}%' } },
      series: [line('onTimeRate', '#3ecf8e'), line('closureRate', '#f2c14e'), line('onTimeClosureRate', '#4fb3e0'), line('reworkRate', '#ff7b72')],
    };
  }, [months, t]);
  const ref = useECharts(option);
  return (
    <figure className={styles.chart}>
      <figcaption className={styles.chartTitle}>{t('assessment.chart.trend')}</figcaption>
      <div ref={ref} className={styles.chartBody} data-testid="trend-chart" data-ready={months !== null} />
    </figure>
  );
}
