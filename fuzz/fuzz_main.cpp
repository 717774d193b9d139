// The libFuzzer entry point of one target: ACCESSPATH_FUZZ_CHECK names its check (fuzz_checks.h).
// A violated property prints and aborts, so libFuzzer saves the input as a finding.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "fuzz/fuzz_checks.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    accesspath::fuzz::ACCESSPATH_FUZZ_CHECK(
        std::string_view(reinterpret_cast<const char*>(data), size));
  } catch (const accesspath::fuzz::PropertyViolation& v) {
    std::fprintf(stderr, "\n== %s\n", v.what());
    std::abort();
  }
  return 0;
}
