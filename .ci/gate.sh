#!/usr/bin/env bash
# The pull-request gate's own checks (golangci-lint plugin, report formats
# against real tools). Called by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "(no gate checks yet)"
