import { useTranslation } from 'react-i18next';

/** Placeholder of the public responsibility list (上墙公示, issue 17); replaced by the page itself. */
export function ResponsibilitiesPage() {
  const { t } = useTranslation();
  return <h1>{t('responsibilities.title')}</h1>;
}
