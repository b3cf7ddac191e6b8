#!/usr/bin/env bash
# Smoke test of the benchmark harness (bench/run): one run of every tool
# on the synthetic tree of N = 10 functions, asserting that faasvet check
# reports exactly the seeded findings and go vet -vettool the seeded
# handler-signature ones, and that faasvet check prints the same with the
# cache cold, warm and after an edit (-cache). Timings are not asserted.
# See docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export GOFLAGS="${GOFLAGS:-} -buildvcs=false"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
go run ./bench/run -sizes 10 -real '' -check -cache -out "$out"
