import { useTranslation } from 'react-i18next';
import { setHighContrast, useHighContrast } from '../../../ui/contrast';
import styles from './language-switch.module.css';

/**
 * One button that turns the high-contrast theme on and off (for sunlight), remembered on the device: its mark ◐ with
 * its name (高对比度 / High contrast) for screen readers and voice control, and the title as a tooltip. The header
 * has no room for a word beside the language switch at 1440 px in English.
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
      </button>
    </div>
  );
}
