#include "tariff_rate.hpp"

#include <fmt/format.h>

namespace relocsim::config {

std::optional<std::string> percentage_warning(double rate) {
  if (rate <= kPercentageWarning) return std::nullopt;
  return fmt::format("{} is a tariff of {} %; rates are fractions, so if {} % was meant, write {} (a rate above {} "
                     "is higher than any levied in 2025)",
                     format_number(rate), format_number(rate * 100), format_number(rate), format_number(rate / 100),
                     format_number(kPercentageWarning));
}

std::string tariff_rate_error(const std::string& shown, std::optional<double> value) {
  // Above the ceiling, the likely slip is a percentage: say how to write it.
  const std::string hint =
      value && *value > kMaxTariffRate
          ? fmt::format("; if {} % was meant, write {}", format_number(*value), format_number(*value / 100))
          : std::string();
  return fmt::format("expected a rate in [0, {}] (a fraction: 0.25 for 25 %, at most {} %), got {}{}",
                     format_number(kMaxTariffRate), format_number(kMaxTariffRate * 100), shown, hint);
}

}  // namespace relocsim::config
