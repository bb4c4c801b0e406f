import { useTranslation } from 'react-i18next';
import { currentLanguage, LANGUAGES, setLanguage } from '../../../i18n';
import styles from './language-switch.module.css';

/**
 * Two buttons, each labelled in its own language, so anyone can find theirs. `compact` shortens the
 * labels on phones (中 / EN), where the header has no room for more.
 */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const active = currentLanguage();
  return (
    <div className={`${styles.switch} ${compact ? styles.compact : ''}`} role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className={styles.option}
          aria-pressed={language === active}
          onClick={() => setLanguage(language)}
        >
          <span className={styles.full}>{t(`language.${language}`)}</span>
          <span className={styles.short}>{t(`language.short.${language}`)}</span>
        </button>
      ))}
    </div>
  );
}
