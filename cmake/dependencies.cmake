# Every dependency comes from a Debian package (scripts/setup.sh installs them); nothing is
# downloaded at build time.
find_package(OpenSSL REQUIRED)
find_package(CURL REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(pugixml REQUIRED)
find_package(CLI11 REQUIRED)
find_package(fmt REQUIRED)
find_package(Threads REQUIRED)
if(EEC_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
