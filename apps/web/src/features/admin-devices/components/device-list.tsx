import { DEVICE_STATES, type DeviceDto, type DeviceState } from '@grid/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { casePathOf } from '../../../app/navigation';
import { useSession } from '../../../api/session-store';
import { useAreas, useDepartments, useEnglish } from '../../../cases/use-reference-data';
import { apiErrorText } from '../../../ui/api-error-text';
import form from '../../../ui/form.module.css';
import table from '../../../ui/table.module.css';
import styles from '../../admin-people/components/people-admin.module.css';
import { useDeviceActions, useDeviceRegistry } from '../hooks/use-devices';
import { Pager } from '../../admin/components/pager';

const TONE: Record<DeviceState, string> = { alarm: 'warn', recovered: 'warn', normal: 'ok', retired: '' };

/** The registry, devices in alarm first: searchable by code or name, filtered by state; a device can be retired. */
export function DeviceList() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [state, setState] = useState<DeviceState | null>(null);
  const [page, setPage] = useState(1);
  const devices = useDeviceRegistry({ q: q.trim(), state, page });
  const pages = Math.max(1, Math.ceil((devices.data?.total ?? 0) / 25));
  return (
    <div className={styles.panel}>
      <div className={form.row}>
        <label className={form.field} style={{ flex: '1 1 280px' }}>
          <span className={form.label}>{t('devicesAdmin.search')}</span>
          <input
            className={form.input}
            type="search"
            value={q}
            placeholder={t('devicesAdmin.searchHint')}
            onChange={(e) => {
              setQ(e.target.value);
              setPage(1);
            }}
            data-testid="devices-search"
          />
        </label>
        <div className={form.chips} role="group" aria-label={t('devicesAdmin.state')}>
          {[null, ...DEVICE_STATES].map((s) => (
            <button
              key={s ?? 'all'}
              type="button"
              className={form.chip}
              aria-pressed={state === s}
              onClick={() => {
                setState(s);
                setPage(1);
              }}
            >
              {s ? t(`sensors.state.${s}`) : t('devicesAdmin.allStates')}
            </button>
          ))}
        </div>
      </div>
      {devices.error && <p className={form.alert}>{apiErrorText(devices.error, t)}</p>}
      <div className={table.wrap}>
        <table className={table.table} data-testid="devices-table">
          <thead>
            <tr>
              <th>{t('devicesAdmin.code')}</th>
              <th>{t('devicesAdmin.kind')}</th>
              <th>{t('devicesAdmin.name')}</th>
              <th>{t('devicesAdmin.grid')}</th>
              <th>{t('devicesAdmin.department')}</th>
              <th>{t('devicesAdmin.state')}</th>
              <th>{t('devicesAdmin.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {(devices.data?.items ?? []).map((device) => (
              <DeviceRow key={device.id} device={device} />
            ))}
          </tbody>
        </table>
      </div>
      {devices.data && !devices.data.items.length && <p>{t('devicesAdmin.none')}</p>}
      <Pager page={page} pages={pages} label={t('devicesAdmin.page', { page, pages, total: devices.data?.total ?? 0 })} onPage={setPage} />
    </div>
  );
}

function DeviceRow({ device }: { device: DeviceDto }) {
  const { t } = useTranslation();
  const english = useEnglish();
  const areas = useAreas();
  const departments = useDepartments();
  const department = departments.list.find((d) => d.code === device.departmentCode);
  const role = useSession()?.user.role;
  const { retire } = useDeviceActions();
  const casePath = device.alarm && role ? casePathOf(role, device.alarm.caseId) : null;
  return (
    <tr data-testid="device-row" data-code={device.code} data-state={device.state}>
      <td>{device.code}</td>
      <td>{english ? device.kindNameEn : device.kindName}</td>
      <td>{device.name ?? ''}</td>
      <td>{areas.name(device.gridId)}</td>
      <td>{department ? (english ? department.nameEn : department.name) : (device.departmentCode ?? '')}</td>
      <td>
        <span className={styles.badge} data-tone={TONE[device.state]}>
          {t(`sensors.state.${device.state}`)}
        </span>
        {device.alarm && (
          <>
            {' '}
            {t('sensors.alarms', { count: device.alarm.alarms })}
            {casePath ? (
              <>
                {' · '}
                <Link to={casePath}>{device.alarm.caseCode}</Link>
              </>
            ) : null}
          </>
        )}
      </td>
      <td>
        {device.state !== 'retired' && (
          <button
            type="button"
            className={form.button}
            disabled={retire.isPending}
            onClick={() => {
              if (window.confirm(t('devicesAdmin.confirmRetire', { code: device.code }))) retire.mutate(device);
            }}
          >
            {t('devicesAdmin.retire')}
          </button>
        )}
      </td>
    </tr>
  );
}
