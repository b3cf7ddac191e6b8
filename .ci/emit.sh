#!/usr/bin/env bash
# The validators of faasvet emit's output, at pinned versions, and the
# tests that run them on every emitted file (emit/validate_test.go):
#
#   asl-validator 4.0.0            every state machine (asl, sam)
#   osls 4.3.1                     serverless.yml: sls print with
#   + serverless-step-functions    configValidationMode error, and sls
#     3.31.2, serverless-go-plugin package (the plugins' schemas,
#     2.4.1, glob 7.2.3 (the go     asl-validator, go build of every
#     plugin's undeclared dep)      function)
#   cfn-lint (Python)              the SAM template and what osls compiles,
#                                  where installed: PyPI is not reachable
#                                  from every machine, so its tests say
#                                  SKIP when it is missing
#
# --target svg needs nothing installed: the tests lay the graph out with
# package emit/svg (go-graphviz, the renderer faasvet-svg runs), and
# TestSVG checks the result as XML.
#
# npm installs into .ci/node_modules (gitignored). With
# FAASVET_EMIT_VALIDATORS=require a missing npm tool fails the tests
# instead of skipping them.
set -euo pipefail
cd "$(dirname "$0")/.."
export GOFLAGS="${GOFLAGS:-} -buildvcs=false"
export GOTOOLCHAIN=local

pkgs=(asl-validator@4.0.0 osls@4.3.1 serverless-step-functions@3.31.2 serverless-go-plugin@2.4.1 glob@7.2.3)
if ! command -v npm >/dev/null 2>&1; then
  echo "emit validators: npm is not installed (apt-get install npm): cannot install ${pkgs[*]}" >&2
  exit 1
fi
have() { [ -f ".ci/node_modules/$1/package.json" ] && grep -q "\"version\": \"$2\"" ".ci/node_modules/$1/package.json"; }
missing=0
for p in "${pkgs[@]}"; do have "${p%@*}" "${p##*@}" || missing=1; done
if [ "$missing" = 1 ]; then
  echo "== npm install ${pkgs[*]} into .ci/node_modules"
  # --ignore-scripts: none of them needs an install script, and none may
  # download anything beyond the registry's packages.
  npm install --prefix .ci --no-save --no-package-lock --no-audit --no-fund --ignore-scripts "${pkgs[@]}"
fi
if command -v cfn-lint >/dev/null 2>&1; then
  echo "== cfn-lint: $(cfn-lint --version)"
else
  echo "== cfn-lint is not installed: the SAM output is checked by the manifest reader only (the cfn-lint tests say SKIP)"
fi

echo "== emit validator tests"
log=$(mktemp)
set +e
FAASVET_EMIT_VALIDATORS=require go test -count=1 -v \
  -run 'TestASLValidator|TestCFNLint|TestServerless|TestSchemas|TestSAMReadBack|TestRoundTrip|TestExampleUpToDate|TestSVG' ./emit/ >"$log" 2>&1
rc=$?
set -e
# The results, each skip with its reason, and any failure in full.
if [ "$rc" -eq 0 ]; then
  grep -E '^(--- |PASS|FAIL|ok )|SKIP|accepts' "$log" || true
else
  cat "$log"
fi
rm -f "$log"
exit "$rc"
