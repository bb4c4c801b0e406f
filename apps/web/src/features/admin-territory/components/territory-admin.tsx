import { useTranslation } from 'react-i18next';

/** Placeholder of the console's territory section (issue 17); replaced by the section itself. */
export function TerritoryAdmin() {
  const { t } = useTranslation();
  return <h1>{t('admin.section.territory')}</h1>;
}
