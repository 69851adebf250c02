#pragma once
// The line that tells a user how to open a result: with the interpreter found
// at build time to import xarray and h5netcdf (cmake/analysis_python.cmake),
// since a bare `python3` may be one without them.
#include <string>

namespace relocsim::cli {

std::string open_hint(const std::string& output_path);

}  // namespace relocsim::cli
