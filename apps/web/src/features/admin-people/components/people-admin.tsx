import { useTranslation } from 'react-i18next';

/** Placeholder of the console's people section (issue 17); replaced by the section itself. */
export function PeopleAdmin() {
  const { t } = useTranslation();
  return <h1>{t('admin.section.people')}</h1>;
}
