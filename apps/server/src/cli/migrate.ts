import { runCli } from './index.js';

runCli('migrate').then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
