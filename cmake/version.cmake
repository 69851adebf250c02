# The git commit goes into every output file; a build outside a git checkout
# says so rather than guessing.
find_package(Git QUIET)
set(RELOCSIM_GIT_COMMIT "unknown")
if(GIT_FOUND)
  execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse HEAD
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR} OUTPUT_VARIABLE _commit
    OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE _rc)
  if(_rc EQUAL 0)
    set(RELOCSIM_GIT_COMMIT "${_commit}")
    execute_process(COMMAND ${GIT_EXECUTABLE} status --porcelain --untracked-files=no
      WORKING_DIRECTORY ${CMAKE_SOURCE_DIR} OUTPUT_VARIABLE _dirty
      OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    if(_dirty)
      string(APPEND RELOCSIM_GIT_COMMIT "-dirty")
    endif()
  endif()
endif()
configure_file(${CMAKE_SOURCE_DIR}/cmake/build_info.hpp.in
  ${CMAKE_BINARY_DIR}/generated/relocsim/build_info.hpp @ONLY)
