/**
 * Vitest global setup: a directory for this run's database templates (test/helpers.ts, templateOf),
 * handed to the test files through `provide`, removed when the run ends. Template databases on
 * PostgreSQL live in the server scripts/with-postgres.sh started for the run and go with it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  // Declaration merging with vitest's own interface needs an interface.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  export interface ProvidedContext {
    ohpTestRunDir: string;
  }
}

export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'ohp-test-run-'));
  project.provide('ohpTestRunDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
