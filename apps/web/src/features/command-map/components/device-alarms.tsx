import type { DeviceDto } from '@grid/contracts';
import { divIcon } from 'leaflet';
import { useTranslation } from 'react-i18next';
import { Marker, Popup, Tooltip } from 'react-leaflet';
import { Link } from 'react-router-dom';
import { useSession } from '../../../api/session-store';
import { casePathOf } from '../../../app/navigation';
import { useEnglish } from '../../../cases/use-reference-data';
import { useDevicesInAlarm } from '../../../sensors/device-queries';
import styles from './device-alarms.module.css';

/** One icon per state, made once: a red pulsing diamond in alarm, an amber one recovered (its case still open). */
const ICONS = {
  alarm: divIcon({ className: `${styles.icon} ${styles.alarm}`, iconSize: [22, 22], html: '<span></span>' }),
  recovered: divIcon({ className: `${styles.icon} ${styles.recovered}`, iconSize: [18, 18], html: '<span></span>' }),
};

function useDeviceWords() {
  const { t } = useTranslation();
  const english = useEnglish();
  return {
    kind: (d: DeviceDto) => (english ? d.kindNameEn : d.kindName),
    state: (d: DeviceDto) => t(`sensors.state.${d.state}`),
    count: (d: DeviceDto) => t('sensors.alarms', { count: d.alarm?.alarms ?? 0 }),
  };
}

/** Devices with an open alarm as markers on the wall (the live channel moves them: sensors/device-queries). */
export function DeviceMarkers() {
  const devices = useDevicesInAlarm().data?.items ?? [];
  const words = useDeviceWords();
  const role = useSession()?.user.role;
  const { t } = useTranslation();
  return (
    <>
      {devices.map((d) => {
        const casePath = d.alarm && role ? casePathOf(role, d.alarm.caseId) : null;
        return (
          <Marker key={d.id} position={[d.location.lat, d.location.lng]} icon={d.state === 'alarm' ? ICONS.alarm : ICONS.recovered} zIndexOffset={1000} keyboard={false}>
            <Tooltip direction="top" offset={[0, -10]}>
              {words.kind(d)} · {d.name ?? d.code} · {words.state(d)}
            </Tooltip>
            <Popup>
              <strong>{words.kind(d)}</strong> {d.code}
              <br />
              {d.name && (
                <>
                  {d.name}
                  <br />
                </>
              )}
              {words.state(d)} · {words.count(d)}
              {d.alarm && casePath && (
                <>
                  <br />
                  <Link to={casePath}>
                    {t('sensors.openCase')} {d.alarm.caseCode}
                  </Link>
                </>
              )}
            </Popup>
          </Marker>
        );
      })}
    </>
  );
}

/** The wall's small list of devices in alarm (hidden while there are none). */
export function DeviceAlarmsPanel() {
  const { t } = useTranslation();
  const devices = useDevicesInAlarm().data?.items ?? [];
  const words = useDeviceWords();
  if (!devices.length) return null;
  const inAlarm = devices.filter((d) => d.state === 'alarm').length;
  return (
    <section className={styles.panel} aria-label={t('sensors.layer')} data-testid="device-alarms">
      <h2 className={styles.title}>
        {t('sensors.layer')} · {t('sensors.inAlarm', { count: inAlarm })}
      </h2>
      <ul className={styles.list}>
        {devices.slice(0, 6).map((d) => (
          <li key={d.id} className={d.state === 'alarm' ? styles.rowAlarm : styles.rowRecovered} data-testid="device-alarm" data-code={d.code}>
            <span className={styles.kind}>{words.kind(d)}</span>
            <span className={styles.name}>{d.name ?? d.code}</span>
            <span className={styles.state}>
              {words.state(d)} · {words.count(d)}
            </span>
          </li>
        ))}
      </ul>
      {devices.length > 6 && <p className={styles.more}>{t('sensors.more', { count: devices.length - 6 })}</p>}
    </section>
  );
}
