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

dotnet build Marketplace.sln --nologo -v quiet
set +e
dotnet test Marketplace.sln --no-build --nologo \
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
echo "$passed passed, $failed failed, $skipped skipped"
if [[ $status -ne 0 || $failed -ne 0 || $passed -eq 0 ]]; then
  echo "tests failed (dotnet test exit $status)" >&2
  exit 1
fi
