# Writes the generated header relocsim/build_info.hpp: run as
#   cmake -DRELOCSIM_SOURCE_DIR=... -DRELOCSIM_BUILD_INFO_TEMPLATE=... \
#         -DRELOCSIM_BUILD_INFO_OUTPUT=... [-DGIT_EXECUTABLE=...] \
#         [-DPROJECT_VERSION=... -DCMAKE_BUILD_TYPE=... \
#          -DCMAKE_CXX_COMPILER_ID=... -DCMAKE_CXX_COMPILER_VERSION=... \
#          -DRELOCSIM_COMPILE_FLAGS=...] \
#         -P cmake/build_info.cmake
# at configure time and by the relocsim_build_info target on every build
# (cmake/version.cmake), so the commit is that of the tree being compiled,
# not of the tree last configured. The header is written only when its text
# changes: a build with nothing changed recompiles nothing.
#
# git_commit is
#   unknown                 no git, or the source directory is not tracked
#                           in a git checkout (a tarball, even one unpacked
#                           inside another repository's work tree)
#   SHA                     HEAD, and no tracked file differs from it
#   SHA-dirty-HASH          HEAD plus uncommitted changes to tracked files
#                           (staged or not); HASH is the first 12 hex digits
#                           of the SHA-256 of `git diff HEAD --binary` over
#                           the source directory. The same changes give the
#                           same HASH, different changes a different one.
#                           Untracked files are not counted.
cmake_minimum_required(VERSION 3.25)

foreach(_var RELOCSIM_SOURCE_DIR RELOCSIM_BUILD_INFO_TEMPLATE RELOCSIM_BUILD_INFO_OUTPUT)
  if(NOT DEFINED ${_var} OR "${${_var}}" STREQUAL "")
    message(FATAL_ERROR "build_info.cmake: -D${_var}=... is required")
  endif()
endforeach()

# Never wait for or take the index lock: others may be running git in the
# same checkout while this builds (git diff would otherwise refresh the index
# opportunistically).
set(ENV{GIT_OPTIONAL_LOCKS} 0)

get_filename_component(_out_dir ${RELOCSIM_BUILD_INFO_OUTPUT} DIRECTORY)
file(MAKE_DIRECTORY ${_out_dir})

set(RELOCSIM_GIT_COMMIT "unknown")
if(GIT_EXECUTABLE)
  # The source directory must itself be tracked, not merely lie inside some
  # other repository's work tree.
  execute_process(COMMAND ${GIT_EXECUTABLE} ls-files --error-unmatch -- CMakeLists.txt
    WORKING_DIRECTORY ${RELOCSIM_SOURCE_DIR} RESULT_VARIABLE _tracked_rc
    OUTPUT_QUIET ERROR_QUIET)
  if(_tracked_rc EQUAL 0)
    execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --verify --quiet HEAD^{commit}
      WORKING_DIRECTORY ${RELOCSIM_SOURCE_DIR} OUTPUT_VARIABLE _commit
      OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE _commit_rc)
  endif()
  if(_tracked_rc EQUAL 0 AND _commit_rc EQUAL 0 AND _commit MATCHES "^[0-9a-f]+$")
    # The uncommitted changes, byte for byte (--binary: binary files in full,
    # not "Binary files differ"), into a file rather than a CMake string.
    # Options that user or repository configuration could change (prefixes,
    # colour, context, renames, order, external diff and textconv drivers)
    # are pinned, so the same tree gives the same hash for everyone.
    set(_diff_file "${RELOCSIM_BUILD_INFO_OUTPUT}.diff")
    execute_process(COMMAND ${GIT_EXECUTABLE}
        -c diff.suppressBlankEmpty=false -c core.quotePath=true
        diff --binary --full-index --no-color --no-ext-diff --no-textconv --no-renames
        --no-relative --src-prefix=a/ --dst-prefix=b/ --unified=3 --inter-hunk-context=0
        --diff-algorithm=myers --indent-heuristic --ignore-submodules=none -O/dev/null
        HEAD -- .
      WORKING_DIRECTORY ${RELOCSIM_SOURCE_DIR} OUTPUT_FILE ${_diff_file}
      ERROR_VARIABLE _diff_err RESULT_VARIABLE _diff_rc)
    if(NOT _diff_rc EQUAL 0)
      file(REMOVE ${_diff_file})
      message(FATAL_ERROR "build_info.cmake: git diff HEAD failed in ${RELOCSIM_SOURCE_DIR}: ${_diff_err}")
    endif()
    file(SIZE ${_diff_file} _diff_size)
    set(RELOCSIM_GIT_COMMIT "${_commit}")
    if(_diff_size GREATER 0)
      file(SHA256 ${_diff_file} _diff_hash)
      string(SUBSTRING "${_diff_hash}" 0 12 _diff_hash)
      string(APPEND RELOCSIM_GIT_COMMIT "-dirty-${_diff_hash}")
    endif()
    file(REMOVE ${_diff_file})
  endif()
endif()

# The flags go into a C++ string literal.
string(REPLACE "\\" "\\\\" RELOCSIM_COMPILE_FLAGS "${RELOCSIM_COMPILE_FLAGS}")
string(REPLACE "\"" "\\\"" RELOCSIM_COMPILE_FLAGS "${RELOCSIM_COMPILE_FLAGS}")

file(READ ${RELOCSIM_BUILD_INFO_TEMPLATE} _template)
string(CONFIGURE "${_template}" _header @ONLY)
set(_old "")
if(EXISTS ${RELOCSIM_BUILD_INFO_OUTPUT})
  file(READ ${RELOCSIM_BUILD_INFO_OUTPUT} _old)
endif()
if(NOT _old STREQUAL _header)
  # Write beside it and rename, so a compiler never sees half a header.
  file(WRITE ${RELOCSIM_BUILD_INFO_OUTPUT}.tmp "${_header}")
  file(RENAME ${RELOCSIM_BUILD_INFO_OUTPUT}.tmp ${RELOCSIM_BUILD_INFO_OUTPUT})
  message(STATUS "relocsim git commit: ${RELOCSIM_GIT_COMMIT}")
endif()
