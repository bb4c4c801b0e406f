import type { PersonDto, PostDto } from '@grid/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorText } from '../../../ui/api-error-text';
import { Field } from '../../../ui/field';
import form from '../../../ui/form.module.css';
import { usePersonActions } from '../hooks/use-people';
import { usePostLabels } from '../hooks/use-post-labels';
import styles from './people-admin.module.css';

const REASONS = ['transfer', 'leave', 'ended'] as const;

/** Ends a post (transfer 调岗, leave 离岗, ended): it stays in the person's history. */
export function EndPostForm({ person, post, onDone }: { person: PersonDto; post: PostDto; onDone: () => void }) {
  const { t } = useTranslation();
  const labels = usePostLabels();
  const { endPost } = usePersonActions();
  const [reason, setReason] = useState<(typeof REASONS)[number]>('transfer');
  const lastPost = person.posts.filter((p) => p.active).length === 1;

  function submit(event: FormEvent) {
    event.preventDefault();
    endPost.mutate({ person, post, body: { reason } }, { onSuccess: onDone });
  }

  return (
    <form className={styles.inlineForm} onSubmit={submit} data-testid="end-post-form">
      <p>
        {t('peopleAdmin.endWhich', { post: `${labels.typeLabel(post.type)} · ${labels.unitLabel(post)}` })}
        {lastPost && <strong> {t('peopleAdmin.lastPostWarning')}</strong>}
      </p>
      <Field label={t('peopleAdmin.reason')}>
        <select className={form.select} value={reason} onChange={(e) => setReason(e.target.value as (typeof REASONS)[number])}>
          {REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`peopleAdmin.endReason.${r}`)}
            </option>
          ))}
        </select>
      </Field>
      <div className={styles.actions}>
        <button type="submit" className={`${form.button} ${form.danger}`} disabled={endPost.isPending}>
          {t('peopleAdmin.endPost')}
        </button>
        <button type="button" className={form.button} onClick={onDone}>
          {t('peopleAdmin.cancel')}
        </button>
      </div>
      {endPost.error && <p className={form.alert}>{apiErrorText(endPost.error, t)}</p>}
    </form>
  );
}
