import type { LatLng } from '@grid/contracts';
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ActionRequest } from '../../../cases/case-commands';
import { useCaseDetail } from '../../../cases/use-cases';
import { enqueueAction } from '../../../outbox/outbox';
import { type OutboxItem, pendingActionsOf } from '../../../outbox/outbox-store';
import { CaseActions } from '../../case-view/components/case-actions';
import { CaseDetailView } from '../../case-view/components/case-detail-view';
import form from '../../../ui/form.module.css';
import styles from './tasks-page.module.css';

/** A case on the phone: big buttons; every action is queued (sent at once when there is a connection). */
export function TaskDetail({ caseId, position, outbox, onOpen }: { caseId: string; position: LatLng | null; outbox: readonly OutboxItem[]; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const detail = useCaseDetail(caseId, { persist: true });
  const code = detail.data?.code ?? '';
  const run = useCallback(async (request: ActionRequest) => {
    await enqueueAction(caseId, code, request);
  }, [caseId, code]);
  useEffect(() => onOpen(caseId), [caseId, onOpen]);

  return (
    <section className={styles.detail}>
      <Link to="/tasks" className={`${form.button} ${form.ghost} ${styles.back}`}>
        ← {t('tasks.back')}
      </Link>
      {detail.data ? (
        <CaseDetailView
          detail={detail.data}
          notice={detail.error ? <p className={styles.stale}>{t('tasks.showingSaved')}</p> : null}
          actions={<CaseActions detail={detail.data} run={run} position={position} touch pending={pendingActionsOf(outbox, caseId)} />}
        />
      ) : (
        <p className={styles.empty}>{detail.error ? t('tasks.loadFailed') : t('common.loading')}</p>
      )}
    </section>
  );
}
