#pragma once
// Dates against a run's records: the record at a date (the one whose date
// equals it, or else the last one before it) and the records in a window
// (from, to]. Record dates are decimal years at the end of each step and are
// sums of fractions (2020 + 39/12), so "equal" allows a millionth of a year.
#include <optional>
#include <string>
#include <vector>

#include "relocsim/engine/spec.hpp"

namespace relocsim::sweep {

inline constexpr double kDateTolerance = 1e-6;  // years, about 30 seconds

struct RecordDates {
  std::vector<double> year;  // [record]
  int steps_per_year = 1;

  // The record at `date`; nullopt outside [first, last].
  [[nodiscard]] std::optional<std::size_t> at(double date) const;
  [[nodiscard]] std::vector<std::size_t> in_window(double from, double to) const;
  // Why `date` cannot be used, or nullopt when it can.
  [[nodiscard]] std::optional<std::string> outside(double date) const;
  [[nodiscard]] std::string describe() const;  // "2020 to 2035, 12 a year"
};

// The dates a run of the scenario records at, by the engine's formula.
RecordDates record_dates(const ModelSpec& spec);

}  // namespace relocsim::sweep
