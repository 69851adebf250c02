# The Python interpreter the program names in its "open with" hint: the first
# that imports xarray and h5netcdf, of RELOCSIM_ANALYSIS_PYTHON if set, then
# Debian's /usr/bin/python3 (where the project's python3-* packages live),
# then python3 on PATH (which may be a pyenv or conda one without them).
# Empty when none does: the hint then says what to install.
function(relocsim_find_analysis_python out)
  set(candidates ${RELOCSIM_ANALYSIS_PYTHON} /usr/bin/python3)
  find_program(_relocsim_path_python3 NAMES python3 NO_CACHE)
  if(_relocsim_path_python3)
    list(APPEND candidates ${_relocsim_path_python3})
  endif()
  foreach(python IN LISTS candidates)
    if(EXISTS "${python}")
      execute_process(COMMAND "${python}" -c "import xarray, h5netcdf"
                      RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET TIMEOUT 60)
      if(rc EQUAL 0)
        set(${out} "${python}" PARENT_SCOPE)
        return()
      endif()
    endif()
  endforeach()
  set(${out} "" PARENT_SCOPE)
endfunction()
