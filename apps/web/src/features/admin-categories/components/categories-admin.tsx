import { useTranslation } from 'react-i18next';

/** Placeholder of the console's categories section (issue 17); replaced by the section itself. */
export function CategoriesAdmin() {
  const { t } = useTranslation();
  return <h1>{t('admin.section.categories')}</h1>;
}
