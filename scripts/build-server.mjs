// Bundles the server (and the workspace packages it imports) into apps/server/dist/; npm
// packages stay external and load from node_modules.
import { copyFileSync } from 'node:fs';
import { build } from 'esbuild';

await build({
  // The sheet worker (imports and exports) is a second bundle, started by URL from beside main.js.
  entryPoints: {
    main: 'apps/server/src/main.ts',
    'sheet-worker': 'apps/server/src/platform/imports/sheet-worker.ts',
  },
  outdir: 'apps/server/dist',
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
copyFileSync('apps/server/src/platform/pglite-worker.mjs', 'apps/server/dist/pglite-worker.mjs');
