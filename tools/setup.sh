#!/usr/bin/env bash
# Installs what is missing (Debian 12 packages) and builds accesspath into build/.
# Used by the README's two commands and by CI. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake pkg-config libboost-graph-dev librapidcheck-dev nlohmann-json3-dev
          libgraphviz-dev libcli11-dev libz3-dev libgtest-dev libgmock-dev libbenchmark-dev python3 python3-jsonschema
          zlib1g-dev ninja-build lld)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

[ "${SETUP_PACKAGES_ONLY:-}" = 1 ] && exit 0  # tools/fuzz.sh configures its own build

build_dir="${BUILD_DIR:-build}"
# A new build directory uses Ninja (ninja-build): one graph of the whole tree, so every core keeps
# compiling while a library links (make waits for each target's dependencies). An existing one
# keeps its generator; CMAKE_GENERATOR chooses another.
generator=()
[ -f "$build_dir/CMakeCache.txt" ] || [ -n "${CMAKE_GENERATOR:-}" ] || generator=(-G Ninja)
cmake -S . -B "$build_dir" "${generator[@]}" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" ${CMAKE_ARGS:-} >/dev/null
cmake --build "$build_dir" -j"$(nproc)"
