import { pick } from '../random';
import { chance, type Random } from './history-random';

// Everything here is invented: places are generic landmarks, callers are recorded the way a hotline
// records them (surname + 先生/女士), and phone numbers are random. Say so wherever the demo shows them.

const PLACES = [
  '村委会门前', '菜市场东侧', '小学门口', '卫生院旁', '公交站台', '桥头', '安置小区3号楼', '安置小区5号楼下',
  '滨河路口', '老街', '集贸市场', '文化广场', '幼儿园附近', '加油站对面', '二组路口', '四组便道',
  '农贸市场北门', '河堤步道', '停车场入口', '商业街', '便民服务中心', '村卫生室后', '中学东门', '十字路口',
];

/** `{p}` stands for a place. Descriptions stay short and neutral, as a worker types them on a phone. */
const DESCRIPTIONS: Readonly<Record<string, readonly string[]>> = {
  'city.litter': ['{p}堆放生活垃圾约2立方米，未及时清理', '{p}有暴露垃圾，气味较大', '{p}绿化带内散落大量塑料袋和纸屑'],
  'city.posters': ['{p}墙面张贴大量小广告', '{p}电线杆上乱贴办证广告', '{p}围墙被乱涂乱画'],
  'city.garbage_collection': ['{p}垃圾桶已满溢两天未清运', '{p}垃圾收集点清运不及时，周边有异味'],
  'city.greenery': ['{p}绿化带被车辆碾压损毁', '{p}行道树被人为折断'],
  'city.facility': ['{p}路灯不亮已有一周', '{p}井盖破损，存在安全隐患', '{p}公共座椅损坏'],
  'dispute.neighbour': ['{p}两户居民因空调外机噪音发生争执', '邻居因楼道堆物产生矛盾，请求调解', '两户村民因排水问题发生口角'],
  'dispute.family': ['村民反映家庭赡养问题产生矛盾，请求调解', '夫妻因家庭琐事多次争吵，邻居反映'],
  'dispute.property': ['{p}居民反映物业收费不合理', '{p}小区电梯长期故障，业主与物业发生纠纷'],
  'dispute.land': ['两个村民小组因山林界址不清发生纠纷', '村民反映承包地边界被他人侵占'],
  'dispute.wages': ['务工人员反映工地拖欠工资三个月', '{p}餐馆员工反映被拖欠工资'],
  'safety.fire': ['{p}消防通道被杂物堵塞', '{p}商铺灭火器过期未更换', '{p}楼道内堆放易燃杂物'],
  'safety.ebike': ['{p}居民从楼上私拉电线为电动车充电', '{p}楼道内停放电动车并充电', '{p}电动车入户充电，存在火灾隐患'],
  'safety.gas': ['{p}餐馆液化气罐存放不规范', '{p}居民反映楼道有燃气异味'],
  'safety.building': ['{p}老旧房屋墙体开裂', '村民反映土坯房屋顶局部坍塌'],
  'safety.geohazard': ['{p}后山坡体出现裂缝', '连续降雨后{p}边坡有落石'],
  'order.theft': ['{p}有电动车电瓶被盗', '村民反映夜间农具被盗'],
  'order.fraud': ['村民反映接到冒充客服的诈骗电话', '老人反映有人上门推销保健品，疑似诈骗'],
  'order.vice': ['群众反映{p}附近有可疑人员聚集'],
  'order.noise': ['{p}夜间广场舞音响声音过大', '{p}商铺外放音响扰民', '{p}工地夜间施工噪音扰民'],
  'emergency.fire': ['{p}附近民房起火，已拨打119', '{p}杂草起火，火势较小'],
  'emergency.flood': ['强降雨导致{p}积水严重，车辆无法通行', '{p}河道水位上涨，漫过便道'],
  'emergency.accident': ['{p}厂房内发生工人受伤事故', '{p}工地脚手架局部坍塌'],
  'emergency.public_health': ['{p}多名群众出现腹泻症状', '学校反映多名学生发热'],
  'emergency.mass': ['{p}十余名群众聚集反映问题'],
  'livelihood.assistance': ['独居老人生活困难，申请临时救助', '村民因病致贫，咨询救助政策'],
  'livelihood.elderly': ['高龄独居老人需要上门照料服务', '{p}老人反映助餐点饭菜不足'],
  'livelihood.utilities': ['{p}停水已超过一天', '{p}自来水管道破裂漏水', '{p}居民反映电压不稳'],
  'livelihood.road': ['{p}路面坑洼积水，影响通行', '{p}道路塌陷约1平方米'],
  'livelihood.consumer': ['村民反映在{p}商店买到过期食品', '消费者反映预付卡商家关门无法退费'],
  'livelihood.enquiry': ['村民咨询城乡居民医保缴费政策', '居民咨询高龄补贴申领办法', '村民咨询养老保险补缴'],
  'ecology.burning': ['{p}有人焚烧秸秆，烟雾较大', '{p}露天焚烧垃圾'],
  'ecology.water': ['{p}河道水面漂浮油污', '{p}池塘出现死鱼，水体发黑'],
  'ecology.sewage': ['{p}餐馆污水直排雨水管', '{p}养殖场污水直排河道'],
  'ecology.dust': ['{p}工地渣土未覆盖，扬尘严重', '{p}运输车辆抛洒渣土'],
  'ecology.dumping': ['{p}有人倾倒建筑垃圾', '{p}荒地被倾倒大量废弃物'],
  'construction.structure': ['{p}居民在楼顶违规搭建彩钢房', '{p}商户占用公共区域搭建棚子'],
  'construction.farmland': ['村民反映有人在耕地上建房', '{p}农田被堆放建材'],
  'construction.alteration': ['{p}住户装修拆除承重墙', '{p}商铺装修擅自改变结构'],
  'construction.site': ['{p}工地未设置围挡', '{p}工地夜间违规施工'],
  'street.vending': ['{p}流动摊贩占道经营', '{p}水果摊占用人行道', '{p}早市摊位占用车行道'],
  'street.outside_shop': ['{p}商铺将货物摆放至店外', '{p}餐馆占道摆放桌椅'],
  'street.parking': ['{p}车辆乱停乱放，堵塞通道', '{p}共享单车堆放杂乱', '{p}机动车占用消防通道停放'],
  'street.food': ['{p}无证流动食品摊贩', '{p}烧烤摊无经营许可'],
  'petition.visit': ['群众来访反映征地补偿问题', '群众来访反映安置房分配问题'],
  'petition.letter': ['群众来信反映村务公开问题', '来信反映低保评定不公'],
  'petition.collective': ['多名群众集体反映拆迁补偿问题'],
  'special.mental': ['网格内严重精神障碍患者近期情绪不稳定', '监护人反映患者未按时服药'],
  'special.correction': ['社区矫正对象未按时报到', '社区矫正对象近期外出未请假'],
  'special.drug': ['社区戒毒人员近期联系不上'],
  'special.left_behind': ['留守儿童放学后无人照看', '留守老人独居，需定期探访'],
};

/** Results (反馈) by the category's parent code. */
const RESULTS: Readonly<Record<string, readonly string[]>> = {
  city: ['已清理完毕，现场恢复整洁', '已通知保洁清运完毕', '已清除，现场已恢复'],
  dispute: ['经调解双方达成和解', '已组织双方协商，达成书面协议'],
  safety: ['已督促整改，隐患已消除', '已清理通道，隐患消除'],
  order: ['已会同民警处置', '已劝导，现场恢复正常'],
  emergency: ['险情已处置，现场已恢复', '已组织人员处置完毕，无人员伤亡'],
  livelihood: ['已协调解决，当事人认可', '已答复政策并协助办理'],
  ecology: ['已制止并督促整改', '已清理完毕，现场恢复'],
  construction: ['已责令停止施工并限期整改', '违建部分已拆除'],
  street: ['已劝导摊主离开，现场恢复', '已规范停放，通道畅通'],
  petition: ['已按政策答复并做好解释', '已答复来访群众'],
  special: ['已上门走访，情况稳定', '已落实监护和帮扶措施'],
};
const RESULT_FALLBACK = ['已处置完毕', '已处理，现场已恢复'];
/** Where a leaf's result reads differently from its parent's. */
const RESULTS_BY_CODE: Readonly<Record<string, readonly string[]>> = {
  'city.posters': ['小广告已清除', '涂画已清理覆盖'],
  'city.facility': ['已维修完毕，恢复使用', '已更换损坏部件'],
  'city.greenery': ['已补植修复', '已督促责任单位补种'],
  'safety.ebike': ['已劝导拆除私拉电线，电动车已移至集中充电点', '已督促整改，隐患已消除'],
  'livelihood.road': ['路面已修补', '已设置警示并完成修复'],
  'livelihood.utilities': ['已抢修恢复供水', '已协调供电部门维修完毕'],
  'livelihood.enquiry': ['已电话答复政策', '已上门讲解并协助办理'],
  'order.noise': ['已劝导降低音量，现场恢复安静', '已督促施工单位停止夜间作业'],
  'order.theft': ['已移交派出所立案调查', '已报警并协助民警调查'],
  'order.fraud': ['已会同民警上门开展防诈宣传', '已移交派出所处理'],
  'ecology.burning': ['已扑灭并劝导，现场已清理', '已制止焚烧并开展宣传'],
};

const PROGRESS = ['已到现场查看，正在联系责任人', '已与当事人沟通，约定整改时间', '已安排人员处理，处理中', '已联系相关单位协助处理', '正在跟进，当事人配合'];
const EMERGENCY_PROGRESS = ['已赶赴现场，正在组织处置', '现场已设置警戒，正在处置', '已疏散周边群众，处置中'];

export const REASONS = {
  escalate: ['情况复杂，超出本级处置能力，申请上级协调', '涉及多个部门，需上级统筹', '当事人不配合，需上级协调'],
  return: ['经核实不属于本单位职责，请重新派遣', '需更高层级协调处置，请重新派遣'],
  extension: ['需等待材料配件到位', '当事人外出，需延期处理', '涉及多方协调，需延长处置时间'],
  suspension: ['需申请专项资金，暂时挂账', '受天气影响暂无法施工', '已进入司法程序，待结果后处理'],
  resume: ['条件已具备，恢复处置'],
  rework: ['现场复核未整改到位', '仍有部分问题未处理', '问题反弹，需重新处置'],
  cancel: ['经核实反映问题不属实', '当事人已自行解决，撤销案件'],
  reject: ['不属于受理范围', '信息不完整，无法核实'],
  merge: ['与已上报案件重复，合并处理'],
  namedVerifier: ['网格员自报自处事项，指定核查人'],
  redispatch: ['请按职责处置'],
  whistle: ['请相关部门到场联合处置'],
  reportIn: ['已到场报到'],
  deptComplete: ['本部门职责范围内事项已处置完毕', '已到场完成本部门处置'],
  verifyOnSite: ['现场核查，已整改到位', '核查属实，处置到位'],
  verifyByPhone: ['电话回访，群众确认已解决', '回访群众，表示问题已解决'],
  verifyByResident: ['问题已解决'],
  close: ['处置完成，予以结案'],
  approve: ['同意'],
} as const;

export const say = (random: Random, options: readonly string[]): string => pick(random, options);

export const placeOf = (random: Random): string => pick(random, PLACES);

export function descriptionOf(random: Random, categoryCode: string, place: string): string {
  const templates = DESCRIPTIONS[categoryCode] ?? ['网格巡查发现问题，请及时处置'];
  return pick(random, templates).replace('{p}', place);
}

export const resultOf = (random: Random, categoryCode: string): string =>
  pick(random, RESULTS_BY_CODE[categoryCode] ?? RESULTS[parentOf(categoryCode)] ?? RESULT_FALLBACK);

export const progressNote = (random: Random, categoryCode: string): string => pick(random, parentOf(categoryCode) === 'emergency' ? EMERGENCY_PROGRESS : PROGRESS);

/** The parent code of a leaf code (`city.litter` → `city`). */
export const parentOf = (categoryCode: string): string => categoryCode.split('.')[0];

/** A street address as a hotline operator notes it (sometimes none). */
export const addressOf = (random: Random, place: string): string | null =>
  chance(random, 0.25) ? null : `${place}${chance(random, 0.5) ? '' : `约${10 * (1 + Math.floor(random() * 10))}米`}`;

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕'];
const MOBILE_PREFIXES = ['130', '131', '132', '134', '135', '138', '139', '152', '155', '156', '159', '166', '173', '176', '181', '185', '189', '191'];

/** A caller as a hotline records them: 王女士, 李先生. Fictional. */
export const callerName = (random: Random): string => pick(random, SURNAMES) + (chance(random, 0.5) ? '先生' : '女士');

/** A random mobile number (fictional; it may belong to anyone, so it is never dialled from the demo). */
export const callerPhone = (random: Random): string => pick(random, MOBILE_PREFIXES) + String(Math.floor(random() * 1e8)).padStart(8, '0');
