/**
 * @ohp/reference — national catalogues as versioned data with their sources, plus the rules that use
 * them (risk class, disease-catalogue edition, working days). Code validators and the enterprise-size rule
 * live in @ohp/standards.
 * Provenance of every data file: docs/DATA-SOURCES.md. No runtime dependencies, no clock reads.
 */
export * from './catalogues';
export * from './catalogue-display';
export * from './regions';
export * from './industries';
export * from './risk-classes';
export * from './hazard-factors';
export * from './diseases';
export * from './code-tables';
export * from './exchange-codes';
export * from './exchange-catalogues';
export * from './calendar';
export { isIsoDate, addDays, chinaToday, chinaDayOf } from './dates';
export { parseCsv, parseCsvRecords, parseCsvTable, type CsvTable } from './csv';
