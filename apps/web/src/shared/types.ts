/** Static types of the server's response schemas, from the shared contracts. */
import type {
  AuditEntry as AuditEntrySchema,
  AuditVerifyResponse as AuditVerifySchema,
  CaptchaResponse as CaptchaSchema,
  CatalogueMeta as CatalogueMetaSchema,
  CreatedUser as CreatedUserSchema,
  ImportReport as ImportReportSchema,
  LoginLogEntry as LoginLogSchema,
  Region as RegionSchema,
  Role as RoleSchema,
  SessionInfo as SessionSchema,
  TotpSetupResponse as TotpSetupSchema,
} from '@ohp/contracts';
import type { Static } from 'typebox';

export type {
  ExamCardConclusion,
  ExamCardDetail,
  ExamCardEnterprise,
  ExamCardInput,
  ExamCardItem,
  ExamCardReviewInput,
  ExamCardReviewResult,
  ExamCardSummary,
  DeadlineView,
  SuspectedCase,
  SuspectedCaseEventInput,
  ImportBatch,
  ImportBatchStatus,
  MeResponse as Me,
  MyOrganisationPatch,
  Organisation,
  OrganisationHistoryEntry,
  OrganisationInput,
  User,
  UserInput,
  UserPatch,
} from '@ohp/contracts';
export type Role = Static<typeof RoleSchema>;
export type SessionInfo = Static<typeof SessionSchema>;
export type LoginLogEntry = Static<typeof LoginLogSchema>;
export type AuditEntry = Static<typeof AuditEntrySchema>;
export type AuditVerify = Static<typeof AuditVerifySchema>;
export type CatalogueMeta = Static<typeof CatalogueMetaSchema>;
export type Region = Static<typeof RegionSchema>;
export type Captcha = Static<typeof CaptchaSchema>;
export type TotpSetup = Static<typeof TotpSetupSchema>;
export type CreatedUser = Static<typeof CreatedUserSchema>;
export type ImportReport = Static<typeof ImportReportSchema> & { batchId?: number | string | null };
