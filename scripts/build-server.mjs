// Bundles the server (and the workspace packages it imports) into apps/server/dist/; npm
// packages stay external and load from node_modules. `--entry <file> --name <name> --outdir <dir>`
// bundles another entry point the same way (the benchmarks' server: bench/exam-harness.ts), with the
// sheet worker and the PGlite worker beside it.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const outdir = arg('outdir', 'apps/server/dist');

await build({
  // The sheet worker (imports and exports) is a second bundle, started by URL from beside main.js.
  entryPoints: {
    [arg('name', 'main')]: arg('entry', 'apps/server/src/main.ts'),
    'sheet-worker': 'apps/server/src/platform/imports/sheet-worker.ts',
  },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [
    {
      name: 'externalise-npm-packages',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith('@ohp/') ? null : { path: args.path, external: true },
        );
      },
    },
  ],
});

// The PGlite worker is plain JavaScript loaded by URL from beside main.js.
mkdirSync(outdir, { recursive: true });
copyFileSync('apps/server/src/platform/pglite-worker.mjs', join(outdir, 'pglite-worker.mjs'));
