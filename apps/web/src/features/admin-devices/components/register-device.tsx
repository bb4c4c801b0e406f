import type { CreateDeviceRequest, LatLng } from '@grid/contracts';
import { lazy, Suspense, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../../../api/api-request-error';
import { useAreas, useDepartments, useEnglish } from '../../../cases/use-reference-data';
import { apiErrorText, apiFieldErrors } from '../../../ui/api-error-text';
import form from '../../../ui/form.module.css';
import styles from '../../admin-people/components/people-admin.module.css';
import { useDeviceActions, useSensorRules } from '../hooks/use-devices';

const LocationPicker = lazy(() => import('../../../map/location-picker').then((m) => ({ default: m.LocationPicker })));

/** Registers one device: its code, kind (a sensor rule), owning department and place, picked on the map (its grid follows). */
export function RegisterDevice({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const english = useEnglish();
  const rules = useSensorRules();
  const departments = useDepartments();
  const areas = useAreas();
  const { register } = useDeviceActions();
  const [code, setCode] = useState('');
  const [kind, setKind] = useState('');
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const [departmentCode, setDepartmentCode] = useState('');
  const [location, setLocation] = useState<LatLng | null>(null);
  const district = areas.list.find((a) => a.level === 'district');
  const errors = apiFieldErrors(register.error, t);
  const taken = register.error instanceof ApiRequestError && register.error.body?.reason === 'code_taken';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    register.mutate(
      // Without a place the API names the missing field (location), as for any other.
      { code: code.trim(), kind, name: name.trim() || null, address: address.trim() || null, departmentCode: departmentCode || null, ...(location ? { location } : {}) } as CreateDeviceRequest,
      { onSuccess: onDone },
    );
  };

  return (
    <form className={styles.panel} onSubmit={submit} data-testid="register-device" noValidate>
      <div className={form.row}>
        <label className={form.field}>
          <span className={form.label}>{t('devicesAdmin.code')}</span>
          <input className={form.input} value={code} onChange={(e) => setCode(e.target.value)} aria-invalid={Boolean(errors['code'])} required maxLength={64} data-testid="device-code" />
          {(taken || errors['code']) && <span className={form.fieldError}>{taken ? t('devicesAdmin.codeTaken', { code }) : errors['code']}</span>}
        </label>
        <label className={form.field}>
          <span className={form.label}>{t('devicesAdmin.kind')}</span>
          <select className={form.select} value={kind} onChange={(e) => setKind(e.target.value)} aria-invalid={Boolean(errors['kind'])} required data-testid="device-kind">
            <option value="">{t('peopleAdmin.choose')}</option>
            {(rules.data ?? []).map((r) => (
              <option key={r.kind} value={r.kind}>
                {english ? r.nameEn : r.name}
              </option>
            ))}
          </select>
          {errors['kind'] && <span className={form.fieldError}>{errors['kind']}</span>}
        </label>
        <label className={form.field}>
          <span className={form.label}>{t('devicesAdmin.department')}</span>
          <select className={form.select} value={departmentCode} onChange={(e) => setDepartmentCode(e.target.value)} data-testid="device-department">
            <option value="">{t('devicesAdmin.ruleDepartment')}</option>
            {departments.list.map((d) => (
              <option key={d.code} value={d.code}>
                {english ? d.nameEn : d.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className={form.row}>
        <label className={form.field}>
          <span className={form.label}>{t('devicesAdmin.name')}</span>
          <input className={form.input} value={name} onChange={(e) => setName(e.target.value)} maxLength={128} />
        </label>
        <label className={form.field}>
          <span className={form.label}>{t('devicesAdmin.address')}</span>
          <input className={form.input} value={address} onChange={(e) => setAddress(e.target.value)} maxLength={256} />
        </label>
      </div>
      <div className={form.field}>
        <span className={form.label}>
          {t('devicesAdmin.location')}
          {location ? ` · ${location.lat.toFixed(5)}, ${location.lng.toFixed(5)} · ${t('devicesAdmin.gridFollows')}` : ''}
        </span>
        {district && (
          <Suspense fallback={<p>{t('common.loading')}</p>}>
            <LocationPicker center={district.centroid} value={location} onPick={setLocation} zoom={11} height="360px" />
          </Suspense>
        )}
        {errors['location'] && <span className={form.fieldError}>{errors['location']}</span>}
      </div>
      {register.error && !taken && !Object.keys(errors).length && <p className={form.alert}>{apiErrorText(register.error, t)}</p>}
      <div className={styles.actions}>
        <button type="submit" className={`${form.button} ${form.primary}`} disabled={register.isPending || !code.trim() || !kind} data-testid="device-submit">
          {t('devicesAdmin.register')}
        </button>
      </div>
    </form>
  );
}
