#!/usr/bin/env bash
# Robustness checks, called by .ci/run (a few minutes):
#   - faasvet check and graph on a few small real FaaS modules from the Go
#     module proxy (go run ./internal/realcheck -short): no crash, no file
#     written, no finding beyond those a person has judged real;
#   - a few seconds of each fuzz target, on top of the committed seed
#     corpora that go test ./... already runs.
# The full real-code run (docs/real-world.md) and the long fuzzing runs
# are done by hand: go run ./internal/realcheck, and -fuzztime 10m.
set -euo pipefail
cd "$(dirname "$0")/.."
export GOFLAGS="${GOFLAGS:-} -buildvcs=false"
export GOTOOLCHAIN=local
fuzztime=${FUZZTIME:-3s}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

step() { printf '\n-- %s\n' "$*"; }

step "faasvet on real modules (internal/realcheck -short)"
start=$SECONDS
go run ./internal/realcheck -short -out "$tmp/realcheck"
echo "realcheck subset in $((SECONDS - start))s"

step "fuzz targets, $fuzztime each"
for target in \
  ./directive:FuzzParse \
  ./jsonshape:FuzzCompatible \
  ./manifest/node:FuzzParse \
  ./manifest/asl:FuzzSimulate \
  ./manifest:FuzzCloudFormation \
  ./manifest:FuzzServerless \
  ./manifest:FuzzOpenFaaS \
  ./manifest:FuzzKnative \
  ./manifest:FuzzStatesLanguage \
  ./manifest:FuzzCDK \
  ./manifest/node:FuzzStripTemplate \
  ./manifest/terraform:FuzzTerraform \
  ./manifest/shell:FuzzShell; do
  pkg=${target%%:*}
  fn=${target#*:}
  start=$SECONDS
  go test "$pkg" -run '^$' -fuzz "^$fn\$" -fuzztime "$fuzztime" >"$tmp/fuzz.log" 2>&1 || {
    cat "$tmp/fuzz.log"
    echo "robust: $pkg $fn failed; the failing input is in $pkg/testdata/fuzz/$fn" >&2
    exit 1
  }
  echo "$pkg $fn: ok in $((SECONDS - start))s"
done
echo
echo "robust passed"
