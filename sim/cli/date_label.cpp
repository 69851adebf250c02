#include "date_label.hpp"

#include <cmath>

#include <fmt/core.h>

namespace relocsim::cli {

std::string date_label(double year) {
  if (!std::isfinite(year)) return "?";
  // Steps are whole months: round to the nearest month, as dates.py does.
  const auto months = static_cast<long long>(std::llround(year * 12.0));
  const long long y = months >= 0 ? months / 12 : (months - 11) / 12;
  const long long m = months - 12 * y + 1;
  return fmt::format("{:04d}-{:02d}-01", y, m);
}

}  // namespace relocsim::cli
