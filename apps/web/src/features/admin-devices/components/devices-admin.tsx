import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import form from '../../../ui/form.module.css';
import styles from '../../admin-people/components/people-admin.module.css';
import { DeviceImport } from './device-import';
import { DeviceList } from './device-list';
import { RegisterDevice } from './register-device';

const VIEWS = ['devices', 'register', 'import'] as const;
type View = (typeof VIEWS)[number];

/** The console's sensors section (物联感知): the device registry with each device's state, registering one, importing a registry. */
export function DevicesAdmin() {
  const { t } = useTranslation();
  const [view, setView] = useState<View>('devices');
  return (
    <section className={styles.admin}>
      <div className={styles.head}>
        <h1 className={styles.title}>{t('admin.section.devices')}</h1>
        <div className={form.chips} role="group" aria-label={t('devicesAdmin.views')}>
          {VIEWS.map((v) => (
            <button key={v} type="button" className={form.chip} aria-pressed={view === v} onClick={() => setView(v)} data-testid={`devices-view-${v}`}>
              {t(`devicesAdmin.view.${v}`)}
            </button>
          ))}
        </div>
      </div>
      {view === 'devices' && <DeviceList />}
      {view === 'register' && <RegisterDevice onDone={() => setView('devices')} />}
      {view === 'import' && <DeviceImport />}
    </section>
  );
}
