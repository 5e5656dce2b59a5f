#!/usr/bin/env bash
# Runs every test of the solution against real PostgreSQL and RabbitMQ.
#   - With a Docker engine, the tests start their own containers (Testcontainers).
#   - Without one, deploy/local/infra.sh installs PostgreSQL and RabbitMQ from the OS packages when
#     missing and runs private instances on loopback (ports 55432 / 55672); this script stops them
#     again if it was the one that started them.
# Prints "N passed, N failed" and fails when any test failed or none ran.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

started_infra=0
if [[ -z ${MARKETPLACE_POSTGRES:-} ]] && ! docker info >/dev/null 2>&1; then
  if ! bash deploy/local/infra.sh status >/dev/null 2>&1; then
    started_infra=1
  fi
  eval "$(bash deploy/local/infra.sh up)"
fi
stop_infra() {
  if [[ $started_infra == 1 ]]; then
    bash deploy/local/infra.sh down >/dev/null 2>&1 || true
  fi
}
trap stop_infra EXIT

# Disk: a full run's test databases reach about 10.5 GB (the tenant-scale benchmark's 611 cooperatives beside
# some 450 others, ~10 MB each, and up to 1 GB of WAL) beside a 3 GB build. A full disk does not fail cleanly:
# RabbitMQ blocks publishers at its disk alarm, PostgreSQL stops, and every test after that fails on a
# connection. Said here, and again after a failure.
disk_note=""
disk_dir=${MARKETPLACE_INFRA_DIR:-/var/tmp/marketplace-infra}
free_gb=$(df -P -BG "$disk_dir" 2>/dev/null | awk 'NR == 2 { sub("G", "", $4); print $4 }' || true)
if [[ $free_gb =~ ^[0-9]+$ ]]; then
  echo "disk: ${free_gb} GB free under $disk_dir"
  if (( free_gb < 12 )); then
    disk_note="only ${free_gb} GB free under $disk_dir: a full run needs about 10.5 GB there for its test databases, so tests may fail on a full disk"
    echo "WARNING: $disk_note" >&2
  fi
fi

# The browser tests drive the Debian Chromium (Playwright cannot download a browser here): ~16 s and
# ~420 MB the first time, nothing once /usr/bin/chromium exists.
if [[ ! -x /usr/bin/chromium ]]; then
  if [[ $(id -u) -ne 0 ]]; then
    echo "Chromium is missing: as root, apt-get install chromium fonts-liberation (the browser tests need it)" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
fi

dotnet build Marketplace.sln --nologo -v quiet
# The OpenAPI documents the build just wrote, linted (Redocly CLI, pinned, from npm): an error stops the run.
bash tests/openapi/lint.sh
set +e
# -m:1: one test assembly at a time. The integration and browser tests each start the shared test app,
# whose start drops the databases earlier runs left (it_*): run side by side, each dropped the other's.
dotnet test Marketplace.sln --no-build --nologo -m:1 \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@"
status=$?
set -e

# One plain summary line from the TRX files of every test assembly (grep, not a script language:
# a fresh machine may have nothing but bash and the .NET SDK).
count() {
  local total=0 n
  for n in $(grep -ho "<Counters [^>]*" "$results"/*.trx 2>/dev/null | grep -o " $1=\"[0-9]*\"" | grep -o "[0-9]*"); do
    total=$((total + n))
  done
  echo "$total"
}
passed=$(count passed)
failed=$(( $(count failed) + $(count error) + $(count timeout) + $(count aborted) ))
skipped=$(count notExecuted)
# The failed tests by name, last, so that the tail of a long CI log says which ones, after why each failed
# (its message and the top of its stack, from the TRX; awk is in every Debian base system).
if [[ $failed -ne 0 ]]; then
  echo "why:"
  awk '
    /<UnitTestResult / { on = ($0 !~ /outcome="(Passed|NotExecuted)"/); if (on) { match($0, /testName="[^"]*"/); print "- " substr($0, RSTART + 10, RLENGTH - 11) } }
    on && /<Message>/ { part = "message"; lines = 0 }
    on && /<StackTrace>/ { part = "stack"; lines = 0 }
    on && part != "" { l = $0; sub(/^[ \t]*/, "", l); if ((part == "message" && lines < 25) || (part == "stack" && lines < 8)) print "    " l; lines++ }
    /<\/Message>|<\/StackTrace>/ { part = "" }
    /<\/UnitTestResult>/ { on = 0; part = "" }
  ' "$results"/*.trx | sed 's/<[/]*\(Message\|StackTrace\)>//g; s/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&apos;/'"'"'/g; s/&amp;/\&/g' || true
  echo "failed:"
  grep -ho '<UnitTestResult [^>]*' "$results"/*.trx | grep -v 'outcome="Passed"\|outcome="NotExecuted"' \
    | grep -o 'testName="[^"]*"' | sed 's/^testName="\(.*\)"$/  \1/' || true
fi
echo "$passed passed, $failed failed, $skipped skipped"
if [[ $status -ne 0 || $failed -ne 0 || $passed -eq 0 ]]; then
  if [[ -n $disk_note ]]; then
    echo "WARNING: $disk_note (now $(df -P -BG "$disk_dir" | awk 'NR == 2 { print $4 }') free)" >&2
  fi
  echo "tests failed (dotnet test exit $status)" >&2
  exit 1
fi
