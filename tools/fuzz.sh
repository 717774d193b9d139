#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer, ASan + UBSan) of accesspath's input paths.
#
#   tools/fuzz.sh --list              # the targets, one a line
#   tools/fuzz.sh TARGET SECONDS      # fuzz TARGET for SECONDS from its seed corpus
#   tools/fuzz.sh --setup             # only install clang and libFuzzer when missing (CI)
#
# Builds what it needs into its own build directory (FUZZ_BUILD_DIR, default build-fuzz: clang,
# Debug -O1, ASan + UBSan, ACCESSPATH_FUZZ=ON), installing clang and libFuzzer from Debian when
# they are missing. Seeds come from scenarios/, the schema examples and the readers' fixtures
# (fuzz/seeds.py); what the fuzzer learns is kept in FUZZ_BUILD_DIR/fuzz/corpus/TARGET for the
# next run. Exit 0 when nothing was found; otherwise each finding (crash, violated property,
# timeout, out of memory) is copied to tests/fuzz_findings/TARGET/, where
# tests/fuzz_findings_test.cpp replays it, and the exit status is 1. Every run appends a line to
# FUZZ_BUILD_DIR/fuzz/runs.tsv (date, target, seconds, executions, findings). FUZZ_JOBS (default
# 1) runs that many fuzzer processes side by side.
set -euo pipefail
cd "$(dirname "$0")/.."

targets=(scenario policy condition arn_wildcard policy_variables aws_export terraform_plan
  cloudtrail eval_lines)
if [ "${1:-}" = "--list" ]; then
  printf '%s\n' "${targets[@]}"
  exit 0
fi
if [ "${1:-}" != "--setup" ]; then
  if [ $# -ne 2 ] || ! [[ "$2" =~ ^[0-9]+$ ]]; then
    echo "usage: tools/fuzz.sh --list | --setup | TARGET SECONDS" >&2
    exit 2
  fi
  target=$1 seconds=$2
  if ! printf '%s\n' "${targets[@]}" | grep -qx -- "$target"; then
    echo "tools/fuzz.sh: no target \`$target\`; tools/fuzz.sh --list shows them" >&2
    exit 2
  fi
fi

# clang with libFuzzer and the sanitizer runtimes (Debian 12: clang 14, libclang-rt-14-dev).
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }\n' \
  > "$tmp/p.cpp"
if ! clang++ -fsanitize=fuzzer,address,undefined "$tmp/p.cpp" -o "$tmp/p" 2>/dev/null; then
  echo "installing: clang lld libclang-rt-14-dev" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq clang lld libclang-rt-14-dev >/dev/null
fi
[ "${1:-}" = "--setup" ] && exit 0

build_dir="${FUZZ_BUILD_DIR:-build-fuzz}"
if [ ! -f "$build_dir/CMakeCache.txt" ]; then
  SETUP_PACKAGES_ONLY=1 tools/setup.sh
  CC=clang CXX=clang++ cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Debug -DACCESSPATH_SANITIZE=ON \
    -DACCESSPATH_FUZZ=ON -DACCESSPATH_BUILD_BENCHMARKS=OFF -DACCESSPATH_BUILD_TESTS=OFF \
    $(command -v ccache >/dev/null && echo -DCMAKE_CXX_COMPILER_LAUNCHER=ccache) ${CMAKE_ARGS:-} >/dev/null
fi
work="$build_dir/fuzz"
mkdir -p "$work/seeds"
# Several targets may be fuzzed side by side (.ci/run does): one build at a time, and each run
# replaces only its own target's seeds and dictionary, never files another fuzzer is reading.
(
  flock 9
  cmake --build "$build_dir" -j"$(nproc)" --target "${target}_fuzz" >/dev/null
) 9>"$work/.build.lock"
python3 fuzz/seeds.py "$tmp"
rm -rf "$work/seeds/$target"
mv "$tmp/seeds/$target" "$work/seeds/$target"
mv "$tmp/$target.dict" "$work/$target.dict"
corpus="$work/corpus/$target" artifacts="$work/artifacts/$target"
rm -rf "$artifacts"
mkdir -p "$corpus" "$artifacts"
log="$work/$target.log"
export ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
jobs="${FUZZ_JOBS:-1}"
# The readers' and the loader's cost grows with the input (a 10 KB scenario takes seven times as
# long as a 1.4 KB one), and libFuzzer lets inputs grow to its largest seed: inputs are capped
# where the seeds, minified (fuzz/seeds.py), still fit whole (the full-folder export seeds need
# 12 KB, most plans 16 KB); the properties are about shapes, and the limits far past these
# sizes are tested in the ordinary suite. FUZZ_MAX_LEN overrides the cap.
case "$target" in
  scenario | cloudtrail) max_len=8192 ;;
  aws_export) max_len=12288 ;;
  terraform_plan) max_len=16384 ;;
  *) max_len=0 ;;  # libFuzzer's default: the largest seed, at least 4096
esac
max_len="${FUZZ_MAX_LEN:-$max_len}"
echo "== fuzz $target for ${seconds}s ($jobs job(s); log: $log)"
set +e
if [ "$jobs" -gt 1 ]; then
  (cd "$work" && "./${target}_fuzz" -jobs="$jobs" -workers="$jobs" -max_total_time="$seconds" \
    -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" -dict="$target.dict" \
    -artifact_prefix="artifacts/$target/" \
    -print_final_stats=1 "corpus/$target" "seeds/$target") > "$log" 2>&1
  cat "$work"/fuzz-*.log >> "$log" 2>/dev/null
  rm -f "$work"/fuzz-*.log
else
  "$work/${target}_fuzz" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
    -dict="$work/$target.dict" -artifact_prefix="$artifacts/" -print_final_stats=1 \
    "$corpus" "$work/seeds/$target" > "$log" 2>&1
fi
status=$?
set -e
executions=$(grep -h '^stat::number_of_executed_units' "$log" | awk '{n += $2} END {print n + 0}')
found=0
mkdir -p "tests/fuzz_findings/$target"
for f in "$artifacts"/*; do
  [ -f "$f" ] || continue
  found=$((found + 1))
  cp "$f" "tests/fuzz_findings/$target/"
  echo "finding: tests/fuzz_findings/$target/$(basename "$f")"
done
printf '%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$target" "$seconds" "$executions" "$found" \
  >> "$work/runs.tsv"
echo "$target: $executions executions in ${seconds}s, $found finding(s)"
if [ "$found" -gt 0 ] || [ "$status" -ne 0 ]; then
  grep -h -A25 -E '^==[0-9]+==ERROR|== property violated|^SUMMARY' "$log" | head -60 || true
  echo "tools/fuzz.sh: $target found something (exit $status); see $log" >&2
  exit 1
fi
