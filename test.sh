#!/usr/bin/env bash
# Runs every test of Crm.Saas. All the set-up a fresh Debian machine with the .NET 10 SDK needs is here:
# it first installs what the tests use and the machine lacks, then runs `dotnet test` on the solution.
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages the tests start for real: PostgreSQL (the cluster store's provider tests), Chromium (the browser
# tests drive /usr/bin/chromium with Playwright; Playwright's own browser download is never used) and jq.
need=()
command -v node >/dev/null || need+=(nodejs npm)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null || need+=(chromium)
# The README's walkthrough, which a test runs as written, reads answers with jq.
command -v jq >/dev/null || need+=(jq)
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]} with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi

# npm packages the oracle tests run (graphql-js and friends), pinned by each folder's package-lock.json.
for dir in $(git ls-files '*package-lock.json' | xargs -r -n1 dirname); do
  [ -d "$dir/node_modules" ] || (echo "test.sh: npm ci in $dir" >&2; npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error)
done

dotnet build Crm.Saas.sln -c Release --nologo -v q -warnaserror
# One line a test project (and every failure with its message), then a total on the line CI reads: "N passed, N failed".
set +e
log=$(mktemp)
dotnet test Crm.Saas.sln -c Release --no-build --nologo -v q --logger "console;verbosity=minimal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
total() { grep -oE "$1: +[0-9]+" "$log" | awk '{ n += $2 } END { print n + 0 }'; }
echo "Tests: $(total Passed) passed, $(total Failed) failed"
rm -f "$log"
exit "$status"
