/**
 * Sensors (物联感知, DESIGN §7a): the device registry, the per-kind rules that route a device's alarms, the signed
 * alarm endpoint and the live channel's device pushes.
 */
import { z } from 'zod';
import { isoInstantSchema, latLngSchema, pageOfSchema } from './api';
import { importProblemSchema } from './people';
import { PRIORITIES } from './vocabulary';

/** A device kind names its rule: lower-case letters, digits and _ (smoke, water_level …). */
export const deviceKindSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,31}$/, 'a kind code: 2–32 lower-case letters, digits or _');

export const deviceCodeSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\w.:/-]+$/, 'letters, digits and . _ : / - only');

const departmentCodeSchema = z.string().trim().min(1).max(32);

/** POST /api/admin/devices */
export const createDeviceSchema = z.object({
  code: deviceCodeSchema,
  kind: deviceKindSchema,
  location: latLngSchema,
  /** The owning department (部件先属主: the device's alarms go to it first); absent: the rule's, else the category's. */
  departmentCode: departmentCodeSchema.nullish(),
  name: z.string().trim().max(128).nullish(),
  address: z.string().trim().max(256).nullish(),
});
export type CreateDeviceRequest = z.input<typeof createDeviceSchema>;

/** PATCH /api/admin/devices/:id: any of the fields; the code stays. */
export const updateDeviceSchema = createDeviceSchema.omit({ code: true }).partial();
export type UpdateDeviceRequest = z.input<typeof updateDeviceSchema>;

export const DEVICE_STATES = ['normal', 'alarm', 'recovered', 'retired'] as const;
/** normal; alarm (an open case, not recovered); recovered (the device reported recovery, its case is still open); retired. */
export type DeviceState = (typeof DEVICE_STATES)[number];

/** A device's current alarm: the case it opened and the alarms counted on it. */
export const deviceAlarmSchema = z.object({
  caseId: z.uuid(),
  caseCode: z.string(),
  kind: z.string(),
  /** Alarms received for this case (the first included). */
  alarms: z.number().int(),
  firstAt: isoInstantSchema,
  lastAt: isoInstantSchema,
  lastValue: z.number().nullable(),
  recoveredAt: isoInstantSchema.nullable(),
});
export type DeviceAlarm = z.infer<typeof deviceAlarmSchema>;

export const deviceDtoSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    kind: z.string(),
    /** The kind's name (its rule's), in Chinese and English. */
    kindName: z.string(),
    kindNameEn: z.string(),
    name: z.string().nullable(),
    location: z.object({ lat: z.number(), lng: z.number() }),
    address: z.string().nullable(),
    gridId: z.uuid(),
    /** [district, zone, village, grid] ids. */
    areaPath: z.array(z.uuid()),
    departmentCode: z.string().nullable(),
    state: z.enum(DEVICE_STATES),
    alarm: deviceAlarmSchema.nullable(),
    createdAt: isoInstantSchema,
    retiredAt: isoInstantSchema.nullable(),
  })
  .meta({ id: 'Device' });
export type DeviceDto = z.infer<typeof deviceDtoSchema>;

/** GET /api/admin/devices (the registry) and GET /api/sensors/devices (the wall: devices in the caller's scope). */
export const deviceListQuerySchema = z.object({
  /** Absent: every device but the retired. */
  state: z.enum(DEVICE_STATES).optional(),
  kind: deviceKindSchema.optional(),
  q: z.string().trim().max(64).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export const deviceListSchema = pageOfSchema(deviceDtoSchema).meta({ id: 'DeviceList' });
export type DeviceList = z.infer<typeof deviceListSchema>;

/** What a device does when it reports recovery while its case is open (per kind, data). */
export const RECOVERY_ACTIONS = ['close', 'verify', 'note'] as const;
/**
 * close: the case closes by itself if nobody has taken it yet (else it goes to verification);
 * verify: the case goes to on-site verification (handled, waiting for the grid's check);
 * note: recorded on the alarm only, the case goes on as it is.
 */
export type RecoveryAction = (typeof RECOVERY_ACTIONS)[number];

/** One kind of device and how its alarms become cases (kept as data, edited by admins). */
export const sensorRuleSchema = z
  .object({
    kind: z.string(),
    name: z.string(),
    nameEn: z.string(),
    categoryCode: z.string(),
    /** The handling department when the device names none; null: the category's (the responsibility list). */
    departmentCode: z.string().nullable(),
    priority: z.enum(PRIORITIES),
    onRecovery: z.enum(RECOVERY_ACTIONS),
  })
  .meta({ id: 'SensorRule' });
export type SensorRuleDto = z.infer<typeof sensorRuleSchema>;
export const sensorRuleListSchema = z.array(sensorRuleSchema);

/** PUT /api/admin/sensor-rules/:kind (creates or replaces) */
export const putSensorRuleSchema = z.object({
  name: z.string().trim().min(1).max(64),
  nameEn: z.string().trim().min(1).max(64),
  categoryCode: z.string().trim().min(1).max(64),
  departmentCode: departmentCodeSchema.nullish(),
  priority: z.enum(PRIORITIES).default('urgent'),
  onRecovery: z.enum(RECOVERY_ACTIONS),
});
export type PutSensorRuleRequest = z.input<typeof putSensorRuleSchema>;

/** POST /api/sensors/alarms, signed by a client of kind `sensor` (as the hotline's orders). */
export const sensorAlarmSchema = z.object({
  deviceCode: deviceCodeSchema,
  kind: deviceKindSchema,
  /** When the device raised it (its own clock). */
  at: isoInstantSchema,
  value: z.number().finite().nullish(),
  /** The device reports it is back to normal. */
  recovered: z.boolean().optional(),
});
export type SensorAlarm = z.input<typeof sensorAlarmSchema>;
export type SensorAlarmParsed = z.output<typeof sensorAlarmSchema>;

/**
 * 201: the alarm opened a case. 200: the device's open case (a repeat, counted; or a recovery), or no case (a
 * recovery of a device without an open case: caseId null).
 */
export const sensorAlarmAcceptedSchema = z
  .object({
    caseId: z.uuid().nullable(),
    caseCode: z.string().nullable(),
    /** Alarms counted on the case so far. */
    alarms: z.number().int(),
    state: z.enum(DEVICE_STATES),
  })
  .meta({ id: 'SensorAlarmAccepted' });
export type SensorAlarmAccepted = z.infer<typeof sensorAlarmAcceptedSchema>;

/** The device registry's columns (header: the key, the Chinese name, or `中文(key)`). */
export const DEVICE_IMPORT_COLUMNS = [
  { key: 'code', zh: '设备编码', required: true },
  { key: 'kind', zh: '设备类型', required: true },
  { key: 'lat', zh: '纬度', required: true },
  { key: 'lng', zh: '经度', required: true },
  { key: 'name', zh: '名称', required: false },
  { key: 'department_code', zh: '部门编码', required: false },
  { key: 'address', zh: '地址', required: false },
] as const;
export type DeviceImportColumn = (typeof DEVICE_IMPORT_COLUMNS)[number]['key'];

export const DEVICE_IMPORT_STATUSES = ['valid', 'invalid', 'applied'] as const;

/** POST /api/admin/devices/imports → 201: checked and kept; nothing is registered until applied. */
export const deviceImportResponseSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(DEVICE_IMPORT_STATUSES),
    problems: z.array(importProblemSchema),
    encoding: z.string(),
    summary: z.object({ rows: z.number().int(), devices: z.number().int() }),
  })
  .meta({ id: 'DeviceImport' });
export type DeviceImportResponse = z.infer<typeof deviceImportResponseSchema>;

/** POST /api/admin/devices/imports/:id/apply → 200: every device registered in one transaction, or none. */
export const deviceImportApplyResponseSchema = z.object({ id: z.uuid(), status: z.literal('applied'), created: z.number().int() }).meta({ id: 'DeviceImportApplied' });
export type DeviceImportApplyResponse = z.infer<typeof deviceImportApplyResponseSchema>;

/** A device registry file larger than this is refused (413). */
export const MAX_DEVICE_FILE_BYTES = 10 * 1024 * 1024;
