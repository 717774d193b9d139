#!/usr/bin/env bash
# The whole test suite: build, then run every test through CTest (2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
# Sanitizer builds: Graphviz keeps caches for the life of the process (see tests/lsan.supp). The
# tests that reach Graphviz also unwind slowly, to match them (tests/CMakeLists.txt sets that).
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
cd "${BUILD_DIR:-build}"
ctest --output-on-failure -j"$(nproc)" "$@"
