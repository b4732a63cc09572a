# libstdc++ 12 only declares std::expected when __cpp_concepts >= 202002L, the value that marks
# P0848 (conditionally trivial special member functions). Clang implements P0848 from version 16
# but keeps announcing 201907L until version 19, so Debian 12's clang-16 sees an empty <expected>.
# For such a Clang (the fuzz preset's compiler) we announce the value its features support; the
# check below proves <expected> then compiles, otherwise configuring fails with the reason.
# g++ and a Clang that already compiles <expected> are left untouched.
include(CheckCXXSourceCompiles)

set(_eec_expected_probe [=[
#include <expected>
#include <string>
std::expected<int, std::string> half(int x) {
  if (x % 2 != 0) return std::unexpected(std::string("odd"));
  return x / 2;
}
int main() { return half(4).value_or(1) == 2 ? 0 : 1; }
]=])

check_cxx_source_compiles("${_eec_expected_probe}" EEC_HAVE_STD_EXPECTED)
if(NOT EEC_HAVE_STD_EXPECTED)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 16)
    set(_eec_concepts_flags -U__cpp_concepts -D__cpp_concepts=202002L)
    set(CMAKE_REQUIRED_FLAGS "-U__cpp_concepts -D__cpp_concepts=202002L")
    check_cxx_source_compiles("${_eec_expected_probe}" EEC_HAVE_STD_EXPECTED_WITH_CONCEPTS_202002)
    unset(CMAKE_REQUIRED_FLAGS)
    if(EEC_HAVE_STD_EXPECTED_WITH_CONCEPTS_202002)
      add_compile_options(${_eec_concepts_flags})
    else()
      message(FATAL_ERROR "${CMAKE_CXX_COMPILER} cannot compile <expected>, even announcing P0848")
    endif()
  else()
    message(FATAL_ERROR "${CMAKE_CXX_COMPILER} cannot compile <expected> (C++23 std::expected)")
  endif()
endif()
