/** Imports (导入任务): the user's uploads as jobs — status, progress, report, rejected rows. */
export { registerImportRoutes } from './imports.routes.js';
export { answerUpload, fileRefusal, readUpload } from './imports.http.js';
export { myImportErrorFile } from './imports.service.js';
export { registerSheetImport, type SheetImportDoor } from './imports.sheet-routes.js';
