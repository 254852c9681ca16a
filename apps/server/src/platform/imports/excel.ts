/**
 * exceljs, loaded on first use: evaluating it took ~0.35 s of CPU at every server start, whose
 * requests mostly never touch a workbook. Types come from `import type ExcelJS from 'exceljs'`.
 */
import type ExcelJS from 'exceljs';

let loaded: typeof ExcelJS | undefined;

export const loadExcel = async (): Promise<typeof ExcelJS> =>
  (loaded ??= ((await import('exceljs')) as unknown as { default: typeof ExcelJS }).default);
