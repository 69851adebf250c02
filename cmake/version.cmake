# The git commit goes into every output file; a build outside a git checkout
# says so rather than guessing.
#
# The commit is found at build time, not only at configure time: after a
# `git commit` (or an edit), `cmake --build` alone must not report the old
# commit. cmake/build_info.cmake writes the header; it runs once here, so the
# header exists after configuring, and again on every build through the
# target relocsim_build_info (always out of date). It rewrites the header
# only when the text changes, so an unchanged tree recompiles nothing.
#
# A target whose sources include relocsim/build_info.hpp (directly or through
# another header) must `add_dependencies(<target> relocsim_build_info)`, so
# the header is up to date before it compiles.
find_package(Git QUIET)
# The flags that decide the generated code, as the compiler sees them for this
# build type: CMAKE_CXX_FLAGS, CMAKE_CXX_FLAGS_<TYPE> and the project's own
# (RELOCSIM_CODEGEN_FLAGS); warnings and include paths are left out.
string(TOUPPER "${CMAKE_BUILD_TYPE}" _relocsim_type)
list(JOIN RELOCSIM_CODEGEN_FLAGS " " _relocsim_codegen)
string(STRIP "${CMAKE_CXX_FLAGS} ${CMAKE_CXX_FLAGS_${_relocsim_type}} ${_relocsim_codegen}" RELOCSIM_COMPILE_FLAGS)
string(REGEX REPLACE "[ \t]+" " " RELOCSIM_COMPILE_FLAGS "${RELOCSIM_COMPILE_FLAGS}")
set(RELOCSIM_BUILD_INFO_HEADER ${PROJECT_BINARY_DIR}/generated/relocsim/build_info.hpp)
set(_relocsim_build_info_args
  -DRELOCSIM_SOURCE_DIR=${PROJECT_SOURCE_DIR}
  -DRELOCSIM_BUILD_INFO_TEMPLATE=${CMAKE_CURRENT_LIST_DIR}/build_info.hpp.in
  -DRELOCSIM_BUILD_INFO_OUTPUT=${RELOCSIM_BUILD_INFO_HEADER}
  -DGIT_EXECUTABLE=${GIT_EXECUTABLE}
  -DPROJECT_VERSION=${PROJECT_VERSION}
  -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE}
  -DCMAKE_CXX_COMPILER_ID=${CMAKE_CXX_COMPILER_ID}
  -DCMAKE_CXX_COMPILER_VERSION=${CMAKE_CXX_COMPILER_VERSION}
  "-DRELOCSIM_COMPILE_FLAGS=${RELOCSIM_COMPILE_FLAGS}"
  -P ${CMAKE_CURRENT_LIST_DIR}/build_info.cmake)
execute_process(COMMAND ${CMAKE_COMMAND} ${_relocsim_build_info_args}
  RESULT_VARIABLE _relocsim_build_info_rc)
if(NOT _relocsim_build_info_rc EQUAL 0)
  message(FATAL_ERROR "cmake/build_info.cmake failed")
endif()
# BYPRODUCTS: Ninja then knows who makes the header and checks its time stamp
# after the command ran (restat), so dependents rebuild only if it changed.
add_custom_target(relocsim_build_info
  COMMAND ${CMAKE_COMMAND} ${_relocsim_build_info_args}
  BYPRODUCTS ${RELOCSIM_BUILD_INFO_HEADER}
  COMMENT "Checking the git commit for relocsim/build_info.hpp"
  VERBATIM)
