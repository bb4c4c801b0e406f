import type { CategoryExtraField, TimeLimit } from '@grid/contracts';
import type { CategorySeed } from './territory';

/**
 * The default responsibility list (权责清单): two levels of case categories with who handles them, how
 * fast, and what they earn in the assessment. Data, not code: admins edit it after the first load.
 * A leaf inherits every field of its parent except those it overrides.
 */

type TimeLimits = CategorySeed['timeLimits'];
const limits = (normal: TimeLimit, urgent: TimeLimit, emergency: TimeLimit): TimeLimits => ({ normal, urgent, emergency });
const hours = (acceptHours: number, handleHours: number): TimeLimit => ({ acceptHours, handleHours });

// Working hours unless the category's clock is 'calendar'.
/** Minor matters a grid worker settles on the spot. */
const MINOR = limits(hours(2, 24), hours(1, 8), hours(0.5, 4));
/** The common case: two working days to handle. */
const STANDARD = limits(hours(2, 40), hours(1, 8), hours(0.5, 4));
/** Matters needing several parties, an inspection or a decision: two working weeks. */
const COMPLEX = limits(hours(4, 80), hours(2, 24), hours(0.5, 4));
/** Emergencies run on calendar hours: the clock does not stop at night or on holidays. */
const EMERGENCY = limits(hours(1, 24), hours(0.5, 8), hours(0.5, 4));

const option = (key: string, name: string, nameEn: string) => ({ key, name, nameEn });
/** Extra fields of the few categories whose handlers need more than the common report fields. */
const POTHOLE_FIELDS: CategoryExtraField[] = [
  { code: 'size', name: '坑洼面积', nameEn: 'Size of the pothole', type: 'singlevaluelist', required: true, options: [option('small', '小于1平方米', 'under 1 m²'), option('medium', '1至5平方米', '1 to 5 m²'), option('large', '大于5平方米', 'over 5 m²')] },
  { code: 'traffic_blocked', name: '是否影响通行', nameEn: 'Does it block traffic?', type: 'singlevaluelist', required: false, options: [option('yes', '是', 'yes'), option('no', '否', 'no')] },
];
const FACILITY_FIELDS: CategoryExtraField[] = [
  { code: 'facility', name: '设施类型', nameEn: 'Kind of facility', type: 'singlevaluelist', required: true, options: [option('streetlight', '路灯', 'Street light'), option('manhole', '井盖', 'Manhole cover'), option('railing', '护栏', 'Railing'), option('bench', '座椅', 'Bench'), option('other', '其他', 'Other')] },
  { code: 'asset_number', name: '设施编号', nameEn: 'Number on the facility', type: 'string', required: false, description: '路灯杆或井盖上的编号（如有）' },
];
const PARKING_FIELDS: CategoryExtraField[] = [
  { code: 'vehicles', name: '车辆类型', nameEn: 'Vehicles', type: 'multivaluelist', required: false, options: [option('car', '汽车', 'Cars'), option('ebike', '电动车', 'E-bikes'), option('bicycle', '自行车', 'Bicycles')] },
];

type Fields = Omit<CategorySeed, 'code' | 'parentCode' | 'name' | 'nameEn'>;
interface Leaf {
  code: string;
  name: string;
  nameEn: string;
  overrides: Partial<Fields>;
}
interface Parent extends Fields {
  code: string;
  name: string;
  nameEn: string;
  leaves: Leaf[];
}

const leaf = (code: string, name: string, nameEn: string, overrides: Partial<Fields> = {}): Leaf => ({ code, name, nameEn, overrides });

const BASE: Fields = {
  handlingLevel: 'grid',
  departmentCode: null,
  clock: 'working',
  timeLimits: STANDARD,
  requiresVerification: true,
  points: 2,
  sensitive: false,
};
const parent = (code: string, name: string, nameEn: string, fields: Partial<Fields>, leaves: Leaf[]): Parent => ({
  ...BASE,
  ...fields,
  code,
  name,
  nameEn,
  leaves,
});

const TREE: Parent[] = [
  parent('city', '市容环境', 'City appearance', { departmentCode: 'zhzf' }, [
    leaf('litter', '暴露垃圾', 'Exposed rubbish', { timeLimits: MINOR, points: 1 }),
    leaf('posters', '乱张贴乱涂画', 'Illegal posters and graffiti', { timeLimits: MINOR, points: 1 }),
    leaf('garbage_collection', '垃圾清运不及时', 'Rubbish not collected', { handlingLevel: 'village' }),
    leaf('greenery', '绿化损毁', 'Damaged greenery', { handlingLevel: 'village' }),
    leaf('facility', '公共设施损坏', 'Damaged public facilities', { handlingLevel: 'department', departmentCode: 'zj', timeLimits: COMPLEX, points: 3, extraFields: FACILITY_FIELDS }),
  ]),
  parent('dispute', '矛盾纠纷', 'Disputes', { handlingLevel: 'village', sensitive: true, timeLimits: COMPLEX, points: 3 }, [
    leaf('neighbour', '邻里纠纷', 'Neighbour disputes', { handlingLevel: 'grid', timeLimits: STANDARD, points: 2 }),
    leaf('family', '婚姻家庭纠纷', 'Marriage and family disputes'),
    leaf('property', '物业纠纷', 'Property management disputes', { departmentCode: 'zj' }),
    leaf('land', '土地山林权属纠纷', 'Land and forest ownership disputes', { handlingLevel: 'zone', departmentCode: 'zrzy' }),
    leaf('wages', '劳资纠纷', 'Unpaid wages', { handlingLevel: 'zone' }),
  ]),
  parent('safety', '安全隐患', 'Safety hazards', { handlingLevel: 'village', departmentCode: 'yjgl' }, [
    leaf('fire', '消防隐患', 'Fire hazards', { handlingLevel: 'department' }),
    leaf('ebike', '电动车违规充电', 'Unsafe e-bike charging', { handlingLevel: 'grid', timeLimits: MINOR }),
    leaf('gas', '燃气安全隐患', 'Gas safety hazards', { handlingLevel: 'department', departmentCode: 'zj' }),
    leaf('building', '危房险房', 'Dangerous buildings', { handlingLevel: 'department', departmentCode: 'zj', timeLimits: COMPLEX, points: 3 }),
    leaf('geohazard', '地质灾害隐患', 'Geological hazards', { handlingLevel: 'department', departmentCode: 'zrzy', points: 3 }),
  ]),
  parent('order', '社会治安', 'Public order', { handlingLevel: 'department', departmentCode: 'pcs' }, [
    leaf('theft', '盗窃线索', 'Theft leads'),
    leaf('fraud', '电信诈骗线索', 'Telecom fraud leads'),
    // Tip-offs about vice must not reach the public tracking page, where the suspects could read them.
    leaf('vice', '涉赌涉黄线索', 'Gambling and prostitution leads', { sensitive: true }),
    leaf('noise', '噪声扰民', 'Noise nuisance', { timeLimits: MINOR, points: 1 }),
  ]),
  parent('emergency', '突发事件', 'Emergencies', { handlingLevel: 'zone', departmentCode: 'yjgl', clock: 'calendar', timeLimits: EMERGENCY, points: 5 }, [
    leaf('fire', '火灾', 'Fire'),
    leaf('flood', '汛情险情', 'Flooding and waterlogging'),
    leaf('accident', '安全生产事故', 'Work-safety accidents', { handlingLevel: 'department' }),
    leaf('public_health', '公共卫生事件', 'Public health incidents', { departmentCode: null }),
    leaf('mass', '群体性事件', 'Mass incidents', { departmentCode: 'pcs', sensitive: true }),
  ]),
  parent('livelihood', '民生服务', 'Livelihood services', { handlingLevel: 'village', departmentCode: 'mz' }, [
    leaf('assistance', '困难救助', 'Hardship assistance'),
    leaf('elderly', '养老服务', 'Elderly care'),
    leaf('utilities', '水电气报修', 'Water, power and gas repairs', { departmentCode: 'zj' }),
    leaf('road', '道路坑洼', 'Potholes', { handlingLevel: 'department', departmentCode: 'zj', timeLimits: COMPLEX, extraFields: POTHOLE_FIELDS }),
    leaf('consumer', '消费维权', 'Consumer complaints', { handlingLevel: 'department', departmentCode: 'scjg' }),
    leaf('enquiry', '政策咨询', 'Policy enquiries', { handlingLevel: 'grid', departmentCode: null, timeLimits: MINOR, requiresVerification: false, points: 1 }),
  ]),
  parent('ecology', '生态环保', 'Ecology', { handlingLevel: 'department', departmentCode: 'sthj', points: 3 }, [
    leaf('burning', '露天焚烧', 'Open burning', { handlingLevel: 'grid', timeLimits: MINOR, points: 2 }),
    leaf('water', '水体污染', 'Water pollution', { timeLimits: COMPLEX }),
    leaf('sewage', '污水直排', 'Untreated sewage discharge'),
    leaf('dust', '扬尘污染', 'Dust pollution'),
    leaf('dumping', '非法倾倒固废', 'Illegal dumping of solid waste'),
  ]),
  parent('construction', '违法建设', 'Illegal construction', { handlingLevel: 'department', departmentCode: 'zhzf', timeLimits: COMPLEX, points: 3 }, [
    leaf('structure', '违章搭建', 'Unauthorised structures'),
    leaf('farmland', '违法占用耕地', 'Illegal occupation of farmland', { departmentCode: 'zrzy' }),
    leaf('alteration', '违规装修拆改', 'Unauthorised structural alterations', { departmentCode: 'zj' }),
    leaf('site', '工地违规施工', 'Non-compliant construction sites', { departmentCode: 'zj', timeLimits: STANDARD }),
  ]),
  parent('street', '街面秩序', 'Street order', { departmentCode: 'zhzf', timeLimits: MINOR, points: 1 }, [
    leaf('vending', '占道经营', 'Street vending on the roadway'),
    leaf('outside_shop', '出店经营', 'Trading outside the shop front'),
    leaf('parking', '乱停乱放', 'Disorderly parking', { extraFields: PARKING_FIELDS }),
    leaf('food', '无证食品摊贩', 'Unlicensed food vendors', { handlingLevel: 'department', departmentCode: 'scjg', timeLimits: STANDARD, points: 2 }),
  ]),
  parent('petition', '信访', 'Petitions', { handlingLevel: 'zone', sensitive: true, timeLimits: COMPLEX, points: 3 }, [
    leaf('visit', '来访', 'Petition visits'),
    leaf('letter', '来信', 'Petition letters'),
    leaf('collective', '集体访', 'Collective petitions', { handlingLevel: 'district', departmentCode: 'pcs' }),
  ]),
  parent('special', '特殊人群', 'Special groups', { handlingLevel: 'village', sensitive: true }, [
    leaf('mental', '严重精神障碍患者异常', 'Person with severe mental disorder in distress', { departmentCode: 'pcs', timeLimits: limits(hours(1, 8), hours(0.5, 4), hours(0.5, 2)) }),
    leaf('correction', '社区矫正对象异常', 'Person under community correction: irregularity'),
    leaf('drug', '社区戒毒人员异常', 'Person in community drug rehabilitation: irregularity', { departmentCode: 'pcs' }),
    leaf('left_behind', '留守老人儿童关爱', 'Left-behind elderly and children', { departmentCode: 'mz', requiresVerification: false }),
  ]),
];

/** The default categories, each parent followed by its leaves; leaf codes are `<parent>.<leaf>`. */
export const defaultCategories: readonly CategorySeed[] = TREE.flatMap(({ leaves, code, name, nameEn, ...fields }) => [
  { ...fields, code, parentCode: null, name, nameEn },
  ...leaves.map((l) => ({ ...fields, ...l.overrides, code: `${code}.${l.code}`, parentCode: code, name: l.name, nameEn: l.nameEn })),
]);
