# Warnings as an INTERFACE target every project target links. -Werror only when EEC_WERROR is on
# (the presets and CI), never in a user's plain build.
add_library(eec_warnings INTERFACE)
target_compile_options(eec_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough
  # g++ 12 warns on designated initializers that leave members to their defaults, which is the
  # point of designated initializers.
  -Wno-missing-field-initializers
  # g++ 12 at -O3 reports false null dereferences inside inlined std::string members, so the
  # check runs with clang only (the fuzz preset), where it is precise.
  $<$<CXX_COMPILER_ID:Clang>:-Wnull-dereference>
  # g++ 12 at -O2/-O3 reports a false -Wrestrict inside std::string (GCC bug 105329).
  $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>
  # ... and, with the sanitizers at -O1, a false -Wmaybe-uninitialized inside std::regex.
  $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>
  $<$<BOOL:${EEC_WERROR}>:-Werror>)
