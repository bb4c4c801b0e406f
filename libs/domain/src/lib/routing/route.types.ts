import type { HandlingUnit } from '../case/handling-unit.types';

/** Who is alerted of a new case beyond its handler. */
export type AlertTarget = { kind: 'zone_leader'; areaId: string } | { kind: 'command_centre' };

/** Where a new report goes, decided once at intake and kept in the `reported` event. */
export interface Route {
  /** 先属地、后属主 (territory first) or 先属主、后属地 (owner first). */
  order: 'territory_first' | 'owner_first';
  /** The unit that registers and handles the case first. */
  unit: HandlingUnit;
  /** The responsible department (the owner), to summon or dispatch to when the territory goes first. */
  ownerDepartmentId: string | null;
  /** The person pushed the case at once: the grid's on-duty worker, or the department's staff member on duty. */
  assigneeId: string | null;
  /** Who verifies on site when a department handles it (the grid's on-duty worker). */
  verifierId: string | null;
  autoRegister: boolean;
  /** Only with autoRegister. */
  autoDispatch: boolean;
  alerts: AlertTarget[];
}
