#!/usr/bin/env bash
# The main job: build, then check every bundled scenario (expectations and invariants).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
exec "${BUILD_DIR:-build}/tools/accesspath" check scenarios/*.json "$@"
