// Standalone config so this package's tests run without the server's global setup:
//   npx vitest run --config packages/standards/vitest.config.ts   (or `npm test` in this folder)
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: import.meta.dirname,
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
});
