import { runCli } from './index.js';

runCli('seed').then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
