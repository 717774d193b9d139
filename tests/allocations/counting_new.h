// A global operator new that counts, so a test can assert that code allocates
// nothing. Include it in exactly one translation unit of a test binary: it
// replaces the program's operator new and delete.
#pragma once

#include <cstddef>

namespace accesspath::testing {

// Heap allocations made through operator new since the program started.
std::size_t allocation_count();

}  // namespace accesspath::testing
