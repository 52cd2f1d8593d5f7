// What the demo company sells, to which industries, and how big and long those deals run.

export const INDUSTRIES = ['医疗器械', 'SaaS软件', '工业制造', '商贸分销', '新能源', '生物医药', '教育', '金融服务'] as const;
export type Industry = (typeof INDUSTRIES)[number];

export interface IndustryProfile {
  /** how company names end, e.g. 医疗器械有限公司 */
  companyWords: readonly string[];
  /** institutions named without a brand suffix pattern, e.g. hospitals, schools */
  institutions: readonly string[];
  /** short word for deal names, e.g. 瑞康医疗 */
  shortWord: string;
  /** relative deal size */
  amountFactor: number;
  /** share of customers on monthly billing */
  monthlyShare: number;
  weight: number;
}

export const INDUSTRY_PROFILES: Record<Industry, IndustryProfile> = {
  医疗器械: { companyWords: ['医疗器械有限公司', '医疗科技有限公司', '医学影像设备有限公司'], institutions: ['医院', '中医院', '妇幼保健院'], shortWord: '医疗', amountFactor: 1.3, monthlyShare: 0.1, weight: 16 },
  SaaS软件: { companyWords: ['软件有限公司', '网络科技有限公司', '信息技术有限公司', '数字科技集团'], institutions: [], shortWord: '科技', amountFactor: 0.6, monthlyShare: 0.6, weight: 15 },
  工业制造: { companyWords: ['精密制造有限公司', '机械股份有限公司', '智能装备有限公司', '汽车零部件有限公司'], institutions: [], shortWord: '制造', amountFactor: 1.4, monthlyShare: 0.1, weight: 16 },
  商贸分销: { companyWords: ['商贸有限公司', '供应链管理有限公司', '贸易集团', '医药连锁有限公司'], institutions: [], shortWord: '商贸', amountFactor: 0.7, monthlyShare: 0.35, weight: 12 },
  新能源: { companyWords: ['新能源科技有限公司', '光伏科技有限公司', '储能技术有限公司', '电池有限公司'], institutions: [], shortWord: '能源', amountFactor: 1.6, monthlyShare: 0.1, weight: 11 },
  生物医药: { companyWords: ['生物医药有限公司', '生物科技有限公司', '制药股份有限公司'], institutions: [], shortWord: '生物', amountFactor: 1.2, monthlyShare: 0.15, weight: 11 },
  教育: { companyWords: ['教育科技有限公司', '教育集团'], institutions: ['职业技术学院', '外国语学校', '实验中学'], shortWord: '教育', amountFactor: 0.5, monthlyShare: 0.3, weight: 9 },
  金融服务: { companyWords: ['融资租赁有限公司', '保险经纪有限公司', '金融信息服务有限公司', '资产管理有限公司'], institutions: ['村镇银行'], shortWord: '金融', amountFactor: 1.1, monthlyShare: 0.25, weight: 10 },
};

export const ACCOUNT_SIZES = ['small', 'medium', 'large', 'enterprise'] as const;
export type AccountSize = (typeof ACCOUNT_SIZES)[number];

export interface SizeProfile {
  /** median deal in yuan */
  medianYuan: number;
  /** how many deals this size of customer brings, relative */
  dealWeight: number;
  /** sales cycle in days, [shortest, longest] */
  cycleDays: readonly [number, number];
  share: number;
}

export const SIZE_PROFILES: Record<AccountSize, SizeProfile> = {
  small: { medianYuan: 60_000, dealWeight: 1, cycleDays: [20, 60], share: 34 },
  medium: { medianYuan: 180_000, dealWeight: 1.6, cycleDays: [35, 90], share: 36 },
  large: { medianYuan: 520_000, dealWeight: 2.4, cycleDays: [50, 130], share: 22 },
  enterprise: { medianYuan: 1_500_000, dealWeight: 3.5, cycleDays: [80, 180], share: 8 },
};

export interface DemoProduct {
  sku: string;
  name: string;
  category: Industry;
  priceYuan: number;
  /** typical quantity range on one order line */
  quantity: readonly [number, number];
}

export const PRODUCTS: readonly DemoProduct[] = [
  { sku: 'MED-US-800', name: '彩色多普勒超声诊断系统', category: '医疗器械', priceYuan: 680_000, quantity: [1, 3] },
  { sku: 'MED-ES-300', name: '高清医用内窥镜系统', category: '医疗器械', priceYuan: 420_000, quantity: [1, 2] },
  { sku: 'MED-PM-12', name: '多参数病人监护仪', category: '医疗器械', priceYuan: 38_000, quantity: [4, 40] },
  { sku: 'MED-SVC-Y', name: '设备年度维保服务包', category: '医疗器械', priceYuan: 60_000, quantity: [1, 5] },
  { sku: 'SAAS-CRM-STD', name: '销售云 标准版（席位/年）', category: 'SaaS软件', priceYuan: 1_980, quantity: [10, 200] },
  { sku: 'SAAS-CRM-ENT', name: '销售云 企业版（席位/年）', category: 'SaaS软件', priceYuan: 3_980, quantity: [20, 300] },
  { sku: 'SAAS-DATA-HUB', name: '客户数据中台', category: 'SaaS软件', priceYuan: 280_000, quantity: [1, 1] },
  { sku: 'SAAS-IMPL-MD', name: '实施服务（人天）', category: 'SaaS软件', priceYuan: 2_500, quantity: [10, 120] },
  { sku: 'MFG-ROBOT-WS', name: '工业机器人焊接工作站', category: '工业制造', priceYuan: 350_000, quantity: [1, 6] },
  { sku: 'MFG-MES', name: 'MES 制造执行系统', category: '工业制造', priceYuan: 480_000, quantity: [1, 1] },
  { sku: 'MFG-CNC-V5', name: '五轴数控加工中心', category: '工业制造', priceYuan: 960_000, quantity: [1, 4] },
  { sku: 'DIST-DMS', name: '经销商管理系统', category: '商贸分销', priceYuan: 120_000, quantity: [1, 1] },
  { sku: 'DIST-WMS-RACK', name: '智能仓储货架系统', category: '商贸分销', priceYuan: 260_000, quantity: [1, 3] },
  { sku: 'NE-PCS-250', name: '储能变流器 PCS-250kW', category: '新能源', priceYuan: 180_000, quantity: [1, 8] },
  { sku: 'NE-ESS-1MWH', name: '工商业储能柜 1MWh', category: '新能源', priceYuan: 620_000, quantity: [1, 5] },
  { sku: 'BIO-LIMS', name: '实验室信息管理系统 LIMS', category: '生物医药', priceYuan: 380_000, quantity: [1, 1] },
  { sku: 'BIO-BSC-A2', name: 'II级 A2 型生物安全柜', category: '生物医药', priceYuan: 56_000, quantity: [2, 12] },
  { sku: 'EDU-SMART-RM', name: '智慧教室解决方案（间）', category: '教育', priceYuan: 45_000, quantity: [4, 40] },
  { sku: 'EDU-LMS-Y', name: '在线学习平台（年）', category: '教育', priceYuan: 90_000, quantity: [1, 3] },
  { sku: 'FIN-RISK', name: '智能风控决策引擎', category: '金融服务', priceYuan: 650_000, quantity: [1, 1] },
  { sku: 'FIN-AGENT-Y', name: '智能客服坐席（席/年）', category: '金融服务', priceYuan: 6_800, quantity: [20, 150] },
];

/** The pipeline's stages in order, then the two closed outcomes. */
export const OPEN_STAGES = ['lead', 'qualified', 'solution', 'quoted', 'negotiation'] as const;
export type OpenStage = (typeof OPEN_STAGES)[number];
export type Stage = OpenStage | 'won' | 'lost';
