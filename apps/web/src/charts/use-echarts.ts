import { BarChart, LineChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { type ComposeOption, type ECharts, init, use as registerCharts } from 'echarts/core';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { type RefObject, useEffect, useRef } from 'react';

// Only what the app draws, so the bundle carries bar and line charts and not the whole of ECharts.
registerCharts([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption>;

/** What a click on a bar or a point says: its series and category. */
export interface ChartClick {
  seriesIndex: number;
  dataIndex: number;
  name: string;
}

/**
 * An ECharts instance on the element of the returned ref: made on mount, given each new option, resized
 * with its container (a phone turned, a panel opened), disposed on unmount.
 */
export function useECharts(option: ChartOption, onClick?: (click: ChartClick) => void): RefObject<HTMLDivElement | null> {
  const ref = useRef<HTMLDivElement | null>(null);
  const chart = useRef<ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const instance = init(element, 'dark', { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) => clickRef.current?.({ seriesIndex: params.seriesIndex ?? 0, dataIndex: params.dataIndex, name: params.name }));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return ref;
}
