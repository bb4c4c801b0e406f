import type { Role } from '@grid/contracts';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, useParams } from 'react-router-dom';
import { useSession } from '../../../api/session-store';
import styles from './admin-page.module.css';

/**
 * The administrator's console: the district's territory, its people and posts, the duty rota, the
 * responsibility list and the sensors (物联感知), each a section of its own (a feature folder `admin-<section>`), loaded when opened.
 * Zone leaders see the rota of their own zone only.
 */
const SECTIONS = {
  territory: { roles: ['admin'], page: lazy(() => import('../../admin-territory/components/territory-admin').then((m) => ({ default: m.TerritoryAdmin }))) },
  people: { roles: ['admin'], page: lazy(() => import('../../admin-people/components/people-admin').then((m) => ({ default: m.PeopleAdmin }))) },
  rota: { roles: ['admin', 'zone_leader'], page: lazy(() => import('../../admin-rota/components/rota-admin').then((m) => ({ default: m.RotaAdmin }))) },
  categories: { roles: ['admin'], page: lazy(() => import('../../admin-categories/components/categories-admin').then((m) => ({ default: m.CategoriesAdmin }))) },
  devices: { roles: ['admin'], page: lazy(() => import('../../admin-devices/components/devices-admin').then((m) => ({ default: m.DevicesAdmin }))) },
} as const satisfies Record<string, { roles: readonly Role[]; page: unknown }>;

export type AdminSection = keyof typeof SECTIONS;
const ORDER: readonly AdminSection[] = ['territory', 'people', 'rota', 'categories', 'devices'];

export function adminSectionsFor(role: Role): AdminSection[] {
  return ORDER.filter((section) => (SECTIONS[section].roles as readonly Role[]).includes(role));
}

export function AdminPage() {
  const { t } = useTranslation();
  const session = useSession();
  const { section } = useParams();
  const sections = session ? adminSectionsFor(session.user.role) : [];
  const current = sections.find((s) => s === section);
  if (!current) return sections[0] ? <Navigate to={`/admin/${sections[0]}`} replace /> : null;
  const Page = SECTIONS[current].page;
  return (
    <div className={styles.page}>
      <nav className={styles.tabs} aria-label={t('admin.label')}>
        {sections.map((s) => (
          <NavLink key={s} to={`/admin/${s}`} className={styles.tab}>
            {t(`admin.section.${s}`)}
          </NavLink>
        ))}
      </nav>
      <Suspense fallback={<p>{t('common.loading')}</p>}>
        <Page />
      </Suspense>
    </div>
  );
}
