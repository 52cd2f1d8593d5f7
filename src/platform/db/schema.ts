// Typed rows of every table, for the Kysely query builder. Keep in step with the migrations.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type TimestampNull = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** int8: read as string (exact), written as string, number or bigint */
type Int8 = ColumnType<string, string | number | bigint, string | number | bigint>;
type Int8Null = ColumnType<string | null, string | number | bigint | null | undefined, string | number | bigint | null>;
type Json = ColumnType<unknown, string | undefined, string>;
type DateStr = ColumnType<string, string, string>;
type DateStrNull = ColumnType<string | null, string | null | undefined, string | null>;

interface TenantScoped {
  id: string;
  tenant_id: string;
  created_at: Generated<Date>;
}
interface Updated {
  updated_at: Timestamp;
}

export interface TenantsTable {
  id: string;
  name: string;
  slug: string;
  time_zone: Generated<string>;
  currency: Generated<string>;
  created_at: Generated<Date>;
}
export interface TeamsTable extends TenantScoped, Updated {
  name: string;
  parent_id: string | null;
  manager_id: string | null;
}
export interface UsersTable extends TenantScoped, Updated {
  email: string;
  name: string;
  role: string;
  team_id: string | null;
  password_hash: string | null;
  active: Generated<boolean>;
  hired_on: DateStrNull;
  locale: Generated<string>;
}
export interface SessionsTable extends TenantScoped {
  user_id: string;
  token_hash: string;
  expires_at: Timestamp;
}
export interface ApiTokensTable extends TenantScoped {
  user_id: string;
  name: string;
  token_hash: string;
  token_hint: string;
  expires_at: TimestampNull;
  revoked_at: TimestampNull;
  last_used_at: TimestampNull;
}
export interface EventsTable {
  id: string;
  tenant_id: string;
  type: string;
  entity: string;
  entity_id: string | null;
  actor_id: string | null;
  payload: Json;
  created_at: Generated<Date>;
  dispatched_at: TimestampNull;
  dispatched_to: ColumnType<string[], string[] | undefined, string[]>;
  dispatch_attempts: Generated<number>;
  dispatch_error: string | null;
  dispatch_after: TimestampNull;
}
export interface AuditLogTable {
  tenant_id: string;
  seq: Int8;
  event_id: string;
  actor_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: Json | null;
  after: Json | null;
  at: Timestamp;
  prev_hash: string;
  hash: string;
}
export interface AuditHeadsTable {
  tenant_id: string;
  seq: Int8;
  hash: string;
}
export interface CustomFieldsTable extends TenantScoped {
  entity: string;
  key: string;
  label: string;
  type: string;
  options: Json;
  required: Generated<boolean>;
  updated_at: Generated<Date>;
}
export interface FieldPoliciesTable {
  tenant_id: string;
  entity: string;
  field: string;
  hidden_for: string[];
}
export interface AiSuggestionsTable extends TenantScoped {
  feature: string;
  provider: string;
  model: string | null;
  inputs: Json;
  output: Json;
  status: Generated<string>;
  final_output: Json | null;
  user_id: string | null;
  decided_by: string | null;
  decided_at: TimestampNull;
}
export interface ImportsTable extends TenantScoped {
  entity: string;
  filename: string;
  status: Generated<string>;
  skip_bad_rows: Generated<boolean>;
  total_rows: number | null;
  processed_rows: Generated<number>;
  inserted_rows: Generated<number>;
  errors: Json;
  created_by: string | null;
  finished_at: TimestampNull;
  storage_key: string | null;
  bytes_total: Int8Null;
  bytes_read: ColumnType<string, string | number | undefined, string | number>;
  bad_row_count: Generated<number>;
}
export interface AttachmentsTable extends TenantScoped {
  entity: string;
  entity_id: string;
  document_type: string;
  filename: string;
  content_type: string;
  size_bytes: Int8;
  sha256: string;
  storage_key: string;
  uploaded_by: string | null;
}
export interface AccountsTable extends TenantScoped, Updated {
  name: string;
  industry: string | null;
  region: string | null;
  size: string | null;
  billing_model: string | null;
  owner_id: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  custom: Json;
}
export interface ContactsTable extends TenantScoped, Updated {
  account_id: string | null;
  name: string;
  title: string | null;
  phone: string | null;
  email: string | null;
  wechat: string | null;
  decision_role: string | null;
  influence: number | null;
  owner_id: string | null;
  custom: Json;
}
export interface LeadsTable extends TenantScoped, Updated {
  name: string;
  company: string;
  title: string | null;
  phone: string | null;
  email: string | null;
  industry: string | null;
  region: string | null;
  source: string | null;
  status: Generated<string>;
  owner_id: string | null;
  converted_account_id: string | null;
  converted_contact_id: string | null;
  converted_opportunity_id: string | null;
  converted_at: TimestampNull;
  custom: Json;
}
export interface ProductsTable extends TenantScoped, Updated {
  sku: string;
  name: string;
  category: string | null;
  unit_price_cents: Int8;
  currency: Generated<string>;
  active: Generated<boolean>;
}
export interface OpportunitiesTable extends TenantScoped, Updated {
  account_id: string;
  name: string;
  amount_cents: Int8;
  currency: Generated<string>;
  margin_cents: Int8Null;
  stage: Generated<string>;
  expected_close_date: DateStrNull;
  forecast_category: Generated<string>;
  owner_id: string | null;
  lead_id: string | null;
  /** generated from stage: the pipeline order, for sorting */
  stage_rank: ColumnType<number, never, never>;
  stage_changed_at: Timestamp;
  closed_at: TimestampNull;
  custom: Json;
}
export interface OrderLinesTable extends TenantScoped {
  opportunity_id: string;
  product_id: string;
  quantity: string;
  unit_price_cents: Int8;
  discount_pct: Generated<string>;
}
export interface ContractsTable extends TenantScoped, Updated {
  account_id: string;
  opportunity_id: string | null;
  number: string;
  amount_cents: Int8;
  currency: Generated<string>;
  signed_on: DateStrNull;
  starts_on: DateStrNull;
  ends_on: DateStrNull;
  status: Generated<string>;
  owner_id: string | null;
}
export interface PaymentsTable extends TenantScoped, Updated {
  contract_id: string;
  due_on: DateStr;
  amount_cents: Int8;
  paid_cents: Generated<string>;
  paid_on: DateStrNull;
}
export interface ServiceTicketsTable extends TenantScoped, Updated {
  account_id: string;
  contact_id: string | null;
  subject: string;
  severity: Generated<string>;
  status: Generated<string>;
  opened_at: Timestamp;
  resolved_at: TimestampNull;
}
export interface ActivitiesTable extends TenantScoped, Updated {
  type: string;
  occurred_at: Timestamp;
  logged_at: Timestamp;
  subject: string;
  body: string | null;
  mood: string | null;
  account_id: string | null;
  opportunity_id: string | null;
  contact_ids: string[];
  owner_id: string | null;
}
export interface TasksTable extends TenantScoped, Updated {
  title: string;
  description: string | null;
  due_at: TimestampNull;
  status: Generated<string>;
  priority: Generated<string>;
  owner_id: string | null;
  account_id: string | null;
  opportunity_id: string | null;
  created_by: string | null;
  completed_at: TimestampNull;
}
export interface NotesTable extends TenantScoped, Updated {
  entity: string;
  entity_id: string;
  body: string;
  visibility: Generated<string>;
  author_id: string | null;
}
export interface TenantScheduleRunsTable {
  tenant_id: string;
  schedule_id: string;
  local_time: string;
  scheduled_for: Timestamp;
  job_id: string;
  created_at: Generated<Date>;
}

export interface AlertsTable {
  id: string;
  tenant_id: string;
  user_id: string;
  kind: string;
  severity: Generated<string>;
  title: string;
  body: string | null;
  entity: string | null;
  entity_id: string | null;
  evidence: Json;
  /** { key, params }: the wording for the reader's language; null on alerts raised before */
  message: ColumnType<{ key: string; params: Record<string, string | number | null> } | null, string | null | undefined, string | null>;
  dedupe_key: string | null;
  created_at: Generated<Date>;
  read_at: TimestampNull;
  resolved_at: TimestampNull;
}

export interface DailyDigestsTable extends TenantScoped, Updated {
  user_id: string;
  local_date: DateStr;
  suggestion_id: string;
  text: string;
  sources: Json;
}
export interface CustomerPoolSettingsTable {
  tenant_id: string;
  recycle_after_days: number | null;
  recycle_after_days_by_size: Json;
  claim_limit: number | null;
  protection_days: number;
  reclaim_cooldown_days: number;
  updated_by: string | null;
  updated_at: Timestamp;
}
export interface PoolHoldingsTable {
  tenant_id: string;
  account_id: string;
  user_id: string;
  via: string;
  held_since: Timestamp;
  protected_until: Timestamp;
}
export interface PoolReleasesTable {
  id: string;
  tenant_id: string;
  account_id: string;
  user_id: string;
  reason: string;
  released_at: Timestamp;
}

export interface VisitsTable extends TenantScoped, Updated {
  owner_id: string;
  account_id: string;
  account_lat: number | null;
  account_lng: number | null;
  in_at: Timestamp;
  in_lat: number;
  in_lng: number;
  in_accuracy_m: number | null;
  in_address: string | null;
  out_at: TimestampNull;
  out_lat: number | null;
  out_lng: number | null;
  out_accuracy_m: number | null;
  out_address: string | null;
}
export interface VisitSettingsTable {
  tenant_id: string;
  far_from_account_m: number;
  long_stay_hours: number;
  long_stay_days: number;
  same_place_m: number;
  max_speed_kmh: number;
  repeated_coordinate_visits: number;
  constant_accuracy_checkins: number;
  teleport_km: number;
  updated_by: string | null;
  updated_at: Timestamp;
}
export interface VisitFlagsTable extends TenantScoped {
  rule: string;
  owner_id: string;
  visit_id: string;
  account_id: string;
  evidence: Json;
  dedupe_key: string;
  status: Generated<string>;
  answer: string | null;
  answered_at: TimestampNull;
  outcome: string | null;
  outcome_note: string | null;
  outcome_by: string | null;
  outcome_at: TimestampNull;
}

export interface PipelineSettingsTable {
  tenant_id: string;
  document_types: Json | null;
  stage_gates: Json | null;
  transitions: Json | null;
  updated_by: string | null;
  updated_at: Timestamp;
}
export interface DealEvidenceTable {
  id: string;
  tenant_id: string;
  opportunity_id: string;
  stage: string;
  attachment_id: string | null;
  activity_id: string | null;
  document_date: DateStrNull;
  signer_contact_id: string | null;
  note: string | null;
  added_by: string | null;
  created_at: Generated<Date>;
}
export interface DealEvidenceSettingsTable {
  tenant_id: string;
  stage_weights: Json | null;
  decay_curve: Json | null;
  updated_by: string | null;
  updated_at: Timestamp;
}
export interface DealDecaysTable {
  tenant_id: string;
  opportunity_id: string;
  close_date: DateStr;
  factor: ColumnType<string, string | number, string | number>;
  days_without_update: number;
  decayed_since: DateStr;
  last_run_on: DateStr;
}
export interface DealScenariosTable {
  tenant_id: string;
  opportunity_id: string;
  optimistic_amount_cents: Int8;
  neutral_amount_cents: Int8;
  pessimistic_amount_cents: Int8;
  optimistic_close_date: DateStr;
  neutral_close_date: DateStr;
  pessimistic_close_date: DateStr;
  updated_by: string | null;
  updated_at: Timestamp;
}
// forecast (src/modules/forecast)
export interface ForecastQuotasTable extends TenantScoped, Updated {
  period_key: string;
  subject_kind: string;
  subject_id: string;
  amount_cents: Int8;
  set_by: string | null;
}
export interface ForecastOverridesTable extends TenantScoped, Updated {
  period_key: string;
  subject_kind: string;
  subject_id: string;
  category: string;
  amount_cents: Int8;
  original_cents: Int8;
  note: string | null;
  set_by: string | null;
}
export interface ForecastSnapshotsTable extends TenantScoped {
  period_key: string;
  reason: string;
  taken_at: Timestamp;
  taken_by: string | null;
  data: Json;
}
export interface ForecastAccuracyTable extends TenantScoped {
  period_key: string;
  subject_kind: string;
  subject_id: string | null;
  snapshot_id: string;
  figure: string;
  forecast_cents: Int8Null;
  actual_cents: Int8;
  accuracy: string | null;
  recorded_at: Timestamp;
}
export interface ForecastRootCauseTagsTable extends TenantScoped, Updated {
  label: string;
  active: Generated<boolean>;
  created_by: string | null;
}
export interface ForecastDeviationsTable extends TenantScoped, Updated {
  month_key: string;
  opportunity_id: string;
  snapshot_id: string | null;
  kind: string;
  forecast_category: string | null;
  forecast_cents: Int8;
  actual_cents: Int8;
  deviation_cents: Int8;
  proposed: Json;
  confirmed_tags: string[] | null;
  confirmed_by: string | null;
  confirmed_at: TimestampNull;
}

export interface WinModelsTable {
  id: string;
  tenant_id: string;
  version: number;
  kind: string;
  model: Json;
  features: Json;
  training_rows: number;
  positives: number;
  metrics: Json | null;
  trigger: string;
  active: Generated<boolean>;
  created_by: string | null;
  created_at: Generated<Date>;
}
export interface WinScoresTable {
  id: string;
  tenant_id: string;
  opportunity_id: string;
  model_id: string;
  scored_at: Timestamp;
  probability: number;
  raw: number;
  bias: number;
  confidence: Json;
  reasons: Json;
  features: Json;
  /** set on a score that fell sharply: the probability it fell from */
  drop_from: Generated<number | null>;
  created_at: Generated<Date>;
}
export interface WinAnnotationsTable {
  id: string;
  tenant_id: string;
  opportunity_id: string;
  score_id: string | null;
  author_id: string | null;
  category: string;
  direction: string;
  note: string | null;
  created_at: Generated<Date>;
}
export interface WinModelSettingsTable {
  tenant_id: string;
  drop_alert_points: Generated<number>;
  competitor_words: Json;
  updated_by: string | null;
  updated_at: Timestamp;
}
export interface WinModelRunsTable {
  id: string;
  tenant_id: string;
  trigger: string;
  status: Generated<string>;
  step: string | null;
  progress: Generated<number>;
  requested_by: string | null;
  model_id: string | null;
  scored: number | null;
  error: string | null;
  created_at: Generated<Date>;
  finished_at: TimestampNull;
}
export interface DealWarningSettingsTable {
  tenant_id: string;
  no_activity_days: number;
  decision_maker_silent_days: number;
  stall_percentile: number;
  stall_min_won_deals: number;
  stall_fallback_days: number;
  close_push_min_count: number;
  close_push_lookback_days: number;
  amount_cut_min_pct: number;
  amount_cut_lookback_days: number;
  competitor_lookback_days: number;
  competitors: Json;
  updated_by: string | null;
  updated_at: Timestamp;
}
export interface DealWarningsTable {
  tenant_id: string;
  id: string;
  opportunity_id: string;
  kind: string;
  owner_id: string | null;
  evidence: Json;
  expected_close_date: DateStrNull;
  days_before_close: number | null;
  raised_at: Timestamp;
  evaluated_at: Timestamp;
  resolved_at: TimestampNull;
  resolution: string | null;
}
export interface Database {
  pipeline_settings: PipelineSettingsTable;
  alerts: AlertsTable;
  tenants: TenantsTable;
  teams: TeamsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  events: EventsTable;
  audit_log: AuditLogTable;
  audit_heads: AuditHeadsTable;
  custom_fields: CustomFieldsTable;
  field_policies: FieldPoliciesTable;
  ai_suggestions: AiSuggestionsTable;
  imports: ImportsTable;
  attachments: AttachmentsTable;
  accounts: AccountsTable;
  contacts: ContactsTable;
  leads: LeadsTable;
  products: ProductsTable;
  opportunities: OpportunitiesTable;
  order_lines: OrderLinesTable;
  contracts: ContractsTable;
  payments: PaymentsTable;
  service_tickets: ServiceTicketsTable;
  activities: ActivitiesTable;
  tasks: TasksTable;
  notes: NotesTable;
  tenant_schedule_runs: TenantScheduleRunsTable;
  daily_digests: DailyDigestsTable;
  customer_pool_settings: CustomerPoolSettingsTable;
  pool_holdings: PoolHoldingsTable;
  pool_releases: PoolReleasesTable;
  visits: VisitsTable;
  visit_settings: VisitSettingsTable;
  visit_flags: VisitFlagsTable;
  deal_evidence: DealEvidenceTable;
  deal_evidence_settings: DealEvidenceSettingsTable;
  deal_decays: DealDecaysTable;
  deal_scenarios: DealScenariosTable;
  forecast_quotas: ForecastQuotasTable;
  forecast_overrides: ForecastOverridesTable;
  forecast_snapshots: ForecastSnapshotsTable;
  forecast_accuracy: ForecastAccuracyTable;
  forecast_root_cause_tags: ForecastRootCauseTagsTable;
  forecast_deviations: ForecastDeviationsTable;
  win_models: WinModelsTable;
  win_scores: WinScoresTable;
  win_annotations: WinAnnotationsTable;
  win_model_settings: WinModelSettingsTable;
  win_model_runs: WinModelRunsTable;
  deal_warning_settings: DealWarningSettingsTable;
  deal_warnings: DealWarningsTable;
}
