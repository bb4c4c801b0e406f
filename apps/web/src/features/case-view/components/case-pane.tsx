import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../../../api/api-request-error';
import { newIdempotencyKey } from '../../../api/idempotency-key';
import { type ActionRequest, sendAction } from '../../../cases/case-commands';
import { useCaseDetail } from '../../../cases/use-cases';
import { apiErrorText } from '../../../ui/api-error-text';
import form from '../../../ui/form.module.css';
import { CaseActions } from './case-actions';
import { CaseDetailView } from './case-detail-view';
import styles from './case-pane.module.css';

/** Takes an action straight away (desks are online): one key per attempt, the answer patches the cache. */
export function useDirectRunner(caseId: string): (request: ActionRequest) => Promise<void> {
  return useCallback(async (request: ActionRequest) => {
    await sendAction(caseId, request, newIdempotencyKey());
  }, [caseId]);
}

/** A case's detail with its action buttons, for the desks (zone, village, operator, department). */
export function CasePane({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const detail = useCaseDetail(caseId);
  const run = useDirectRunner(caseId);

  if (!detail.data) {
    if (detail.error) {
      const missing = detail.error instanceof ApiRequestError && (detail.error.status === 404 || detail.error.status === 403);
      return (
        <div className={styles.status} role="alert">
          <p>{missing ? t('caseView.notFound') : t('caseView.loadFailed', { message: apiErrorText(detail.error, t) })}</p>
          {!missing && (
            <button type="button" className={form.button} onClick={detail.reload}>
              {t('common.retry')}
            </button>
          )}
        </div>
      );
    }
    return <p className={styles.status}>{t('common.loading')}</p>;
  }
  return <CaseDetailView detail={detail.data} actions={<CaseActions detail={detail.data} run={run} />} />;
}
