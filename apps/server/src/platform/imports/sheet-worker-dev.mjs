// Starts the TypeScript sheet worker from the source tree (vitest, tsx, npm run dev, the CLI): registers
// tsx in this thread, then loads the worker. The bundle runs dist/sheet-worker.js instead.
import { register } from 'tsx/esm/api';

register();
await import('./sheet-worker.ts');
