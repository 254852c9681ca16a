/**
 * @ohp/standards — edition-aware calculators for occupational-health standards (GBZ 2.1, GBZ 2.2,
 * GBZ/T 189.8, GBZ/T 229.4, GBZ 49, GBZ 188, GBZ 70) and the hazard → disease mapping.
 * Pure: no I/O at call time, no clock (callers pass the event date), no database. Rules, clauses,
 * conventions and what is unverified: docs/STANDARDS.md.
 */
export type { Confidence, RuleRef, Edition, ErrorCode, ErrorResult } from './rules';
export {
  editionFor,
  isErrorResult,
  invalidInput,
  designation,
  addMonths,
  atMost,
  atLeast,
  COMPARISON_TOLERANCE,
} from './rules';
// Reasons as message codes with parameters, rendered in zh-CN or en (server, CLI and web).
export * from './messages';
export type { Issue, Schema } from './validate';
export { validate, intervalOf, numericFields } from './validate';
export { inputRanges } from './schemas';
export type { InputRange, RangeName } from './schemas';
export * from './present';
export * from './rounding';
export {
  GBZ21_2019,
  gbz21Editions,
  chemicalLimitRows,
  dustLimitRows,
  oelDataMeta,
  amendmentLines,
  defaultAmendments,
  amendmentsWith,
  limitRowsFor,
  resolveLimit,
  importLimitRows,
  chemicalImportTemplate,
  dustImportTemplate,
  isValidCas,
  missingLimitRows,
  missingRowFor,
  citeRow,
  amendmentName,
} from './oel-data';
export type {
  ChemicalLimitRow,
  DustLimitRow,
  LimitRow,
  ResolvedLimitRow,
  LimitRowSource,
  Amendment,
  AmendmentLine,
  AmendmentSetting,
  SubstanceRef,
  LimitLookup,
  ImportIssue,
  LimitImportResult,
  MissingLimitRow,
  LimitRowProvenance,
} from './oel-data';
export * from './air';
export * from './noise';
export * from './hearing';
export * from './surveillance';
export * from './pneumoconiosis';
export * from './hazard-diseases';
export * from './calculators';

// Code rules (GB 11643 ID numbers, GB 32100 credit codes with GB 11714 organisation codes) and the 2017
// enterprise-size rule live here: one import path for every rule the platform judges by.
export * from './codes/index';
export * from './enterprise-size';
