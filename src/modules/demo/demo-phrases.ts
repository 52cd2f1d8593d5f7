// The words of the demo: what reps write about customer touches, tasks, notes and tickets.

export type ActivityType = 'visit' | 'call' | 'wechat' | 'email' | 'meeting' | 'note';
export type Mood = 'positive' | 'neutral' | 'hesitant' | 'negative';

/** Subjects by deal stage (0 = lead … 4 = negotiation). */
export const STAGE_SUBJECTS: readonly (readonly string[])[] = [
  ['初次电话沟通需求', '发送公司介绍和产品资料', '添加企业微信，约拜访时间', '了解现有系统和痛点', '展会后跟进'],
  ['需求调研拜访', '确认预算和采购时间表', '拜访关键决策人', '梳理决策链和采购流程', '现场调研'],
  ['方案演示', '技术交流会', '现场勘察', 'POC 测试启动', '方案评审会', '参观样板客户'],
  ['提交报价单', '报价澄清会议', '价格对比说明', '提交参考案例', '招标文件答疑'],
  ['商务谈判', '合同条款确认', '法务审核沟通', '付款方式协商', '最终报价确认'],
];
export const WON_SUBJECTS = ['合同盖章回传', '签约确认', '项目启动会'];
export const LOST_SUBJECTS = ['了解丢单原因', '客户暂缓项目', '竞品中标复盘'];
export const CARE_SUBJECTS = ['季度回访', '续费提醒', '售后满意度回访', '使用培训', '节日问候', '新功能介绍', '年度业务回顾'];
export const PROSPECT_SUBJECTS = ['陌拜电话', '行业活动邀约', '发送案例资料', '老客户转介绍沟通'];

/** What the customer said, by the mood it leaves. */
export const FINDINGS: Record<Mood, readonly string[]> = {
  positive: ['认可我们的方案，预算已经批下来', '对上次演示很满意，希望尽快推进', '技术部门评估通过，准备走采购流程', '主动询问实施周期和培训安排', '愿意作为标杆客户接受参观'],
  neutral: ['按流程需要再比较两家供应商', '需求基本明确，等内部立项', '让我们先把资料发给采购部', '还在收集各部门意见', '预算在审批中，下月出结果'],
  hesitant: ['对价格比较敏感，希望再给些折扣', '担心实施周期影响生产', '决策人最近出差，项目有所推迟', '竞争对手也在接触，报价更低', '对售后响应速度有顾虑'],
  negative: ['预算被砍，项目可能暂停', '已倾向竞争对手的方案', '新领导上任，需求要重新评估', '对交付延期不满意'],
};
export const NEXT_STEPS = ['下周二上门演示', '周五前发正式报价', '约决策人见面', '准备参考案例材料', '安排技术交流', '发送合同草稿', '邀请参观样板客户', '提交申请特价', '约采购部对接流程'];

export const DEAL_TASKS = ['给{contact}发送报价单', '跟进{deal}合同审批', '准备{account}方案演示', '约{contact}拜访', '整理{account}决策链', '提交{deal}特价申请', '更新{deal}预计成交日期'];
export const ACCOUNT_TASKS = ['提醒{account}回款', '安排{account}季度回访', '回复{contact}的技术问题', '约{contact}拜访', '确认{account}续费意向'];

export const INTERNAL_NOTES = [
  '决策链：{contact}拍板，信息中心意见很重要，注意维护关系。',
  '竞争对手报价比我们低约10%，需要强调服务和交付优势。',
  '客户去年和友商合作不愉快，对售后特别看重。',
  '预算年底前必须花完，可以争取本月签约。',
  '{contact}喜欢看数据，演示时多准备同行业案例。',
  '采购流程需要三家比价，提前准备价格对比表。',
];
export const SHAREABLE_NOTES = [
  '会议纪要：双方确认项目范围和实施计划，下周提交详细方案。',
  '演示反馈：客户对报表和移动端功能评价较好，提出两项定制需求。',
  '交流要点：客户希望分两期实施，一期覆盖核心业务。',
  '现场调研结论：现有设备老化，建议整体替换。',
];

export const TICKET_SUBJECTS = {
  device: ['设备开机报错 E203', '探头图像有噪点', '配件更换申请', '设备定期巡检预约', '操作培训补充需求', '设备运输途中外壳损坏'],
  software: ['系统登录缓慢', '数据导出失败', '报表数字与财务系统不一致', '接口对接问题', '新增用户权限配置', '移动端无法同步'],
  common: ['发票信息变更', '需要补充使用培训', '合同付款节点确认', '希望增加一个管理员账号'],
};

/** Fills {contact}, {deal}, {account} placeholders. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
}
