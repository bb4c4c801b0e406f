import { useTranslation } from 'react-i18next';

/** Placeholder of the console's rota section (issue 17); replaced by the section itself. */
export function RotaAdmin() {
  const { t } = useTranslation();
  return <h1>{t('admin.section.rota')}</h1>;
}
