// `npm start`: build the web app and the server bundle when their sources are newer than the build,
// then run the server.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const newest = (dir) => {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist') continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
};
const builtAt = (file) => (existsSync(file) ? statSync(file).mtimeMs : 0);
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

const shared = Math.max(newest('packages'), builtAt('package-lock.json'));
if (Math.max(newest('apps/web'), shared) > builtAt('apps/web/dist/index.html')) {
  console.log('Building the web app …');
  run('npm', ['run', 'build', '-w', '@ohp/web']);
}
if (Math.max(newest('apps/server/src'), shared) > builtAt('apps/server/dist/main.js')) {
  console.log('Building the server …');
  run('node', ['scripts/build-server.mjs']);
}
const r = spawnSync('node', ['--enable-source-maps', 'apps/server/dist/main.js'], { stdio: 'inherit' });
process.exit(r.status ?? 0);
