import type { AssessmentLevel, AssessmentResponse } from '@grid/contracts';
import { useEffect, useState } from 'react';
import { apiRequest } from '../../../api/api-client';
import { type Resource, useApiResource } from '../../../api/use-api-resource';
import type { Period } from './assessment-period';

export const assessmentPath = (level: AssessmentLevel, period: Pick<Period, 'from' | 'to'>, extra = '') => `/api/assessment?level=${level}&from=${period.from}&to=${period.to}${extra}`;

/** The ranking of a level for a period: all of it, or one page (`rowCount` says how many units it has). */
export function useAssessment(level: AssessmentLevel, period: Period, paging?: { page: number; pageSize: number }): Resource<AssessmentResponse> & { reload: () => void } {
  return useApiResource<AssessmentResponse>(assessmentPath(level, period, paging ? `&page=${paging.page}&pageSize=${paging.pageSize}` : ''));
}

/** The totals of each of several periods (the chart over time), fetched together; null while loading. Pass a memoised list. */
export function useAssessmentSeries(level: AssessmentLevel, periods: readonly Period[]): AssessmentResponse[] | null {
  const [series, setSeries] = useState<AssessmentResponse[] | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    setSeries(null);
    Promise.all(periods.map((p) => apiRequest<AssessmentResponse>(assessmentPath(level, p), { signal: controller.signal })))
      .then(setSeries)
      .catch(() => undefined);
    return () => controller.abort();
  }, [level, periods]);
  return series;
}

/** Downloads the assessment as CSV or Excel (the file needs the bearer token, so it comes as a blob). */
export async function downloadAssessment(level: AssessmentLevel, period: Period, format: 'csv' | 'xlsx', lang: string): Promise<void> {
  const blob = await apiRequest<Blob>(`/api/assessment/export?level=${level}&from=${period.from}&to=${period.to}&format=${format}&lang=${encodeURIComponent(lang)}`, { responseType: 'blob' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `assessment-${level}-${period.from}-${period.to}.${format}`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
