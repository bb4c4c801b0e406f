import type { OneTimePassword, PersonDto } from '@grid/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorText } from '../../../ui/api-error-text';
import form from '../../../ui/form.module.css';
import { postDate, usePostLabels } from '../hooks/use-post-labels';
import { usePeople, usePersonActions } from '../hooks/use-people';
import { AddPostForm } from './add-post-form';
import { Pager } from '../../admin/components/pager';
import { EndPostForm } from './end-post-form';
import table from '../../../ui/table.module.css';
import styles from './people-admin.module.css';

/** People with their posts, searchable; per person: add or end a post, disable or enable, reset the password. */
export function PeopleList() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [includeDisabled, setIncludeDisabled] = useState(false);
  const people = usePeople({ q: q.trim(), page, includeDisabled });
  const pages = Math.max(1, Math.ceil((people.data?.total ?? 0) / 25));
  return (
    <div className={styles.panel}>
      <div className={form.row}>
        <label className={form.field} style={{ flex: '1 1 280px' }}>
          <span className={form.label}>{t('peopleAdmin.search')}</span>
          <input
            className={form.input}
            type="search"
            value={q}
            placeholder={t('peopleAdmin.searchHint')}
            onChange={(e) => {
              setQ(e.target.value);
              setPage(1);
            }}
            data-testid="people-search"
          />
        </label>
        <label className={styles.check}>
          <input type="checkbox" checked={includeDisabled} onChange={(e) => setIncludeDisabled(e.target.checked)} />
          {t('peopleAdmin.includeDisabled')}
        </label>
      </div>
      {people.error && <p className={form.alert}>{apiErrorText(people.error, t)}</p>}
      <div className={table.wrap}>
        <table className={table.table} data-testid="people-table">
          <thead>
            <tr>
              <th>{t('peopleAdmin.name')}</th>
              <th>{t('peopleAdmin.username')}</th>
              <th>{t('peopleAdmin.phone')}</th>
              <th>{t('peopleAdmin.posts')}</th>
              <th>{t('peopleAdmin.status')}</th>
              <th>{t('peopleAdmin.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {(people.data?.items ?? []).map((person) => (
              <PersonRow key={person.id} person={person} />
            ))}
          </tbody>
        </table>
      </div>
      {people.data && !people.data.items.length && <p>{t('peopleAdmin.none')}</p>}
      <Pager page={page} pages={pages} label={t('peopleAdmin.page', { page, pages, total: people.data?.total ?? 0 })} onPage={setPage} />
    </div>
  );
}

function PersonRow({ person }: { person: PersonDto }) {
  const { t } = useTranslation();
  const labels = usePostLabels();
  const actions = usePersonActions();
  const [open, setOpen] = useState<'add' | { end: string } | null>(null);
  const [password, setPassword] = useState<OneTimePassword | null>(null);
  const error = actions.setActive.error ?? actions.resetPassword.error;
  const ending = open && typeof open === 'object' ? person.posts.find((p) => p.id === open.end) : undefined;
  return (
    <tr data-testid={`person-${person.username}`}>
      <td className={styles.nowrap}>{person.displayName}</td>
      <td className={styles.nowrap}>{person.username}</td>
      <td className={styles.nowrap}>{person.phone}</td>
      <td>
        <div className={styles.posts}>
          {person.posts.map((post) => (
            <div key={post.id} className={styles.post} data-active={post.active}>
              <span>
                {labels.typeLabel(post.type)} · {labels.unitLabel(post)}
              </span>
              <span className={styles.badge}>
                {postDate(post.from)} – {post.to ? postDate(post.to) : t('peopleAdmin.open')}
              </span>
              {post.primary && post.active && <span className={styles.badge} data-tone="ok">{t('peopleAdmin.primary')}</span>}
              {post.endReason && <span className={styles.badge}>{t(`peopleAdmin.endReason.${post.endReason}`)}</span>}
              {post.active && (
                <button type="button" className={`${form.button} ${form.ghost}`} onClick={() => setOpen({ end: post.id })}>
                  {t('peopleAdmin.endPost')}
                </button>
              )}
            </div>
          ))}
          {open === 'add' && <AddPostForm person={person} onDone={() => setOpen(null)} />}
          {ending && <EndPostForm person={person} post={ending} onDone={() => setOpen(null)} />}
        </div>
      </td>
      <td>
        {person.active ? <span className={styles.badge} data-tone="ok">{t('peopleAdmin.active')}</span> : <span className={styles.badge} data-tone="danger">{t('peopleAdmin.disabled')}</span>}
        {person.mustChangePassword && <span className={styles.badge} data-tone="warn">{t('peopleAdmin.mustChange')}</span>}
      </td>
      <td>
        <div className={styles.actions}>
          <button type="button" className={form.button} onClick={() => setOpen('add')}>
            {t('peopleAdmin.addPost')}
          </button>
          <button
            type="button"
            className={`${form.button} ${person.active ? form.danger : ''}`}
            onClick={() => {
              if (!person.active || window.confirm(t('peopleAdmin.confirmDisable', { name: person.displayName }))) actions.setActive.mutate({ person, active: !person.active });
            }}
          >
            {person.active ? t('peopleAdmin.disable') : t('peopleAdmin.enable')}
          </button>
          <button
            type="button"
            className={form.button}
            onClick={() => {
              if (window.confirm(t('peopleAdmin.confirmReset', { name: person.displayName }))) actions.resetPassword.mutate(person, { onSuccess: setPassword });
            }}
          >
            {t('peopleAdmin.resetPassword')}
          </button>
        </div>
        {password && (
          <p className={form.notice} role="status">
            {t('peopleAdmin.oneTimePassword')} <span className={styles.secret} data-testid="reset-password">{password.password}</span>
          </p>
        )}
        {error && <p className={form.alert}>{apiErrorText(error, t)}</p>}
      </td>
    </tr>
  );
}
