// The record types that can be imported and exported, and how Chinese and English
// spreadsheets name their columns and values, so a file from Excel maps without --map.
import type { z } from 'zod';
import type { ResourceDef } from '../../platform/http/resource.ts';
import { AppError } from '../../platform/http/errors.ts';
import { accountsResource } from '../accounts/accounts-resource.ts';
import { opportunitiesResource } from '../pipeline/opportunities-resource.ts';
import { activitiesResource } from '../activities/activities-resource.ts';
import { contactsResource } from '../contacts/contacts-resource.ts';
import { leadsResource } from '../leads/leads-resource.ts';

export type AnyResource = ResourceDef<z.ZodObject, z.ZodObject>;

/** A field whose cell may name the record (by name or email) instead of giving its id. */
export interface Lookup {
  table: 'accounts' | 'users' | 'opportunities';
  by: 'name' | 'email';
  label: string;
}

export interface DataEntity {
  resource: AnyResource;
  /** column headers as people write them → API field */
  aliases: Record<string, string>;
  lookups: Record<string, Lookup>;
  /** cell values as people write them → the API value, per enum field */
  values: Record<string, Record<string, string>>;
}

const owner: Lookup = { table: 'users', by: 'email', label: 'user' };
const account: Lookup = { table: 'accounts', by: 'name', label: 'account' };
const opportunity: Lookup = { table: 'opportunities', by: 'name', label: 'opportunity' };

const ownerAliases = { 负责人: 'ownerId', 负责人邮箱: 'ownerId', 销售邮箱: 'ownerId', owner: 'ownerId', 'owner email': 'ownerId', ownerEmail: 'ownerId' };
const placeAliases = { 行业: 'industry', 区域: 'region', 地区: 'region', 地址: 'address' };
const personAliases = { 姓名: 'name', 职位: 'title', 职务: 'title', 电话: 'phone', 手机: 'phone', 手机号: 'phone', 邮箱: 'email', 电子邮箱: 'email', 微信: 'wechat', 微信号: 'wechat' };

const entities: Record<string, DataEntity> = {
  accounts: {
    resource: accountsResource,
    aliases: { ...ownerAliases, ...placeAliases, 客户名称: 'name', 客户: 'name', 公司名称: 'name', 名称: 'name', 规模: 'size', 企业规模: 'size', 付费方式: 'billingModel', 计费方式: 'billingModel', 纬度: 'lat', 经度: 'lng' },
    lookups: { ownerId: owner },
    values: {
      size: { 小型: 'small', 中型: 'medium', 大型: 'large', 集团: 'enterprise', 超大型: 'enterprise' },
      billingModel: { 年付: 'annual', 按年: 'annual', 月付: 'monthly', 按月: 'monthly' },
    },
  },
  opportunities: {
    resource: opportunitiesResource,
    aliases: {
      ...ownerAliases,
      商机名称: 'name',
      商机: 'name',
      名称: 'name',
      客户名称: 'accountId',
      客户: 'accountId',
      account: 'accountId',
      金额: 'amount',
      商机金额: 'amount',
      币种: 'currency',
      毛利: 'margin',
      预计成交日期: 'expectedCloseDate',
      预计签单日期: 'expectedCloseDate',
      阶段: 'stage',
      销售阶段: 'stage',
      预测类别: 'forecastCategory',
    },
    lookups: { ownerId: owner, accountId: account },
    values: {
      stage: { 线索: 'lead', 需求确认: 'qualified' },
      forecastCategory: { 储备: 'pipeline', 可能: 'best_case', 承诺: 'commit', 排除: 'omitted' },
    },
  },
  contacts: {
    resource: contactsResource,
    aliases: { ...ownerAliases, ...personAliases, 联系人: 'name', 联系人姓名: 'name', 客户名称: 'accountId', 客户: 'accountId', 公司: 'accountId', 决策角色: 'decisionRole', 影响力: 'influence' },
    lookups: { ownerId: owner, accountId: account },
    values: { decisionRole: { 决策者: 'decision_maker', 影响者: 'influencer', 使用者: 'user', 把关者: 'gatekeeper' } },
  },
  leads: {
    resource: leadsResource,
    aliases: { ...ownerAliases, ...placeAliases, ...personAliases, 联系人: 'name', 公司: 'company', 公司名称: 'company', 客户名称: 'company', 来源: 'source', 线索来源: 'source', 状态: 'status' },
    lookups: { ownerId: owner },
    values: { status: { 新线索: 'new', 跟进中: 'working', 无效: 'disqualified' } },
  },
  activities: {
    resource: activitiesResource,
    aliases: {
      ...ownerAliases,
      类型: 'type',
      跟进方式: 'type',
      发生时间: 'occurredAt',
      跟进时间: 'occurredAt',
      时间: 'occurredAt',
      主题: 'subject',
      内容: 'body',
      跟进内容: 'body',
      情绪: 'mood',
      客户态度: 'mood',
      客户名称: 'accountId',
      客户: 'accountId',
      商机名称: 'opportunityId',
      商机: 'opportunityId',
    },
    lookups: { ownerId: owner, accountId: account, opportunityId: opportunity },
    values: {
      type: { 拜访: 'visit', 电话: 'call', 微信: 'wechat', 邮件: 'email', 会议: 'meeting', 备注: 'note', 其他: 'other' },
      mood: { 积极: 'positive', 中立: 'neutral', 犹豫: 'hesitant', 消极: 'negative' },
    },
  },
};

export const dataEntityNames = Object.keys(entities);

export function dataEntity(name: string): DataEntity {
  const found = Object.hasOwn(entities, name) ? entities[name] : undefined;
  if (!found) throw new AppError('bad_request', `"${name}" cannot be imported or exported. Choose one of: ${dataEntityNames.join(', ')}.`);
  return found;
}
