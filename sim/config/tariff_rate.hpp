#pragma once
// One rule for every ad-valorem tariff rate, in tariffs.csv and in tariff
// events alike (docs/CONFIG.md, "Tariff rates"). Rates are fractions, and
// rates above 1 are real (the United States charged 145 % on Chinese goods in
// April 2025, up to 245 % on some), so 1 cannot be the ceiling; but a rate
// typed as a percentage (25 for 25 %) must not pass as a 2500 % tariff.
//
// - A rate must lie in [0, kMaxTariffRate]: 500 %, twice the highest rate
//   levied in 2025; 5 and more is read as a percentage, an error.
// - A rate above kPercentageWarning (250 %, just above 2025's highest) is
//   accepted with a warning: 3 for 3 % is the likely slip, and no tariff of
//   the period was that high.
#include <optional>
#include <string>

#include "range.hpp"

namespace relocsim::config {

inline constexpr double kMaxTariffRate = 5.0;
inline constexpr double kPercentageWarning = 2.5;

inline Range tariff_rate_range() { return Range::closed(0, kMaxTariffRate); }

// The warning for a rate within range that looks like a percentage, or nullopt.
std::optional<std::string> percentage_warning(double rate);

// The error's text for a rate out of range (`shown` as the user wrote it;
// `value` when it is a number).
std::string tariff_rate_error(const std::string& shown, std::optional<double> value);

}  // namespace relocsim::config
