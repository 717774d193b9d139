#!/usr/bin/env bash
# The whole test suite: build, then run every test through CTest (2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
cd "${BUILD_DIR:-build}"
ctest --output-on-failure -j"$(nproc)" "$@"
