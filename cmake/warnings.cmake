# Warnings as an INTERFACE target every project target links. -Werror only when EEC_WERROR is on
# (the presets and CI), never in a user's plain build.
add_library(eec_warnings INTERFACE)
target_compile_options(eec_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough
  # g++ 12 warns on designated initializers that leave members to their defaults, which is the
  # point of designated initializers.
  -Wno-missing-field-initializers
  $<$<BOOL:${EEC_WERROR}>:-Werror>)
