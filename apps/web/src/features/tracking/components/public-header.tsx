import { useTranslation } from 'react-i18next';
import { usePublicConfig } from '../../../api/public-config';
import { LanguageSwitch } from '../../shell/components/language-switch';
import styles from './track-page.module.css';

/** The top of a resident's public page (no account): the product, the territory, the language switch. */
export function PublicHeader() {
  const { t } = useTranslation();
  const config = usePublicConfig();
  return (
    <header className={styles.top}>
      <p className={styles.brand}>
        {t('app.productName')}
        {config && <span className={styles.territory}> · {config.territoryName}</span>}
      </p>
      <LanguageSwitch compact />
    </header>
  );
}
