/**
 * Kysely table types for the migrated schema. Keep in step with migrations/ (a service test checks
 * every column named here exists in the migrated database).
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json = ColumnType<unknown, string | null, string | null>;

export type OrganisationTable = {
  organisation_id: Generated<number>;
  name: string;
  kind: string;
  level: string;
  region_code: string;
  credit_code: string | null;
  is_public: Generated<boolean>;
  parent_id: number | null;
  supervisor_id: number | null;
  industry_code: string | null;
  employees: number | null;
  revenue_wan_yuan: number | null;
  enterprise_size: string | null;
  address: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  status: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** organisation_name_key(name), kept by the database (migration 0003); never written. */
  name_key: ColumnType<string, never, never>;
  /** A duplicate found when migration 0003 ran: the organisation it duplicates; else null. */
  duplicate_of: number | null;
  /**
   * The pinyin sort key of `name` (organisationSortKey, COLLATE "C", migration 0006), set by every writer
   * through the repository; NULL only until the start-up backfill reaches a row written without it.
   */
  name_sort: string | null;
  /** Staff exposed to occupational-disease hazards (接害人数), ≤ employees (migration 0006). */
  exposed_employees: number | null;
};

/**
 * Live organisations per region code and kind (migration 0007), kept by triggers on `organisation` in
 * the writing transaction; read-only for the application.
 */
export type OrganisationRegionCountTable = {
  region_code: ColumnType<string, never, never>;
  kind: ColumnType<string, never, never>;
  n: ColumnType<number, never, never>;
};

export type RoleTable = {
  role_key: string;
  name_zh: string;
  name_en: string;
  duty: string;
  built_in: Generated<boolean>;
  permissions: string[];
  updated_at: Timestamp;
};

export type AppUserTable = {
  user_id: Generated<number>;
  username: string;
  display_name: string;
  organisation_id: number;
  password_hash: string;
  password_changed_at: Timestamp;
  must_change_password: Generated<boolean>;
  status: Generated<string>;
  totp_secret_enc: string | null;
  totp_enabled: Generated<boolean>;
  /** Last accepted TOTP time step; a code of this step or an earlier one is refused (no replay). */
  totp_last_step: number | null;
  /** A secret being bound (rebind or first binding); becomes totp_secret_enc when confirmed. */
  totp_pending_secret_enc: string | null;
  phone_enc: string | null;
  email: string | null;
  last_login_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type UserRoleTable = { user_id: number; role_key: string };

export type PasswordHistoryTable = {
  password_history_id: Generated<number>;
  user_id: number;
  password_hash: string;
  created_at: Timestamp;
};

export type UserSessionTable = {
  session_id: string;
  user_id: number;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  revoked_at: NullableTimestamp;
  revoked_reason: string | null;
};

export type LoginLogTable = {
  login_log_id: Generated<number>;
  username: string;
  user_id: number | null;
  outcome: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
};

export type CaptchaTable = { captcha_id: string; answer_hash: string; expires_at: Timestamp };

export type AuditLogTable = {
  audit_log_id: Generated<number>;
  at: Timestamp;
  actor_user_id: number | null;
  actor_username: string | null;
  actor_organisation_id: number | null;
  ip: string | null;
  request_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  before: Json;
  after: Json;
  prev_hash: string;
  hash: string;
  /** Gap-free position in the keyed chain; null on legacy (chain_version 1) rows (0004_audit_keyed). */
  seq: number | null;
  /** 1 = unkeyed SHA-256 chain (rows before 0004), 2 = HMAC-SHA-256 with the audit key. */
  chain_version: number;
};

export type AppSettingTable = { setting_key: string; value: Json; updated_at: Timestamp };

export type ImportBatchTable = {
  import_batch_id: Generated<number>;
  kind: string;
  idempotency_key: string;
  organisation_id: number | null;
  user_id: number | null;
  file_name: string | null;
  status: string;
  report: Json;
  error_file: Buffer | null;
  created_at: Timestamp;
  job_id: number | null;
  file_sha256: string | null;
  dry_run: ColumnType<boolean, boolean | undefined, boolean>;
  lang: ColumnType<string, string | undefined, string>;
  /** The API token an upload came with, and the name the audit trail gives it (migration 0022). */
  api_token_id: ColumnType<number | null, number | null | undefined, number | null>;
  actor_name: ColumnType<string | null, string | null | undefined, string | null>;
  options: ColumnType<unknown, string | undefined, string>;
  finished_at: NullableTimestamp;
};

export type ImportFileTable = {
  file_sha256: string;
  content: Buffer;
  byte_size: number;
  created_at: Timestamp;
};

export type ImportRowTable = {
  import_batch_id: number;
  row_no: number;
  cells: ColumnType<Record<string, string>, string, string>;
  numeric_columns: ColumnType<string[], string[] | undefined, string[]>;
  undecodable_columns: ColumnType<string[], string[] | undefined, string[]>;
  formula_columns: ColumnType<string[], string[] | undefined, string[]>;
  outcome: string | null;
  issues: ColumnType<unknown, string | null | undefined, string | null>;
};

/** What an exam institution may report, per hazard factor (migration 0021). */
export type InstitutionCapabilityTable = {
  institution_id: number;
  hazard_code: string;
  status: 'filed' | 'blocked';
  source: 'filing' | 'verification' | 'import' | 'demo';
  since: ColumnType<string, string | undefined, string>;
  note: string | null;
};

/** What became of one chunk of a record door's batch (migration 0020). */
export type ImportChunkTable = {
  import_batch_id: number;
  first_row: number;
  last_row: number;
  results: ColumnType<unknown, string, string>;
};

export type StandardAmendmentTable = {
  amendment_key: string;
  effective_from: string | null;
  confirmed: ColumnType<boolean, boolean | undefined, boolean>;
  updated_by: number | null;
  updated_at: Timestamp;
};

export type StandardImportTable = {
  standard_import_id: Generated<number>;
  kind: string;
  edition: string;
  rows: Json;
  row_count: number;
  rejected_count: number;
  file_sha256: string;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  imported_by: number | null;
  created_at: Timestamp;
};

export type SchemaMigrationTable = { name: string; applied_at: Timestamp };

/** Background jobs (0008_jobs, platform/jobs). */
export type JobTable = {
  job_id: Generated<number>;
  kind: string;
  status: ColumnType<string, string | undefined, string>;
  payload: ColumnType<unknown, string | undefined, string>;
  checkpoint: ColumnType<unknown, string | undefined, string>;
  progress: ColumnType<unknown, string | undefined, string>;
  result: Json;
  error: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  max_attempts: ColumnType<number, number | undefined, number>;
  run_after: Timestamp;
  locked_by: string | null;
  heartbeat_at: NullableTimestamp;
  organisation_id: number | null;
  user_id: number | null;
  created_at: Timestamp;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
};

export type WorkerTable = {
  worker_id: Generated<number>;
  id_type_code: string;
  id_hash: string;
  id_number_enc: string;
  name_enc: string;
  phone_enc: string | null;
  id_masked: string;
  name_masked: string;
  gender_code: string;
  birth_date: ColumnType<string, string, string>;
  /** Keyed hash of name, phone, sex and birth date as stored (migration 0019); null before it. */
  details_hash: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

/** One row per exam card: its identity, unique here because exam_card is partitioned (0048). */
export type ExamCardKeyTable = {
  exam_card_id: number;
  institution_id: number;
  record_id: string;
};

export type ExamCardTable = {
  exam_card_id: Generated<number>;
  institution_id: number;
  record_id: string;
  exam_no: string | null;
  version: ColumnType<number, number | undefined, number>;
  content_hash: string;
  audit_status: ColumnType<string, string | undefined, string>;
  worker_id: number;
  employer_id: number | null;
  employer_credit_code: string;
  employer_name: string;
  employing_credit_code: string;
  employing_name: string;
  region_code: string;
  exam_date: ColumnType<string, string, string>;
  exam_type_code: string;
  monitoring_type_code: string;
  is_reexam: ColumnType<boolean, boolean | undefined, boolean>;
  reexam_of_card_id: number | null;
  work_type_code: string;
  contact_factor_codes: string[];
  has_suspected: ColumnType<boolean, boolean | undefined, boolean>;
  has_contraindication: ColumnType<boolean, boolean | undefined, boolean>;
  report_date: ColumnType<string, string, string>;
  chief_physician: string | null;
  card: ColumnType<unknown, string, string>;
  import_batch_id: number | null;
  source: string;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type ExamCardVersionTable = {
  exam_card_id: number;
  version: number;
  content_hash: string;
  card: ColumnType<unknown, string, string>;
  import_batch_id: number | null;
  replaced_at: Timestamp;
};

export type ExamConclusionTable = {
  exam_card_id: number;
  seq: number;
  factor_codes: string[];
  factor_other: string | null;
  conclusion_code: string;
  suspected_disease_code: string | null;
  contraindication: string | null;
  other_abnormality: string | null;
  harm_start_date: ColumnType<string | null, string | null, string | null>;
  harm_years: number | null;
  harm_months: number | null;
};

export type ExamCardReviewTable = {
  exam_card_review_id: Generated<number>;
  exam_card_id: number;
  card_version: number;
  level: 'county' | 'city' | 'province';
  decision: 'approved' | 'returned';
  opinion: string | null;
  reviewer_id: number;
  organisation_id: number;
  reviewed_at: ColumnType<Date, Date | string | undefined, never>;
};

export type DeadlineRuleTable = {
  kind: string;
  name_zh: string;
  name_en: string;
  days: number;
  day_type: 'calendar' | 'working';
  legal_basis: string;
  confidence: 'verified' | 'reported' | 'uncertain';
  note: string | null;
};

export type DeadlineTable = {
  deadline_id: Generated<number>;
  kind: string;
  subject_type: string;
  subject_id: number;
  starts_on: ColumnType<string, string, string>;
  due_on: ColumnType<string, string, string>;
  responsible_organisation_id: number | null;
  regulator_region_code: string;
  done_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  done_by: number | null;
  done_note: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  /** When the overdue sweep warned about it (migration 0025); NULL until it ran late and was warned about. */
  warned_at: NullableTimestamp;
};

/** The notification centre (migration 0025): addressed to an organisation, optionally one of its users. */
export type NotificationTable = {
  notification_id: Generated<number>;
  organisation_id: number;
  user_id: number | null;
  kind: string;
  params: Json;
  link: string | null;
  deadline_id: number | null;
  created_at: Generated<Date>;
  read_at: NullableTimestamp;
  read_by: number | null;
};

export type SuspectedCaseTable = {
  suspected_case_id: Generated<number>;
  exam_card_id: number;
  worker_id: number;
  institution_id: number;
  employer_id: number | null;
  employer_name: string;
  region_code: string;
  disease_code: string;
  found_on: ColumnType<string, string, string>;
  status: Generated<'open' | 'employer_notified' | 'referred' | 'diagnosed' | 'excluded' | 'withdrawn'>;
  employer_notified_on: ColumnType<string | null, string | null | undefined, string | null>;
  referred_on: ColumnType<string | null, string | null | undefined, string | null>;
  referred_to: string | null;
  outcome_on: ColumnType<string | null, string | null | undefined, string | null>;
  diagnosed_disease_code: string | null;
  stage: string | null;
  note: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
};

export type DiagnosisReportTable = {
  diagnosis_report_id: Generated<number>;
  institution_id: number;
  record_id: string;
  version: Generated<number>;
  content_hash: string;
  worker_id: number;
  employer_id: number | null;
  employer_credit_code: string;
  employer_name: string;
  employing_credit_code: string;
  employing_name: string;
  region_code: string;
  conclusion: 'diagnosed' | 'excluded';
  disease_code: string | null;
  disease_edition: '2013' | '2024' | null;
  case_type_code: string | null;
  stage: '壹期' | '贰期' | '叁期' | null;
  stage_one_date: ColumnType<string | null, string | null | undefined, string | null>;
  stage_two_date: ColumnType<string | null, string | null | undefined, string | null>;
  stage_three_date: ColumnType<string | null, string | null | undefined, string | null>;
  complication_codes: ColumnType<string[], string[] | undefined, string[]>;
  apply_date: ColumnType<string, string, string>;
  diagnosis_date: ColumnType<string, string, string>;
  report_date: ColumnType<string, string, string>;
  physicians: string[];
  factor_codes: string[];
  suspected_case_id: number | null;
  matches_suspected: boolean | null;
  report: ColumnType<unknown, string, string>;
  import_batch_id: number | null;
  source: 'api' | 'web' | 'batch' | 'demo';
  created_by: number | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
};

export type DiagnosisReportVersionTable = {
  diagnosis_report_id: number;
  version: number;
  content_hash: string;
  report: ColumnType<unknown, string, string>;
  replaced_by: number | null;
  replaced_at: ColumnType<Date, Date | string | undefined, never>;
};

export type DiagnosisReportRequestTable = {
  institution_id: number;
  idempotency_key: string;
  body_hash: string;
  diagnosis_report_id: number;
  outcome: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
};

/** 接口令牌 (migration 0016): only the secret's SHA-256 is stored; the prefix is what the list shows. */
export type ApiTokenTable = {
  api_token_id: Generated<number>;
  organisation_id: number;
  name: string;
  scopes: string[];
  token_prefix: string;
  secret_sha256: string;
  created_by: number;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_used_at: NullableTimestamp;
  last_used_ip: string | null;
  revoked_at: NullableTimestamp;
  revoked_by: number | null;
};

export type ExamSampleTable = {
  exam_sample_id: Generated<number>;
  method: ColumnType<string, string | undefined, string>;
  seed: string;
  period_from: ColumnType<string, string, string>;
  period_to: ColumnType<string, string, string>;
  per_institution: number;
  reviewed_only: ColumnType<boolean, boolean | undefined, boolean>;
  institution_ids: ColumnType<number[], number[] | undefined, number[]>;
  scope_region_code: string;
  organisation_id: number;
  drawn_by: number;
  drawn_at: Timestamp;
  title: string | null;
  candidate_count: number;
  candidate_digest: string;
  institutions: Json;
};

export type ExamSampleCardTable = {
  exam_sample_id: number;
  exam_card_id: number;
  institution_id: number;
  draw_rank: number;
  draw_key: string;
  card_version: number;
  matches: boolean | null;
  differing_fields: ColumnType<string[], string[] | undefined, string[]>;
  note: string | null;
  checked_by: number | null;
  checked_at: NullableTimestamp;
};

/** Printable documents (文书, migration 0026): what each issued document says, frozen at issue. */
export type IssuedDocumentTable = {
  document_id: Generated<number>;
  verification_code: string;
  kind: string;
  title_zh: string;
  title_en: string;
  number: string | null;
  organisation_id: number;
  organisation_name: string;
  region_code: string;
  issuer_organisation_id: number;
  issuer_name: string;
  subject_type: string;
  subject_id: number;
  fields: ColumnType<unknown, string, string>;
  content_hash: string;
  issued_by: number | null;
  issued_at: Timestamp;
  revoked_at: NullableTimestamp;
  revoked_by: number | null;
  revoke_reason: string | null;
};

/** The working-day calendar (工作日历, migration 0024): holidays and make-up workdays, one row per date. */
export type WorkingCalendarDayTable = {
  day: ColumnType<string, string, string>;
  kind: string;
  name: string;
  name_en: string | null;
  source: string;
  note: string | null;
  origin: string;
  import_batch_id: number | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_by: number | null;
  updated_at: Timestamp;
};

export type WorkingCalendarShippedYearTable = {
  year: number;
  source: string;
  loaded_at: Timestamp;
};

/** 机构备案 (migration 0027): one live filing per institution, its versions, reviews and attachments. */
export type FilingTable = {
  filing_id: Generated<number>;
  institution_id: number;
  kind: 'exam' | 'diagnosis' | 'service';
  region_code: string;
  authority_region_code: string;
  status: ColumnType<
    'draft' | 'submitted' | 'returned' | 'filed' | 'cancelled',
    'draft' | 'submitted' | 'returned' | 'filed' | 'cancelled' | undefined,
    'draft' | 'submitted' | 'returned' | 'filed' | 'cancelled'
  >;
  change_status: 'draft' | 'submitted' | 'returned' | null;
  filing_no: string | null;
  filed_on: ColumnType<string | null, string | null | undefined, string | null>;
  filed_version_id: number | null;
  working_version_id: number | null;
  cancelled_on: ColumnType<string | null, string | null | undefined, string | null>;
  cancel_reason: string | null;
  imported: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
};

export type FilingVersionTable = {
  filing_version_id: Generated<number>;
  filing_id: number;
  version_no: number;
  purpose: 'initial' | 'change' | 'import';
  status: ColumnType<
    'draft' | 'submitted' | 'returned' | 'filed' | 'superseded' | 'discarded',
    'draft' | 'submitted' | 'returned' | 'filed' | 'superseded' | 'discarded' | undefined,
    'draft' | 'submitted' | 'returned' | 'filed' | 'superseded' | 'discarded'
  >;
  content: ColumnType<unknown, string | undefined, string>;
  change_reason: string | null;
  filed_on: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: number | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
};

export type FilingReviewTable = {
  filing_review_id: Generated<number>;
  filing_version_id: number;
  submitted_at: ColumnType<Date, Date | string | undefined, never>;
  submitted_by: number | null;
  decision: 'returned' | 'filed' | null;
  opinion: string | null;
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  decided_by: number | null;
  decided_by_organisation_id: number | null;
};

export type FilingAttachmentTable = {
  filing_attachment_id: Generated<number>;
  filing_version_id: number;
  kind: string;
  file_name: string;
  media_type: 'application/pdf' | 'image/jpeg' | 'image/png';
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: number | null;
  uploaded_at: ColumnType<Date, Date | string | undefined, never>;
};

/** 外出体检告知 (migration 0030): notices, the notice period per province, delegated counties. */
export type OutboundNoticeTable = {
  outbound_notice_id: Generated<number>;
  institution_id: number;
  filing_id: number | null;
  status: ColumnType<
    'draft' | 'submitted' | 'acknowledged' | 'withdrawn',
    'draft' | 'submitted' | 'acknowledged' | 'withdrawn' | undefined,
    'draft' | 'submitted' | 'acknowledged' | 'withdrawn'
  >;
  employer_id: number | null;
  employer_name: string;
  employer_credit_code: string | null;
  employer_region_code: string;
  site_address: string;
  start_date: ColumnType<string, string, string>;
  end_date: ColumnType<string, string, string>;
  hazard_codes: ColumnType<unknown, string | undefined, string>;
  exam_items: string | null;
  staff: ColumnType<unknown, string | undefined, string>;
  vehicles: ColumnType<unknown, string | undefined, string>;
  equipment: ColumnType<unknown, string | undefined, string>;
  expected_count: number;
  contact_name: string | null;
  contact_phone: string | null;
  note: string | null;
  receiving_region_code: string | null;
  receiving_organisation_id: number | null;
  delegated: ColumnType<boolean, boolean | undefined, boolean>;
  notice_working_days: number | null;
  convention: string | null;
  calendar_provisional: ColumnType<boolean, boolean | undefined, boolean>;
  submitted_at: NullableTimestamp;
  submitted_on: ColumnType<string | null, string | null | undefined, string | null>;
  submitted_by: number | null;
  acknowledged_at: NullableTimestamp;
  acknowledged_by: number | null;
  acknowledge_note: string | null;
  withdrawn_at: NullableTimestamp;
  withdraw_reason: string | null;
  document_id: number | null;
  created_by: number | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
};

export type OutboundSettingTable = {
  province_code: string;
  notice_working_days: number;
  convention: ColumnType<
    'clear_days' | 'notice_day_counts',
    'clear_days' | 'notice_day_counts' | undefined,
    'clear_days' | 'notice_day_counts'
  >;
  legal_basis: string;
  confidence: 'verified' | 'uncertain';
  note: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
};

export type OutboundDelegationTable = {
  county_code: string;
  city_code: string;
  note: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
};

/** 现场核查 (migration 0029): the checklist as versioned data, a verification per first filing, results. */
export type VerificationTemplateTable = {
  verification_template_id: Generated<number>;
  code: string;
  version: number;
  name_zh: string;
  name_en: string;
  source: string;
  confidence: 'verified' | 'reported' | 'uncertain';
  note: string | null;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
};

export type VerificationTemplateItemTable = {
  verification_template_item_id: Generated<number>;
  verification_template_id: number;
  section_code: string;
  section_zh: string;
  section_en: string;
  item_code: string;
  text_zh: string;
  text_en: string;
  key_item: ColumnType<boolean, boolean | undefined, boolean>;
  basis: string;
  sort: number;
};

export type VerificationTable = {
  verification_id: Generated<number>;
  filing_id: number;
  institution_id: number;
  region_code: string;
  responsible_organisation_id: number | null;
  verification_template_id: number;
  status: ColumnType<
    'pending' | 'scheduled' | 'completed',
    'pending' | 'scheduled' | 'completed' | undefined,
    'pending' | 'scheduled' | 'completed'
  >;
  result: 'passed' | 'failed' | null;
  filed_on: ColumnType<string, string, string>;
  due_on: ColumnType<string, string, string>;
  scheduled_on: ColumnType<string | null, string | null | undefined, string | null>;
  assessors: ColumnType<unknown, string | undefined, string>;
  completed_on: ColumnType<string | null, string | null | undefined, string | null>;
  completed_by: number | null;
  conclusion: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
};

export type VerificationItemResultTable = {
  verification_id: number;
  verification_template_item_id: number;
  result: 'conform' | 'nonconform' | 'not_applicable';
  note: string | null;
  recorded_by: number | null;
  recorded_at: ColumnType<Date, Date | string | undefined, Date | string>;
};

export type VerificationEvidenceTable = {
  verification_evidence_id: Generated<number>;
  verification_id: number;
  item_code: string;
  file_name: string;
  media_type: 'application/pdf' | 'image/jpeg' | 'image/png';
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: number | null;
  uploaded_at: ColumnType<Date, Date | string | undefined, never>;
};

export type VerificationFactorTable = {
  verification_id: number;
  hazard_code: string;
  capable: boolean | null;
  note: string | null;
};

/** 整改台账 and 对口帮扶 (migration 0032). */
type DateCol = ColumnType<string, string, string>;
type NullableDateCol = ColumnType<string | null, string | null | undefined, string | null>;

export type RectificationItemTable = {
  rectification_item_id: Generated<number>;
  source: 'qc' | 'verification' | 'card_sampling' | 'inspection';
  source_ref: string;
  institution_id: number;
  region_code: string;
  title: string;
  detail: string | null;
  severity: 'major' | 'general';
  status: ColumnType<
    'open' | 'submitted' | 'closed',
    'open' | 'submitted' | 'closed' | undefined,
    'open' | 'submitted' | 'closed'
  >;
  raised_on: DateCol;
  raised_by: number | null;
  raised_by_organisation_id: number | null;
  due_on: DateCol;
  round_no: ColumnType<number, number | undefined, number>;
  responsible_person: string | null;
  submitted_at: NullableTimestamp;
  closed_on: NullableDateCol;
  closed_by: number | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
};

export type RectificationRoundTable = {
  rectification_round_id: Generated<number>;
  rectification_item_id: number;
  round_no: number;
  opened_on: DateCol;
  due_on: DateCol;
  closed_on: NullableDateCol;
};

export type RectificationEventTable = {
  rectification_event_id: Generated<number>;
  rectification_item_id: number;
  round_no: number;
  kind: 'raised' | 'responded' | 'rejected' | 'closed' | 'reopened' | 'follow_up';
  note: string | null;
  checked_on: NullableDateCol;
  checkers: string | null;
  result: 'ok' | 'relapse' | null;
  due_on: NullableDateCol;
  user_id: number | null;
  organisation_id: number | null;
  at: ColumnType<Date, Date | string | undefined, never>;
};

export type RectificationEvidenceTable = {
  rectification_evidence_id: Generated<number>;
  rectification_item_id: number;
  round_no: number;
  rectification_event_id: number | null;
  file_name: string;
  media_type: 'application/pdf' | 'image/jpeg' | 'image/png';
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: number | null;
  uploaded_at: ColumnType<Date, Date | string | undefined, never>;
};

export type RectificationRefusalTable = {
  rectification_refusal_id: Generated<number>;
  institution_id: number;
  region_code: string;
  kind: 'refusing' | 'inadequate';
  reason: string;
  marked_on: DateCol;
  marked_by: number | null;
  marked_by_organisation_id: number | null;
  lifted_on: NullableDateCol;
  lifted_by: number | null;
  lift_note: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
};

export type RectificationRefusalItemTable = {
  rectification_refusal_id: number;
  rectification_item_id: number;
};

export type AssistancePairingTable = {
  assistance_pairing_id: Generated<number>;
  lead_institution_id: number;
  assisted_institution_id: number;
  region_code: string;
  kind: 'diagnosis' | 'exam' | 'rehab';
  starts_on: DateCol;
  ends_on: NullableDateCol;
  focus: ColumnType<string[], string[] | undefined, string[]>;
  note: string | null;
  status: ColumnType<'active' | 'ended', 'active' | 'ended' | undefined, 'active' | 'ended'>;
  created_by: number | null;
  created_by_organisation_id: number | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
};

export type AssistanceActivityTable = {
  assistance_activity_id: Generated<number>;
  assistance_pairing_id: number;
  activity_on: DateCol;
  kind: 'guidance' | 'qms' | 'reporting' | 'qc_rectification' | 'training' | 'other';
  summary: string;
  created_by: number | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
};

export type AssistanceReportTable = {
  assistance_pairing_id: number;
  year: number;
  summary: string;
  submitted_on: DateCol;
  submitted_by: number | null;
};

/** 信息公开 (migration 0034): publications and their frozen rows. */
export type PublicListTable = {
  public_list_id: Generated<number>;
  kind: 'filed_institutions' | 'qc_qualified' | 'lacking_capability' | 'refusing_rectification';
  province_code: string;
  published_on: ColumnType<string, string, never>;
  published_at: ColumnType<Date, Date | string | undefined, never>;
  published_by: number | null;
  publisher_organisation_id: number;
  note: string | null;
  row_count: number;
  status: ColumnType<'published' | 'withdrawn', 'published' | undefined, 'withdrawn'>;
  withdrawn_at: ColumnType<Date | null, never, Date | string>;
  withdrawn_by: ColumnType<number | null, never, number | null>;
  withdraw_reason: ColumnType<string | null, never, string>;
};

export type PublicListRowTable = {
  public_list_id: number;
  position: number;
  institution_id: number | null;
  institution_name: string;
  region_code: string;
  region_name: string;
  reference: string | null;
  items: ColumnType<unknown, string, never>;
  detail: string | null;
  since: ColumnType<string | null, string | null, never>;
  search_text: string;
};

/** 质控评估 (migration 0031): versioned forms, yearly plans, complaints, assessments and self-assessments. */
export type QcTemplateTable = {
  qc_template_id: Generated<number>;
  code: string;
  version: number;
  kind: 'exam' | 'diagnosis' | 'support' | 'rehab';
  mode: 'assessment' | 'self';
  name_zh: string;
  name_en: string;
  source: string;
  provisional: Generated<boolean>;
  note: string | null;
  pass_percent: ColumnType<string, string | number, string | number>;
  basic_percent: ColumnType<string, string | number, string | number>;
  status: ColumnType<'draft' | 'published' | 'retired', 'draft' | 'published' | 'retired' | undefined>;
  published_at: NullableTimestamp;
  published_by: number | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type QcTemplateSectionTable = {
  qc_template_id: number;
  section_code: string;
  title_zh: string;
  title_en: string;
  hazard_category: 'dust' | 'chemical' | 'physical' | 'biological' | 'radiation' | null;
  sort: number;
};

export type QcTemplateItemTable = {
  qc_template_item_id: Generated<number>;
  qc_template_id: number;
  section_code: string;
  item_code: string;
  text_zh: string;
  text_en: string;
  points: ColumnType<string, string | number, string | number>;
  key_item: Generated<boolean>;
  evidence_required: Generated<boolean>;
  basis: string;
  sort: number;
};

export type QcPlanTable = {
  qc_plan_id: Generated<number>;
  province_code: string;
  year: number;
  note: string | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type QcPlanEntryTable = {
  qc_plan_entry_id: Generated<number>;
  qc_plan_id: number;
  institution_id: number;
  region_code: string;
  institution_kind: 'exam' | 'diagnosis';
  kind: 'routine' | 'extra';
  reason: string | null;
  risk: Json;
  created_by: number | null;
  created_at: Timestamp;
};

export type QcComplaintTable = {
  institution_id: number;
  year: number;
  complaints: number;
  note: string | null;
  recorded_by: number | null;
  recorded_at: Timestamp;
};

export type QcAssessmentStatus =
  'scheduled' | 'in_progress' | 'completed' | 'draft' | 'submitted' | 'reviewed';

export type QcAssessmentTable = {
  qc_assessment_id: Generated<number>;
  mode: 'assessment' | 'self';
  qc_template_id: number;
  institution_id: number;
  region_code: string;
  year: number;
  qc_plan_entry_id: number | null;
  filing_id: number | null;
  filing_version_id: number | null;
  hazard_categories: ColumnType<unknown, string | undefined, string>;
  status: QcAssessmentStatus;
  scheduled_on: ColumnType<string | null, string | null | undefined, string | null>;
  assessors: ColumnType<unknown, string | undefined, string>;
  score: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  max_score: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  percent: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  grade: 'qualified' | 'basic' | 'failed' | null;
  failed_key_items: ColumnType<unknown, string | undefined, string>;
  completed_on: ColumnType<string | null, string | null | undefined, string | null>;
  completed_by: number | null;
  conclusion: string | null;
  consistency_found: Json;
  consistency_findings: Json;
  consistency_checked_at: NullableTimestamp;
  major_problem: Generated<boolean>;
  major_note: string | null;
  major_reported_at: NullableTimestamp;
  submitted_at: NullableTimestamp;
  submitted_by: number | null;
  reviewed_at: NullableTimestamp;
  reviewed_by: number | null;
  review_note: string | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type QcItemScoreTable = {
  qc_assessment_id: number;
  qc_template_item_id: number;
  result: 'passed' | 'failed' | 'not_applicable';
  points: ColumnType<string | null, string | number | null, string | number | null>;
  note: string | null;
  major: Generated<boolean>;
  recorded_by: number | null;
  recorded_at: Timestamp;
};

export type QcEvidenceTable = {
  qc_evidence_id: Generated<number>;
  qc_assessment_id: number;
  item_code: string;
  file_name: string;
  media_type: 'application/pdf' | 'image/jpeg' | 'image/png';
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: number | null;
  uploaded_at: Timestamp;
};

/** 设备配置标准 (migration 0033): required equipment per institution kind and level, as data. */
export type EquipmentRequirementTable = {
  equipment_requirement_id: Generated<number>;
  institution_kind: string;
  level: string | null;
  domain: string;
  item_name: string;
  min_quantity: number;
  source: string;
  effective_year: number;
  note: string | null;
  import_batch_id: number | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_by: number | null;
  updated_at: Timestamp;
};

/** 设备台账 (migration 0033): an institution's equipment. */
export type EquipmentItemTable = {
  equipment_item_id: Generated<number>;
  institution_id: number;
  name: string;
  model: string | null;
  serial_no: string | null;
  quantity: number;
  domain: string;
  equipment_requirement_id: number | null;
  calibration_due_on: ColumnType<string | null, string | null | undefined, string | null>;
  status: Generated<string>;
  note: string | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_by: number | null;
  updated_at: Timestamp;
};

/** 用人单位库 (migration 0037): what the employer base record adds to an organisation of kind employer. */
export type EmployerProfileTable = {
  organisation_id: number;
  economic_type_code: string | null;
  extra_industry_codes: Generated<string[]>;
  /** 严重 / 一般 / 待评价; null only until the start-up classification reaches the row. */
  risk_class: string | null;
  risk_basis: Generated<unknown>;
  industrial: Generated<boolean>;
  legal_representative: string | null;
  programme_status: Generated<string>;
  programme_status_reason: string | null;
  programme_status_on: string | null;
  source: Generated<string>;
  version: Generated<number>;
  updated_at: Generated<Timestamp>;
  /** 隶属关系 (0041): central / provincial declare to the city (48号令 第四条), local to the county. */
  affiliation: Generated<string>;
};

/** Every version of an employer's base record (migration 0037). */
export type EmployerVersionTable = {
  organisation_id: number;
  version: number;
  record: unknown;
  reason: string | null;
  changed_by: number | null;
  changed_at: Generated<Timestamp>;
};

/** 用人单位注册申请 (migration 0037): an employer's self-registration, reviewed by its county. */
export type EmployerRegistrationTable = {
  registration_id: Generated<number>;
  lookup_code: string;
  credit_code: string;
  name: string;
  region_code: string;
  address: string;
  industry_code: string;
  contact_name: string;
  contact_phone_enc: string;
  username: string;
  password_hash: string;
  status: Generated<string>;
  opinion: string | null;
  organisation_id: number | null;
  user_id: number | null;
  linked_existing: boolean | null;
  submitted_at: Generated<Timestamp>;
  reviewed_by: number | null;
  reviewed_at: NullableTimestamp;
};

/** 职业病危害项目申报 (migration 0038). */
export type DeclarationTable = {
  declaration_id: Generated<number>;
  employer_id: number;
  region_code: string;
  receiving_level: Generated<string>;
  declaration_type: string;
  change_reason: string | null;
  trigger_date: string | null;
  status: Generated<string>;
  form: Generated<unknown>;
  employees: number | null;
  exposed_distinct: number | null;
  exposed_repeated: number | null;
  due_on: string | null;
  late: Generated<boolean>;
  submitted_at: NullableTimestamp;
  receipt_due_on: string | null;
  accepted_at: NullableTimestamp;
  accepted_by: number | null;
  receipt_document_id: number | null;
  previous_id: number | null;
  source: Generated<string>;
  import_key: string | null;
  version: Generated<number>;
  created_by: number | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
};

/** One submission of a declaration (migration 0038): the form as submitted and the decision on it. */
export type DeclarationVersionTable = {
  declaration_version_id: Generated<number>;
  declaration_id: number;
  version_no: number;
  form: unknown;
  totals: unknown;
  submitted_at: ColumnType<Date, Date | string | undefined, never>;
  submitted_by: number | null;
  decision: string | null;
  opinion: string | null;
  decided_at: NullableTimestamp;
  decided_by: number | null;
};

/** 申报调度 (migration 0040): declaration-rate targets per province, as data with their source. */
export type DeclarationTargetTable = {
  province_code: string;
  measure: string;
  target_rate: string | number;
  due_on: string;
  source_zh: string;
  source_en: string;
  confidence: string;
};

/** 申报扩面抽查 (migration 0040): the draw with its seed and frozen population. */
export type DeclarationSamplingTable = {
  sampling_id: Generated<number>;
  province_code: string;
  year: number;
  title: string | null;
  measure: string;
  per_city: number;
  seed: string;
  method: Generated<string>;
  population: unknown;
  population_count: number;
  population_digest: string;
  assessment_formula: Generated<string>;
  formula_provisional: Generated<boolean>;
  organisation_id: number;
  drawn_by: number;
  drawn_at: Generated<Timestamp>;
};

export type DeclarationSamplingUnitTable = {
  sampling_id: number;
  employer_id: number;
  city_code: string;
  rank: number;
  draw_key: string;
  declared_in_system: boolean;
  declared: boolean | null;
  industry_accurate: boolean | null;
  size_accurate: boolean | null;
  factors_accurate: boolean | null;
  note: string | null;
  checked_by: number | null;
  checked_at: NullableTimestamp;
};

/** 双随机抽查 (migration 0043): the weighted draw with its seed, weights and frozen population. */
export type InspectionDrawTable = {
  draw_id: Generated<number>;
  region_code: string;
  year: number;
  title: string | null;
  planned: number;
  risk_classes: Generated<string[]>;
  seed: string;
  method: Generated<string>;
  weights: unknown;
  weights_provisional: Generated<boolean>;
  population: unknown;
  population_count: number;
  population_digest: string;
  organisation_id: number;
  drawn_by: number;
  drawn_at: Generated<Timestamp>;
};

export type InspectionDrawUnitTable = {
  draw_id: number;
  employer_id: number;
  rank: number;
  list: string;
  weight: number;
  score: number;
};

/** 白名单/黑名单 decisions (migration 0040). */
export type EmployerListDecisionTable = {
  employer_id: number;
  list: string;
  action: string;
  reason: string;
  rules: Generated<string[]>;
  decided_by: number;
  organisation_id: number;
  decided_at: Generated<Timestamp>;
};

/** 用人单位数据库 (migration 0039, modules/employer-census). */
export type CensusListTable = {
  census_list_id: Generated<number>;
  import_batch_id: number;
  region_code: string;
  source: string;
  title: string;
  uploaded_by: number | null;
  uploaded_at: Timestamp;
};

export type CensusEntryTable = {
  census_entry_id: Generated<number>;
  region_code: string;
  county_code: string;
  name: string;
  name_key: string;
  credit_code: string | null;
  address: string | null;
  industry_code: string | null;
  industry_text: string | null;
  staff: number | null;
  contact_name: string | null;
  contact_phone_enc: string | null;
  contact_phone_masked: string | null;
  employer_id: number | null;
  match_state: 'matched' | 'uncertain' | 'unmatched';
  match_method: 'credit_code' | 'name' | 'review' | 'confirmed_new' | null;
  candidates: Json;
  rejected_employer_ids: ColumnType<number[], number[] | undefined, number[]>;
  status: ColumnType<
    'open' | 'not_applicable' | 'closed' | 'relocated',
    'open' | 'not_applicable' | 'closed' | 'relocated' | undefined,
    'open' | 'not_applicable' | 'closed' | 'relocated'
  >;
  status_reason: string | null;
  status_on: ColumnType<string | null, string | null | undefined, string | null>;
  first_list_id: number;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** The entry this one was merged into (migration 0042); NULL for a live entry. */
  merged_into_id: ColumnType<number | null, number | null | undefined, number | null>;
};

export type CensusEntrySourceTable = {
  census_entry_id: number;
  census_list_id: number;
  row_no: number;
  listed_name: string;
  /** 0042: the merged entry the list named (the row moved to its survivor); NULL = named this entry. */
  merged_from_id: ColumnType<number | null, number | null | undefined, number | null>;
};

/** One merge of two census entries and its undoing (migration 0042). */
export type CensusMergeTable = {
  census_merge_id: Generated<number>;
  merged_entry_id: number;
  survivor_entry_id: number;
  reason: string | null;
  survivor_before: Json;
  survivor_after: Json;
  moved_list_ids: ColumnType<number[], number[] | undefined, number[]>;
  moved_follow_up_ids: ColumnType<number[], number[] | undefined, number[]>;
  closed_follow_up_ids: ColumnType<number[], number[] | undefined, number[]>;
  merged_by: number | null;
  merged_at: Timestamp;
  unmerged_by: number | null;
  unmerged_at: NullableTimestamp;
  unmerge_reason: string | null;
};

export type CensusFollowUpTable = {
  census_follow_up_id: Generated<number>;
  census_entry_id: number;
  region_code: string;
  assignee_user_id: number;
  assigned_by: number | null;
  assigned_at: Timestamp;
  due_on: ColumnType<string, string, string>;
  status: ColumnType<'open' | 'done', 'open' | 'done' | undefined, 'open' | 'done'>;
  outcome: 'declared' | 'will_declare' | 'not_applicable' | 'closed' | 'not_found' | 'merged' | null;
  outcome_note: string | null;
  will_declare_by: ColumnType<string | null, string | null | undefined, string | null>;
  visited_on: ColumnType<string | null, string | null | undefined, string | null>;
  recorded_by: number | null;
  recorded_at: NullableTimestamp;
};

export type CensusSnapshotTable = {
  census_snapshot_id: Generated<number>;
  region_code: string;
  period: string;
  taken_on: ColumnType<string, string, string>;
  counts: Json;
  taken_by: number | null;
  created_at: Timestamp;
};

export type CensusSnapshotRowTable = {
  census_snapshot_id: number;
  census_entry_id: number;
  region_code: string;
  name: string;
  credit_code: string | null;
  employer_id: number | null;
  status: string;
  status_reason: string | null;
  sources: string[];
  risk_class: string | null;
};

export type IndicatorDefinitionTable = {
  code: string;
  grp: string;
  name_zh: string;
  name_en: string;
  unit: string;
  direction: string;
  period_kind: string;
  levels: number[];
  numerator_zh: string;
  numerator_en: string;
  denominator_zh: string;
  denominator_en: string;
  data_status: string;
  caveat_zh: string | null;
  caveat_en: string | null;
  confidence: string;
  requirements: string[];
  list_path: string | null;
  sort: number;
};

export type IndicatorTargetTable = {
  province_code: string;
  indicator_code: string;
  target_value: number;
  comparator: string;
  due_on: DateCol;
  document_zh: string;
  document_en: string;
  document_year: number;
  section: string;
  quote_zh: string;
  confidence: string;
};

/** Read replica's lag marker (migration 0046, platform/read-replica.ts): one row, id = 1. */
export type ReplicationHeartbeatTable = {
  id: number;
  at: Date;
};

export type IndicatorCountTable = {
  measure: string;
  region_code: string;
  month: ColumnType<string, string, string>;
  institution_id: ColumnType<number, number | undefined, number>;
  dim: ColumnType<string, string | undefined, string>;
  n: number;
};

export type IndicatorRollupTable = {
  measure: string;
  region_code: string;
  month: ColumnType<string, string, string>;
  n: number;
};

export type IndicatorDeltaTable = {
  delta_id: Generated<number>;
  measure: string;
  region_code: string;
  month: ColumnType<string, string, string>;
  institution_id: ColumnType<number, number | undefined, number>;
  dim: ColumnType<string, string | undefined, string>;
  d: number;
};

export type IndicatorVerificationTable = {
  indicator_verification_id: Generated<number>;
  at: Generated<Date>;
  repaired: ColumnType<boolean, boolean | undefined, boolean>;
  total_abs_drift: number;
  result: Json;
};

export type DB = {
  organisation: OrganisationTable;
  organisation_region_count: OrganisationRegionCountTable;
  role: RoleTable;
  app_user: AppUserTable;
  user_role: UserRoleTable;
  password_history: PasswordHistoryTable;
  user_session: UserSessionTable;
  login_log: LoginLogTable;
  captcha: CaptchaTable;
  audit_log: AuditLogTable;
  app_setting: AppSettingTable;
  import_batch: ImportBatchTable;
  standard_amendment: StandardAmendmentTable;
  standard_import: StandardImportTable;
  schema_migration: SchemaMigrationTable;
  job: JobTable;
  import_file: ImportFileTable;
  import_row: ImportRowTable;
  import_chunk: ImportChunkTable;
  institution_capability: InstitutionCapabilityTable;
  filing: FilingTable;
  filing_version: FilingVersionTable;
  filing_review: FilingReviewTable;
  filing_attachment: FilingAttachmentTable;
  verification_template: VerificationTemplateTable;
  verification_template_item: VerificationTemplateItemTable;
  verification: VerificationTable;
  verification_item_result: VerificationItemResultTable;
  verification_factor: VerificationFactorTable;
  verification_evidence: VerificationEvidenceTable;
  qc_template: QcTemplateTable;
  qc_template_section: QcTemplateSectionTable;
  qc_template_item: QcTemplateItemTable;
  qc_plan: QcPlanTable;
  qc_plan_entry: QcPlanEntryTable;
  qc_complaint: QcComplaintTable;
  qc_assessment: QcAssessmentTable;
  qc_item_score: QcItemScoreTable;
  qc_evidence: QcEvidenceTable;
  worker: WorkerTable;
  exam_card: ExamCardTable;
  exam_card_key: ExamCardKeyTable;
  exam_card_version: ExamCardVersionTable;
  exam_conclusion: ExamConclusionTable;
  exam_card_review: ExamCardReviewTable;
  deadline_rule: DeadlineRuleTable;
  deadline: DeadlineTable;
  notification: NotificationTable;
  suspected_case: SuspectedCaseTable;
  exam_sample: ExamSampleTable;
  exam_sample_card: ExamSampleCardTable;
  api_token: ApiTokenTable;
  diagnosis_report: DiagnosisReportTable;
  diagnosis_report_version: DiagnosisReportVersionTable;
  diagnosis_report_request: DiagnosisReportRequestTable;
  issued_document: IssuedDocumentTable;
  working_calendar_day: WorkingCalendarDayTable;
  equipment_requirement: EquipmentRequirementTable;
  equipment_item: EquipmentItemTable;
  working_calendar_shipped_year: WorkingCalendarShippedYearTable;
  outbound_notice: OutboundNoticeTable;
  outbound_setting: OutboundSettingTable;
  outbound_delegation: OutboundDelegationTable;
  public_list: PublicListTable;
  public_list_row: PublicListRowTable;
  rectification_item: RectificationItemTable;
  rectification_round: RectificationRoundTable;
  rectification_event: RectificationEventTable;
  rectification_evidence: RectificationEvidenceTable;
  rectification_refusal: RectificationRefusalTable;
  rectification_refusal_item: RectificationRefusalItemTable;
  assistance_pairing: AssistancePairingTable;
  assistance_activity: AssistanceActivityTable;
  assistance_report: AssistanceReportTable;
  employer_profile: EmployerProfileTable;
  employer_version: EmployerVersionTable;
  employer_registration: EmployerRegistrationTable;
  declaration: DeclarationTable;
  declaration_version: DeclarationVersionTable;
  declaration_target: DeclarationTargetTable;
  declaration_sampling: DeclarationSamplingTable;
  declaration_sampling_unit: DeclarationSamplingUnitTable;
  employer_list_decision: EmployerListDecisionTable;
  census_list: CensusListTable;
  census_entry: CensusEntryTable;
  census_entry_source: CensusEntrySourceTable;
  census_follow_up: CensusFollowUpTable;
  census_snapshot: CensusSnapshotTable;
  census_snapshot_row: CensusSnapshotRowTable;
  inspection_draw: InspectionDrawTable;
  inspection_draw_unit: InspectionDrawUnitTable;
  census_merge: CensusMergeTable;
  indicator_definition: IndicatorDefinitionTable;
  indicator_target: IndicatorTargetTable;
  replication_heartbeat: ReplicationHeartbeatTable;
  indicator_count: IndicatorCountTable;
  indicator_rollup: IndicatorRollupTable;
  indicator_delta: IndicatorDeltaTable;
  indicator_verification: IndicatorVerificationTable;
};
