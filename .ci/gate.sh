#!/usr/bin/env bash
# The pull-request gate's own checks, called by .ci/run: the custom
# golangci-lint with faasvet's module plugin, built from tools/golangci and
# run on the example app against faasvet check (the same findings, and
# //nolint:faasvet and //faasvet:ignore honoured), and faasvet's report
# formats and baselines on the example.
set -euo pipefail
cd "$(dirname "$0")/.."
export GOFLAGS="${GOFLAGS:-} -buildvcs=false"
export GOTOOLCHAIN=local
root=$PWD
bin=$root/.ci/bin
mkdir -p "$bin"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

step() { printf '\n-- %s\n' "$*"; }
fail() { echo "gate: $*" >&2; exit 1; }

step "build faasvet"
go build -o "$bin/faasvet" ./cmd/faasvet
faasvet=$bin/faasvet

step "build the custom golangci-lint v2.15.0 with the faasvet plugin (tools/golangci)"
start=$SECONDS
# -mod=mod: the parent module's requirements change under this one.
(cd tools/golangci && go build -mod=mod -o "$bin/golangci-lint-faasvet" .)
echo "built in $((SECONDS - start))s (the build cache makes later builds fast)"
gcl=$bin/golangci-lint-faasvet
"$gcl" version

step "the example app, with one finding silenced each way"
cp -R examples/orders "$tmp/orders"
app=$tmp/orders
mkdir -p "$app/functions/nolinted" "$app/functions/ignored"
for kind in nolinted ignored; do
  case $kind in
  nolinted) suppress='//nolint:faasvet // seeded by .ci/gate.sh: golangci-lint'"'"'s suppression' ;;
  ignored) suppress='//faasvet:ignore handler-signature seeded by .ci/gate.sh: faasvet'"'"'s suppression' ;;
  esac
  cat >"$app/functions/$kind/main.go" <<EOF
// Command $kind has a handler that aws-lambda-go rejects, silenced.
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"
)

func $kind(ctx context.Context, a, b string) (string, error) { return a + b, nil }

func main() {
	lambda.Start($kind) $suppress
}
EOF
done
cat >"$app/.golangci.yml" <<'EOF'
version: "2"
linters:
  default: none
  enable: [faasvet]
  settings:
    custom:
      faasvet:
        type: module
        description: faasvet's per-package checks
        original-url: github.com/faasvet/faasvet
issues:
  max-issues-per-linter: 0
  max-same-issues: 0
  # faasvet reports a foreign payload type's findings at the handler
  # that uses it: several on one line.
  uniq-by-line: false
EOF

step "golangci-lint run on the example"
gclrun() {
  (cd "$app" && "$gcl" run --output.text.print-issued-lines=false --output.text.colors=false ./...) >"$1" 2>&1
}
set +e
gclrun "$tmp/gcl.txt"
rc=$?
set -e
cat "$tmp/gcl.txt"
[ "$rc" -eq 1 ] || fail "golangci-lint exited $rc, want 1"
# path:line:col: analyzer: message (check-id) (faasvet) → faasvet check's
# text: path:line:col: message (check-id)
grep ' (faasvet)$' "$tmp/gcl.txt" | sed -E 's/^([^:]+:[0-9]+:[0-9]+): [a-z]+: (.*) \(faasvet\)$/\1: \2/' | sort >"$tmp/gcl.norm"
[ -s "$tmp/gcl.norm" ] || fail "no faasvet findings from golangci-lint"
if grep -v ' ([a-z-]*)$' "$tmp/gcl.norm"; then fail "golangci-lint findings without a check id"; fi

step "the same findings as faasvet check"
set +e
"$faasvet" -C "$app" check --fail-on never ./... >"$tmp/fv.txt"
set -e
sort "$tmp/fv.txt" >"$tmp/fv.sorted"
per_package=$("$faasvet" checks | awk '$3 == "analyzer" { printf "%s|", $1 }')
grep -E " \((${per_package%|})\)\$" "$tmp/fv.sorted" >"$tmp/fv.pp" || true
# faasvet check reports a payload type's serialization problems once, at
# the type's declaration (internal/msg); golangci-lint, like go vet,
# reports them in each package that uses the type, at the use. Compare
# what is said, not where: each side's messages without positions.
unplace() { sed -E 's/^[^:]+:[0-9]+:[0-9]+: //' "$1" | sort -u; }
unplace "$tmp/gcl.norm" >"$tmp/gcl.msgs"
unplace "$tmp/fv.pp" >"$tmp/fv.msgs"
extra=$(comm -23 "$tmp/gcl.msgs" "$tmp/fv.msgs")
[ -z "$extra" ] || fail "golangci-lint reports what faasvet check does not:
$extra"
# faasvet check also sees duplicates across packages, and knows no //nolint.
{ grep -E '^functions/nolinted/main.go:' "$tmp/fv.pp" || true; } | sed -E 's/^[^:]+:[0-9]+:[0-9]+: //' >"$tmp/nolinted.msgs"
missing=$(comm -13 "$tmp/gcl.msgs" "$tmp/fv.msgs" | grep -v -F -x -f "$tmp/nolinted.msgs" |
  grep -v -E 'also the name of the function in package .*\(duplicate-function\)$' || true)
[ -z "$missing" ] || fail "golangci-lint misses findings of faasvet check:
$missing"
for want in 'functions/invoice/main.go:22:15: .*\(handler-signature\)$' \
  'functions/notify/notify.go:13:28: .*\(handler-signature\)$' \
  'functions/ship/main.go:[0-9]+:1: unknown directive //faas:functon.*\(directive\)$'; do
  grep -E -q "$want" "$tmp/gcl.norm" || fail "golangci-lint did not report $want"
done
echo "golangci-lint: $(wc -l <"$tmp/gcl.norm") findings, each also reported by faasvet check"

step "//nolint:faasvet and //faasvet:ignore"
grep -q '^functions/nolinted/main.go:.*(handler-signature)$' "$tmp/fv.txt" || fail "the nolinted handler is not a finding to begin with"
if grep 'functions/nolinted/' "$tmp/gcl.txt"; then fail "//nolint:faasvet was not honoured"; fi
if grep 'functions/ignored/' "$tmp/gcl.txt" "$tmp/fv.txt"; then fail "//faasvet:ignore was not honoured"; fi
echo "both honoured"

step "a second run (from golangci-lint's cache) says the same"
set +e
gclrun "$tmp/gcl2.txt"
set -e
cmp "$tmp/gcl.txt" "$tmp/gcl2.txt" || fail "the cached run differs"

step "settings are decoded strictly"
sed 's/original-url: github.com\/faasvet\/faasvet/original-url: github.com\/faasvet\/faasvet\n        settings: {disabled: [directive]}/' "$app/.golangci.yml" >"$tmp/bad.yml"
if (cd "$app" && "$gcl" run -c "$tmp/bad.yml" ./...) >"$tmp/bad.txt" 2>&1; then fail "a misspelt setting passed"; fi
grep -q 'unknown field "disabled"' "$tmp/bad.txt" || { cat "$tmp/bad.txt"; fail "no error for a misspelt setting"; }
sed 's/original-url: github.com\/faasvet\/faasvet/original-url: github.com\/faasvet\/faasvet\n        settings: {disable: [directive]}/' "$app/.golangci.yml" >"$tmp/off.yml"
set +e
(cd "$app" && "$gcl" run -c "$tmp/off.yml" --output.text.print-issued-lines=false ./...) >"$tmp/off.txt" 2>&1
set -e
if grep '(directive) (faasvet)$' "$tmp/off.txt"; then fail "disable: [directive] did not disable it"; fi
grep -q '(handler-signature) (faasvet)$' "$tmp/off.txt" || fail "disable: [directive] disabled more"

step "faasvet check's pull-request formats on the example"
set +e
"$faasvet" -C examples/orders check --format sarif -o "$tmp/orders.sarif" --format github -o "$tmp/orders.github" \
  --format markdown -o "$tmp/orders.md" ./...
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "faasvet check exited $rc, want 1"
grep -q '"version": "2.1.0"' "$tmp/orders.sarif" || fail "no SARIF"
grep -q '"uri": "examples/orders/functions/charge/main.go"' "$tmp/orders.sarif" || fail "SARIF paths are not repository-relative"
grep -q '^::error file=examples/orders/functions/invoice/main.go,line=22,col=15,' "$tmp/orders.github" || fail "no annotation"
grep -q '^```mermaid$' "$tmp/orders.md" || fail "no graph in the markdown summary"

step "baseline round trip on the example"
"$faasvet" -C examples/orders check --write-baseline "$tmp/baseline.json" ./... >/dev/null
"$faasvet" -C examples/orders check --baseline "$tmp/baseline.json" ./...
echo
echo "gate passed"
