#!/usr/bin/env bash
# Lints the services' OpenAPI documents (docs/openapi/*.json, written by the build) with Redocly CLI's recommended
# rules (tests/openapi/redocly.yaml): any error fails. tests/run.sh calls it after the build. The CLI comes from the
# npm registry at a pinned version, installed once into artifacts/tools/ (ignored by git); it needs Node.js 20.19+.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
version=2.77.0
tools="$root/artifacts/tools/redocly-cli-$version"
if ! command -v npm >/dev/null 2>&1; then
  echo "openapi lint: npm is missing (Node.js 20.19 or later with npm is needed for @redocly/cli $version)" >&2
  exit 1
fi
if [[ ! -x $tools/node_modules/.bin/redocly ]]; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error "@redocly/cli@$version" >/dev/null
fi
# No telemetry and no update check: build machines have no internet beyond the package registries.
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
  "$tools/node_modules/.bin/redocly" lint "$root"/docs/openapi/*.json --config "$root/tests/openapi/redocly.yaml" --format=summary 2>&1 \
  | grep -v '[║╔╚]' # Redocly's banner about Node.js 20's end of life: not a finding
exit "${PIPESTATUS[0]}"
