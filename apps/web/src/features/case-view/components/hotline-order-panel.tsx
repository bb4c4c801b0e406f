import type { WorkOrderDto } from '@grid/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../../api/api-client';
import { useTimeWords } from '../hooks/use-time-words';
import { SlaBadge } from './case-badges';
import styles from './case-detail-view.module.css';

/** The 12345 work order behind a hotline case: its number, the hotline's own deadline as a clock, notes, a pending 退单. */
export function HotlineOrderPanel({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const words = useTimeWords();
  const { data } = useQuery({
    queryKey: ['hotline', 'work-order', caseId],
    queryFn: ({ signal }) => apiRequest<WorkOrderDto>(`/api/hotline/cases/${caseId}/work-order`, { signal }),
  });
  if (!data) return null;
  return (
    <section className={styles.section} data-testid="hotline-order">
      <h3 className={styles.sectionTitle}>{t('hotline.workOrder')}</h3>
      <dl className={styles.meta}>
        <div className={styles.metaRow}>
          <dt>{t('hotline.orderNo')}</dt>
          <dd>
            {data.orderNo} · {data.clientName}
          </dd>
        </div>
        <div className={styles.metaRow}>
          <dt>{t('hotline.deadline')}</dt>
          <dd>
            {data.clock ? (
              <>
                {words.at(data.clock.dueAt)} <SlaBadge state={data.clock.state} />
              </>
            ) : (
              t('hotline.noDeadline')
            )}
          </dd>
        </div>
        <div className={styles.metaRow}>
          <dt>{t('hotline.category')}</dt>
          <dd>{data.categoryUnmapped ? t('hotline.unmapped', { category: data.hotlineCategory }) : data.hotlineCategory}</dd>
        </div>
        {data.returnRequest && (
          <div className={styles.metaRow}>
            <dt>{t('hotline.returnRequested')}</dt>
            <dd>{data.returnRequest.reason}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}
