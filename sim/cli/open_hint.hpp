#pragma once
// The line that tells a user how to open a result: with the interpreter found
// at build time to import xarray and h5netcdf (cmake/analysis_python.cmake),
// since a bare `python3` may be one without them.
#include <string>

namespace relocsim::cli {

std::string open_hint(const std::string& output_path);

// A decimal year (2036.0) as the date it names ("2036-01-01"), the one way
// relocsim prints time (analysis/relocsim/dates.py does the same).
std::string date_label(double year);

}  // namespace relocsim::cli
