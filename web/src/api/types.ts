// The API's record shapes as the app reads them (see /api/docs).
export type Role = 'admin' | 'executive' | 'manager' | 'rep';
export type Action = 'read' | 'create' | 'update' | 'delete';

export interface Me {
  user: { id: string; name: string; email: string; role: Role; teamId: string | null; locale: string };
  tenant: { id: string; name: string; timeZone: string; currency: string };
  permissions: Record<string, Action[]>;
}

export const customFieldEntities = ['accounts', 'contacts', 'leads', 'opportunities'] as const;
export type CustomFieldEntity = (typeof customFieldEntities)[number];
export const customFieldTypes = ['text', 'number', 'money', 'date', 'select', 'multiselect', 'user', 'boolean'] as const;
export type CustomFieldType = (typeof customFieldTypes)[number];

/** an admin-defined field; records carry its value under custom[key] */
export interface CustomField {
  id: string;
  entity: CustomFieldEntity;
  key: string;
  label: string;
  type: CustomFieldType;
  options: string[];
  required: boolean;
}

/** text, number, money ("1234.50"), date ("YYYY-MM-DD"), select, multiselect (string[]), user (id), boolean */
export type CustomValue = string | number | boolean | string[] | null;
export type CustomValues = Record<string, CustomValue>;

export const accountSizes = ['small', 'medium', 'large', 'enterprise'] as const;
export const billingModels = ['annual', 'monthly'] as const;

export interface Account {
  id: string;
  name: string;
  industry: string | null;
  region: string | null;
  size: (typeof accountSizes)[number] | null;
  billingModel: (typeof billingModels)[number] | null;
  ownerId: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  custom: CustomValues;
  createdAt: string;
  updatedAt: string;
}

export const decisionRoles = ['decision_maker', 'influencer', 'user', 'gatekeeper'] as const;
export type DecisionRole = (typeof decisionRoles)[number];

export interface Contact {
  id: string;
  accountId: string;
  name: string;
  title: string | null;
  phone: string | null;
  email: string | null;
  wechat: string | null;
  decisionRole: DecisionRole | null;
  influence: number | null;
  ownerId: string | null;
  custom: CustomValues;
}

export const stages = ['lead', 'qualified', 'solution', 'quoted', 'negotiation', 'won', 'lost'] as const;
export type Stage = (typeof stages)[number];

export const forecastCategories = ['pipeline', 'best_case', 'commit', 'closed', 'omitted'] as const;
export type ForecastCategory = (typeof forecastCategories)[number];

export interface Opportunity {
  id: string;
  name: string;
  accountId: string;
  accountName?: string;
  amount: string;
  currency: string;
  margin?: string | null;
  stage: Stage;
  expectedCloseDate: string | null;
  forecastCategory: ForecastCategory;
  ownerId: string | null;
  stageChangedAt: string;
  closedAt: string | null;
  custom: CustomValues;
  createdAt: string;
  updatedAt: string;
}

/** one thing a stage gate asks for (a 422 gate_failed lists the missing ones): label in zh-CN, labelEn in English */
export interface MissingItem {
  kind: 'document' | 'field';
  name: string;
  label: string;
  labelEn: string;
}

export const activityTypes = ['visit', 'call', 'wechat', 'email', 'meeting', 'note', 'other'] as const;
export type ActivityType = (typeof activityTypes)[number];
export const moods = ['positive', 'neutral', 'hesitant', 'negative'] as const;
export type Mood = (typeof moods)[number];

export interface Activity {
  id: string;
  type: ActivityType;
  occurredAt: string;
  loggedAt: string;
  subject: string;
  body: string | null;
  mood: Mood | null;
  accountId: string | null;
  accountName?: string | null;
  opportunityId: string | null;
  opportunityName?: string | null;
  contactIds: string[];
  ownerId: string | null;
}

export interface Task {
  id: string;
  title: string;
  description?: string | null;
  dueAt: string | null;
  status: 'open' | 'done' | 'cancelled';
  priority: 'low' | 'normal' | 'high';
  ownerId: string | null;
  accountId: string | null;
  accountName?: string | null;
  opportunityId: string | null;
  opportunityName?: string | null;
}

export interface Note {
  id: string;
  entity: string;
  entityId: string;
  body: string;
  visibility: 'internal' | 'shareable';
  authorId: string | null;
  createdAt: string;
}

export interface Attachment {
  id: string;
  entity: string;
  entityId: string;
  fileName?: string;
  filename?: string;
  name?: string;
  documentType: string | null;
  sizeBytes?: number;
  size?: number;
  createdAt: string;
}

export interface User {
  id: string;
  name: string;
  email: string;
  role: Role;
  teamId: string | null;
  active: boolean;
}

export interface Team {
  id: string;
  name: string;
  parentId: string | null;
  managerId: string | null;
}

export interface ApiToken {
  id: string;
  name: string;
  userId: string;
  hint: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface ImportStatus {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  totalRows: number | null;
  processedRows: number;
  insertedRows: number;
  badRowCount: number;
  /** 0..1 */
  progress: number;
  errors: { line: number; message: string }[];
}
