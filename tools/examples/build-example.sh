#!/usr/bin/env bash
# Uses accesspath as a library, the way another project would: installs the build into a
# temporary prefix (cmake --install), configures and builds tools/examples/property-suite
# against it with find_package(accesspath), and runs its tests. Exit 0 when they pass.
#
#   bash tools/examples/build-example.sh          # BUILD_DIR=build by default
set -euo pipefail
cd "$(dirname "$0")/../.."
build_dir="${BUILD_DIR:-build}"
[ -f "$build_dir/CMakeCache.txt" ] || tools/setup.sh
cmake --build "$build_dir" -j"$(nproc)"

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
prefix="$tmp/prefix"
cmake --install "$build_dir" --prefix "$prefix" >"$tmp/install.log"
echo "installed into a temporary prefix: $(find "$prefix" -type f | wc -l) files"

cmake -S tools/examples/property-suite -B "$tmp/build" -DCMAKE_PREFIX_PATH="$prefix" >"$tmp/configure.log" \
  || { cat "$tmp/configure.log"; exit 1; }
cmake --build "$tmp/build" -j"$(nproc)"
ctest --test-dir "$tmp/build" --output-on-failure
