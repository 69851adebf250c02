#include "open_hint.hpp"

#include <fmt/core.h>

namespace relocsim::cli {

std::string open_hint(const std::string& output_path) {
  const std::string python = RELOCSIM_ANALYSIS_PYTHON;
  if (python.empty()) {
    return fmt::format("  open with: xarray and h5netcdf (no Python with both was found when relocsim was built):\n"
                       "    python3 -c \"import xarray as xr; print(xr.open_dataset('{}', engine='h5netcdf'))\"\n",
                       output_path);
  }
  return fmt::format("  open with: {} -c \"import xarray as xr; print(xr.open_dataset('{}', engine='h5netcdf'))\"\n",
                     python, output_path);
}

}  // namespace relocsim::cli
