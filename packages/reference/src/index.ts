/**
 * @ohp/reference — national catalogues as versioned data with their sources, plus the rules that use
 * them (risk class, enterprise size, disease-catalogue edition, working days) and code validators.
 * Provenance of every data file: docs/DATA-SOURCES.md. No runtime dependencies, no clock reads.
 */
export * from './catalogues';
export * from './regions';
export * from './industries';
export * from './risk-classes';
export * from './hazard-factors';
export * from './diseases';
export * from './code-tables';
export * from './enterprise-size';
export * from './calendar';
export * from './codes/index';
export { isIsoDate, addDays } from './dates';
