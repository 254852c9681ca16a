#!/usr/bin/env bash
# `npm test`: lint + typecheck → unit/service/route tests on PGlite → the same server tests on a real
# PostgreSQL server started here → build → browser journeys in Chromium. Prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tmp
passed=0
failed=0
status=0

# Each step's heading says how long the run has taken so far (CI must stay under 30 minutes on 2 cores).
step() { printf '\n\033[1m== %s ==\033[0m (at %dm%02ds)\n' "$1" $((SECONDS / 60)) $((SECONDS % 60)); }
count_vitest() { # $1 = json report
  if [ -f "$1" ]; then
    read -r p f < <(node -e "const r=require('./$1');console.log(r.numPassedTests, r.numFailedTests + (r.numTotalTests===0?1:0))")
    passed=$((passed + p)); failed=$((failed + f))
  else
    failed=$((failed + 1))
  fi
}

step "lint, format and typecheck"
# The three at once (each mostly one core): about half the time of one after another.
npm run -s lint > .tmp/lint.log 2>&1 &
lint_pid=$!
npm run -s typecheck > .tmp/typecheck.log 2>&1 &
typecheck_pid=$!
npm run -s format:check > .tmp/format.log 2>&1
format_ok=$?
wait $lint_pid; lint_ok=$?
wait $typecheck_pid; typecheck_ok=$?
cat .tmp/lint.log .tmp/format.log .tmp/typecheck.log
if [ $lint_ok = 0 ] && [ $format_ok = 0 ] && [ $typecheck_ok = 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi

step "unit, service and route tests on PGlite"
rm -f .tmp/vitest-pglite.json
OHP_TEST_DB=pglite OHP_ACCESS_MATRIX_SPLIT=1 npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest-pglite.json || status=1
count_vitest .tmp/vitest-pglite.json

step "service and route tests on PostgreSQL"
rm -f .tmp/vitest-pg.json
# Every server test file that opens a test database; the others never touch one (pure functions, the
# HTTP layer without a database) or always use PGlite (the CLI's own data directory), so a second run
# would repeat the first.
mapfile -t pg_files < <(grep -rlE "createTestContext|openTestDatabase|testDbKind|OHP_TEST_DB" apps/server/src apps/server/test --include='*.test.ts' | sort)
OHP_TEST_DB=postgresql OHP_ACCESS_MATRIX_SPLIT=1 scripts/with-postgres.sh npx vitest run "${pg_files[@]}" --reporter=default --reporter=json --outputFile.json=.tmp/vitest-pg.json || status=1
count_vitest .tmp/vitest-pg.json

step "read replica: a PostgreSQL primary and its streaming standby"
rm -f .tmp/vitest-pg-standby.json
# Only the read-replica test (about 30 s): pg_basebackup of the fresh test cluster over loopback, the
# standby on a second port (scripts/with-postgres.sh OHP_PG_STANDBY=1).
OHP_PG_STANDBY=1 OHP_TEST_DB=postgresql scripts/with-postgres.sh npx vitest run apps/server/test/read-replica.test.ts --reporter=default --reporter=json --outputFile.json=.tmp/vitest-pg-standby.json || status=1
count_vitest .tmp/vitest-pg-standby.json

step "build"
# `npm run build` is the web app, then the server. Here the server first, then the demo province the
# journeys start from is seeded (e2e/prepare-demo.mjs: the built server's first start) while the web
# app builds: the two mostly use one core each. A failed seeding is not counted here: the journeys seed
# again and report it.
if node scripts/build-server.mjs; then
  node e2e/prepare-demo.mjs > .tmp/e2e-demo.log 2>&1 &
  seed_pid=$!
  if npm run -s build -w @ohp/web; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi
  wait $seed_pid || { echo "seeding the demo province for the journeys failed:"; tail -20 .tmp/e2e-demo.log; }
else
  failed=$((failed + 1)); status=1
fi

step "browser journeys (Chromium)"
if [ -d e2e ] && ls e2e/*.test.mjs >/dev/null 2>&1; then
  # Largest files first (size is a fair proxy for duration): the last file then is a short one, and
  # neither core waits alone through a long tail.
  mapfile -t e2e_files < <(ls -S e2e/*.test.mjs)
  node --test --test-concurrency=2 --test-reporter=tap "${e2e_files[@]}" | tee .tmp/e2e.tap
  [ "${PIPESTATUS[0]}" = 0 ] || status=1
  p=$(grep -E '^# pass ' .tmp/e2e.tap | awk '{print $3}'); f=$(grep -E '^# fail ' .tmp/e2e.tap | awk '{print $3}')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-1}))
else
  echo "no e2e journeys found"; failed=$((failed + 1)); status=1
fi

step "done"
# The CI log keeps only its tail: name every failure here, whichever step it came from.
for report in .tmp/vitest-pglite.json .tmp/vitest-pg.json .tmp/vitest-pg-standby.json; do
  [ -f "$report" ] && node -e "
    const r = require('./$report');
    for (const f of r.testResults) for (const t of f.assertionResults)
      if (t.status === 'failed') console.log('FAILED [$report] ' + f.name.replace(process.cwd() + '/', '') + ' › ' + t.fullName + '\\n  ' + (t.failureMessages[0] || '').split('\\n').slice(0, 6).join('\\n  '));
    for (const f of r.testResults) if (f.status === 'failed' && f.assertionResults.length === 0) console.log('FAILED [$report] ' + f.name + ': ' + (f.message || '').slice(0, 600));
  "
done
[ -f .tmp/e2e.tap ] && grep -nE '^\s*not ok ' .tmp/e2e.tap | sed 's/^/FAILED [e2e] /'
[ $lint_ok = 0 ] || echo "FAILED [lint] see above"
[ $format_ok = 0 ] || echo "FAILED [format] see above"
[ $typecheck_ok = 0 ] || echo "FAILED [typecheck] see above"
echo "${passed} passed, ${failed} failed"
[ "$failed" = 0 ] || status=1
exit $status
