import type { AreaFeature, BoundaryGeometry, TerritoryEditRequest, TerritoryImportDto } from '@grid/contracts';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCheckEdit, useTerritoryAreas } from '../hooks/use-territory';
import { refusalText } from './refusal-text';
import styles from './territory-admin.module.css';
import { type EditMode, TerritoryEditMap } from './territory-edit-map';
import { TerritoryReview } from './territory-review';
import { useGeoman } from './use-geoman';

const ACTIONS = ['move', 'split', 'merge'] as const;

/**
 * Editing one boundary on the map (ADR 0015): choose a grid, then move its vertices, draw a line to split it, or
 * choose a neighbour to merge it with; the edit is checked like an import and previewed and applied the same way.
 */
export function TerritoryEdit() {
  const { t, i18n } = useTranslation();
  const grids = useTerritoryAreas('grid');
  const villages = useTerritoryAreas('village');
  const geoman = useGeoman();
  const check = useCheckEdit();
  const [code, setCode] = useState<string | null>(null);
  const [mode, setMode] = useState<EditMode>('select');
  const [attempt, setAttempt] = useState(0);
  const [boundary, setBoundary] = useState<BoundaryGeometry | null>(null);
  const [line, setLine] = useState<[number, number][] | null>(null);
  const [name, setName] = useState('');
  const [other, setOther] = useState<string | null>(null);
  const [checked, setChecked] = useState<TerritoryImportDto | null>(null);

  const list = useMemo(() => [...(grids.data?.features ?? [])].sort((a, b) => a.properties.code.localeCompare(b.properties.code)), [grids.data]);
  const selected = list.find((g) => g.properties.code === code) ?? null;
  const siblings = list.filter((g) => selected && g.properties.parentId === selected.properties.parentId && g !== selected);

  const start = (next: EditMode) => {
    setMode(next);
    setBoundary(null);
    setLine(null);
    setOther(null);
    setAttempt((n) => n + 1);
    setChecked(null);
    check.reset();
  };
  const choose = (next: string | null) => {
    setCode(next);
    start('select');
  };
  const pick = (at: string) => {
    if (mode === 'select') choose(at);
    else if (mode === 'merge' && at !== code) setOther(at);
  };

  const edit: TerritoryEditRequest | null = !code
    ? null
    : mode === 'move' && boundary
      ? { kind: 'move', areaCode: code, boundary }
      : mode === 'split' && line && name.trim()
        ? { kind: 'split', areaCode: code, line, name: name.trim() }
        : mode === 'merge' && other
          ? { kind: 'merge', areaCode: code, otherCode: other }
          : null;
  const refusal = refusalText(t, check.error);

  return (
    <section className={styles.section} aria-labelledby="territory-edit">
      <h2 id="territory-edit">{t('territoryAdmin.edit.title')}</h2>
      <p className={styles.note}>{t('territoryAdmin.edit.help')}</p>
      <div className={styles.row}>
        <GridSelect label={t('territoryAdmin.edit.grid')} none={t('territoryAdmin.edit.chooseGrid')} grids={list} value={code} onChange={choose} />
        {ACTIONS.map((action) => (
          <button key={action} type="button" className={styles.button} aria-pressed={mode === action} disabled={!selected} onClick={() => start(action)}>
            {t(`territoryAdmin.edit.${action}`)}
          </button>
        ))}
        {mode !== 'select' && (
          <button type="button" className={styles.secondary} onClick={() => start('select')}>
            {t('territoryAdmin.edit.cancel')}
          </button>
        )}
      </div>
      <p className={styles.note} role="status">
        {t(`territoryAdmin.edit.hint.${selected ? mode : 'choose'}`)}
      </p>
      {mode === 'split' && (
        <div className={styles.row}>
          <label className={styles.field}>
            {t('territoryAdmin.edit.newName')}
            <input value={name} maxLength={64} onChange={(e) => setName(e.target.value)} />
          </label>
          <span className={styles.note}>{line ? t('territoryAdmin.edit.lineDrawn', { points: line.length }) : t('territoryAdmin.edit.noLine')}</span>
          {line && (
            <button type="button" className={styles.secondary} onClick={() => start('split')}>
              {t('territoryAdmin.edit.redraw')}
            </button>
          )}
        </div>
      )}
      {mode === 'merge' && (
        <GridSelect label={t('territoryAdmin.edit.mergeWith')} none={t('territoryAdmin.edit.chooseNeighbour')} grids={siblings} value={other} onChange={setOther} />
      )}
      {grids.data && geoman ? (
        <TerritoryEditMap
          grids={grids.data}
          villages={villages.data}
          selected={selected}
          other={other}
          mode={mode}
          attempt={attempt}
          language={i18n.language.startsWith('zh') ? 'zh' : 'en'}
          onPick={pick}
          onBoundary={setBoundary}
          onLine={(drawn) => setLine(drawn.map(([lng, lat]) => [lng, lat]))}
        />
      ) : (
        <p>{t('territoryAdmin.preview.loading')}</p>
      )}
      {mode !== 'select' && (
        <div className={styles.row}>
          <button type="button" className={styles.button} disabled={!edit || check.isPending} onClick={() => edit && check.mutate(edit, { onSuccess: setChecked })}>
            {check.isPending ? t('territoryAdmin.import.checking') : t('territoryAdmin.edit.check')}
          </button>
        </div>
      )}
      {refusal && (
        <p role="alert" className={styles.error}>
          {refusal}
        </p>
      )}
      {checked?.summary.edit && (
        <>
          <p role="status" className={checked.status === 'valid' ? styles.ok : styles.error}>
            {checked.status === 'valid'
              ? t('territoryAdmin.edit.valid', { edit: describe(t, checked), warnings: checked.summary.warnings })
              : t('territoryAdmin.edit.invalid', { edit: describe(t, checked), errors: checked.summary.errors, warnings: checked.summary.warnings })}
          </p>
          <TerritoryReview key={checked.id} checked={checked} />
        </>
      )}
    </section>
  );
}

/** A choice of grids by "name · code" (the keyboard's way to what a click on the map chooses). */
function GridSelect({ label, none, grids, value, onChange }: { label: string; none: string; grids: AreaFeature[]; value: string | null; onChange: (code: string | null) => void }) {
  return (
    <label className={styles.field}>
      {label}
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">{none}</option>
        {grids.map((g) => (
          <option key={g.properties.code} value={g.properties.code}>
            {`${g.properties.name} · ${g.properties.code}`}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The edit in the user's language, e.g. 拆分 610902107001001 → 610902107001001 + 610902107001006. */
function describe(t: TFunction, checked: TerritoryImportDto): string {
  const edit = checked.summary.edit;
  if (!edit) return '';
  if (edit.kind === 'split') return t('territoryAdmin.edit.describe.split', { code: edit.areaCode, created: edit.created[0] });
  if (edit.kind === 'merge') return t('territoryAdmin.edit.describe.merge', { code: edit.areaCode, retired: edit.retired[0] });
  return t('territoryAdmin.edit.describe.move', { code: edit.areaCode });
}
