// What every fuzz target shares: FUZZ_CHECK, an invariant that must hold for every input. A
// failed check prints the condition and aborts, which libFuzzer reports as a crash and saves the
// input (scripts/fuzz.sh keeps it under build/fuzz/crashes/).
#pragma once

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                                                \
  do {                                                                                       \
    if (!(condition)) {                                                                      \
      std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                          \
    }                                                                                        \
  } while (false)
