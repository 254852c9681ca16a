// Bundles the server (and the workspace packages it imports) into apps/server/dist/main.js; npm
// packages stay external and load from node_modules.
import { build } from 'esbuild';

await build({
  entryPoints: ['apps/server/src/main.ts'],
  outfile: 'apps/server/dist/main.js',
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
