import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import form from '../../../ui/form.module.css';
import { PeopleImport } from './people-import';
import { PeopleList } from './people-list';
import { VillagePairings } from './village-pairings';
import styles from './people-admin.module.css';

const VIEWS = ['people', 'import', 'pairings'] as const;
type View = (typeof VIEWS)[number];

/** The console's people section: people and their posts, the import from Excel or CSV, and 包村 pairings. */
export function PeopleAdmin() {
  const { t } = useTranslation();
  const [view, setView] = useState<View>('people');
  return (
    <section className={styles.admin}>
      <div className={styles.head}>
        <h1 className={styles.title}>{t('admin.section.people')}</h1>
        <div className={form.chips} role="group" aria-label={t('peopleAdmin.views')}>
          {VIEWS.map((v) => (
            <button key={v} type="button" className={form.chip} aria-pressed={view === v} onClick={() => setView(v)} data-testid={`people-view-${v}`}>
              {t(`peopleAdmin.view.${v}`)}
            </button>
          ))}
        </div>
      </div>
      {view === 'people' && <PeopleList />}
      {view === 'import' && <PeopleImport />}
      {view === 'pairings' && <VillagePairings />}
    </section>
  );
}
