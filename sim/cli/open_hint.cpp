#include "open_hint.hpp"

#include <cmath>

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

std::string date_label(double year) {
  if (!std::isfinite(year)) return "?";
  // Steps are whole months: round to the nearest month, as dates.py does.
  const auto months = static_cast<long long>(std::llround(year * 12.0));
  const long long y = months >= 0 ? months / 12 : (months - 11) / 12;
  const long long m = months - 12 * y + 1;
  return fmt::format("{:04d}-{:02d}-01", y, m);
}

}  // namespace relocsim::cli
