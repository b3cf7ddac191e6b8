#!/usr/bin/env bash
# Robustness checks, called by .ci/run (a few minutes):
#   - faasvet check and graph on a few small real FaaS modules from the Go
#     module proxy (go run ./internal/realcheck -short): no crash, no file
#     written, no finding beyond those a person has judged real;
#   - a few seconds of each fuzz target, on top of the committed seed
#     corpora that go test ./... already runs. The budgets are counts of
#     executions (about 3 s each here), not durations: with a duration,
#     Go's fuzzing coordinator before Go 1.27 can fail a target with
#     "context deadline exceeded" and no failing input at the end of the
#     time (golang/go#75804), as an 80 s run of FuzzTerraform here did.
# The full real-code run (docs/real-world.md) and the long fuzzing runs
# are done by hand: go run ./internal/realcheck, and -fuzztime 10m.
set -euo pipefail
cd "$(dirname "$0")/.."
export GOFLAGS="${GOFLAGS:-} -buildvcs=false"
export GOTOOLCHAIN=local
# FUZZTIME, when set (10m, 100000x), is every target's budget instead.
fuzztime=${FUZZTIME:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

step() { printf '\n-- %s\n' "$*"; }

step "faasvet on real modules (internal/realcheck -short)"
start=$SECONDS
go run ./internal/realcheck -short -out "$tmp/realcheck"
echo "realcheck subset in $((SECONDS - start))s"

step "fuzz targets, ${fuzztime:-a few seconds} each"
for target in \
  ./directive:FuzzParse:10000x \
  ./jsonshape:FuzzCompatible:600x \
  ./manifest/node:FuzzParse:10000x \
  ./manifest/asl:FuzzSimulate:10000x \
  ./manifest:FuzzCloudFormation:10000x \
  ./manifest:FuzzServerless:10000x \
  ./manifest:FuzzOpenFaaS:10000x \
  ./manifest:FuzzKnative:10000x \
  ./manifest:FuzzStatesLanguage:10000x \
  ./manifest:FuzzCDK:3000x \
  ./manifest/node:FuzzStripTemplate:10000x \
  ./manifest/terraform:FuzzTerraform:10000x \
  ./manifest/shell:FuzzShell:10000x; do
  pkg=${target%%:*}
  rest=${target#*:}
  fn=${rest%%:*}
  budget=${fuzztime:-${rest#*:}}
  start=$SECONDS
  go test "$pkg" -run '^$' -fuzz "^$fn\$" -fuzztime "$budget" >"$tmp/fuzz.log" 2>&1 || {
    cat "$tmp/fuzz.log"
    echo "robust: $pkg $fn failed; the failing input is in $pkg/testdata/fuzz/$fn" >&2
    exit 1
  }
  echo "$pkg $fn: $budget, ok in $((SECONDS - start))s"
done
echo
echo "robust passed"
