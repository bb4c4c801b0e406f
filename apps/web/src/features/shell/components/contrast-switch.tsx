import { useTranslation } from 'react-i18next';
import { setHighContrast, useHighContrast } from '../../../ui/contrast';
import styles from './language-switch.module.css';
import own from './contrast-switch.module.css';

/**
 * One button that turns the high-contrast theme on and off (for sunlight), remembered on the device. On narrow
 * phones only its mark shows; its name (高对比度 / High contrast) contains the word it shows elsewhere.
 */
export function ContrastSwitch() {
  const { t } = useTranslation();
  const high = useHighContrast();
  return (
    <div className={styles.switch}>
      <button
        type="button"
        className={styles.option}
        aria-pressed={high}
        aria-label={t('contrast.name')}
        onClick={() => setHighContrast(!high)}
        title={t('contrast.title')}
        data-testid="contrast-switch"
      >
        <span aria-hidden="true">◐</span>
        <span className={own.text}> {t('contrast.label')}</span>
      </button>
    </div>
  );
}
