#pragma once
// Allowed ranges of numbers, and the wording used when a value falls outside.
// TOML values and CSV cells share these so that every message reads the same.
#include <optional>
#include <string>
#include <string_view>

namespace relocsim::config {

struct Range {
  bool has_lo = false, has_hi = false;
  bool lo_open = false, hi_open = false;
  double lo = 0, hi = 0;

  static Range any() { return {}; }
  static Range above(double x) { return {true, false, true, false, x, 0}; }     // > x
  static Range at_least(double x) { return {true, false, false, false, x, 0}; }  // >= x
  static Range closed(double a, double b) { return {true, true, false, false, a, b}; }       // [a, b]
  static Range open_closed(double a, double b) { return {true, true, true, false, a, b}; }   // (a, b]
  static Range closed_open(double a, double b) { return {true, true, false, true, a, b}; }   // [a, b)
  static Range open(double a, double b) { return {true, true, true, true, a, b}; }           // (a, b)

  // NaN and infinities are never inside: the engine's arithmetic assumes finite inputs.
  [[nodiscard]] bool contains(double x) const;
  // "a number > 0", "an integer >= 0", "a number in (0, 1]", "a finite number";
  // plural: "numbers in [0, 1]", for the entries of an array.
  [[nodiscard]] std::string describe(bool integer = false, bool plural = false) const;
};

// A number as a user would write it: -1, 0.25, 1e+300, nan, inf.
std::string format_number(double x);

// A computed sum, to 12 significant digits: 0.9 rather than the
// 0.8999999999999999 that adding 0.6 and 0.3 gives, yet 1.0000015 (which is
// off by more than the tolerance of 1e-6) not rounded to 1.
std::string format_sum(double x);

// A CSV cell read as a plain decimal; nullopt unless the whole cell is a
// finite number (so "nan", "12 %", "1,000" and "" are refused).
std::optional<double> parse_number(std::string_view text);

}  // namespace relocsim::config
