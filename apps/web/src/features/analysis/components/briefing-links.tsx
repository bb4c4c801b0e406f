import type { BriefingArchive } from '@grid/contracts';
import { useTranslation } from 'react-i18next';
import { useApiResource } from '../../../api/use-api-resource';
import { BriefingButton } from './briefing-button';
import styles from './hotspot-section.module.css';
import { AnalysisSection } from './analysis-section';

/** Yesterday's and this week's briefings on demand, and the archive of those generated at the set time. */
export function BriefingLinks() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const archive = useApiResource<BriefingArchive>('/api/briefings');
  const items = archive.state === 'ready' ? archive.data.items.slice(0, 7) : [];
  return (
    <AnalysisSection id="briefings-title" title={t('analysis.briefing.title')} testId="briefings">
      <div className={styles.buttons}>
        <BriefingButton path={`/api/briefings/daily?lang=${lang}`} label={t('analysis.briefing.daily')} testId="open-briefing-daily" />
        <BriefingButton path={`/api/briefings/weekly?lang=${lang}`} label={t('analysis.briefing.weekly')} testId="open-briefing-weekly" />
      </div>
      {items.length > 0 && (
        <ul className={styles.milestones} aria-label={t('analysis.briefing.archive')}>
          {items.map((b) => (
            <li key={b.id}>
              <BriefingButton path={`/api/briefings/archive/${b.id}`} label={`${b.date} · ${t(`analysis.briefing.${b.kind}Short`)} · ${b.scopeName}`} testId="open-archived-briefing" />
            </li>
          ))}
        </ul>
      )}
    </AnalysisSection>
  );
}
