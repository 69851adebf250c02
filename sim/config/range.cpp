#include "range.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

namespace relocsim::config {

bool Range::contains(double x) const {
  if (!std::isfinite(x)) return false;
  if (has_lo && (lo_open ? !(x > lo) : !(x >= lo))) return false;
  if (has_hi && (hi_open ? !(x < hi) : !(x <= hi))) return false;
  return true;
}

std::string Range::describe(bool integer, bool plural) const {
  const std::string what = plural ? (integer ? "integers" : "numbers") : (integer ? "an integer" : "a number");
  if (has_lo && has_hi) {
    return fmt::format("{} in {}{}, {}{}", what, lo_open ? "(" : "[", format_number(lo), format_number(hi),
                       hi_open ? ")" : "]");
  }
  if (has_lo) return fmt::format("{} {} {}", what, lo_open ? ">" : ">=", format_number(lo));
  if (has_hi) return fmt::format("{} {} {}", what, hi_open ? "<" : "<=", format_number(hi));
  if (integer) return what;
  return plural ? "finite numbers" : "a finite number";
}

std::string format_number(double x) { return fmt::format("{}", x); }

std::string format_sum(double x) { return fmt::format("{:.12g}", x); }

std::optional<double> parse_number(std::string_view text) {
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

}  // namespace relocsim::config
