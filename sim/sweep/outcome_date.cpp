#include "outcome_date.hpp"

#include <fmt/format.h>

#include <cmath>

namespace relocsim::sweep {

std::optional<std::size_t> RecordDates::at(double date) const {
  if (year.empty() || !std::isfinite(date) || date < year.front() - kDateTolerance ||
      date > year.back() + kDateTolerance) {
    return std::nullopt;
  }
  std::size_t i = 0;
  while (i + 1 < year.size() && year[i + 1] <= date + kDateTolerance) ++i;
  return i;
}

std::vector<std::size_t> RecordDates::in_window(double from, double to) const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < year.size(); ++i) {
    if (year[i] > from + kDateTolerance && year[i] <= to + kDateTolerance) out.push_back(i);
  }
  return out;
}

std::optional<std::string> RecordDates::outside(double date) const {
  if (at(date)) return std::nullopt;
  return fmt::format("{} is outside the run: its records are {}", date, describe());
}

std::string RecordDates::describe() const {
  if (year.empty()) return "none";
  return fmt::format("from {} to {}, {} a year", year.front(), year.back(), steps_per_year);
}

RecordDates record_dates(const ModelSpec& spec) {
  RecordDates d;
  d.steps_per_year = spec.run.steps_per_year;
  // Simulation::year's formula, as axes_of uses it.
  for (int k = 0; k <= spec.run.steps; ++k) {
    d.year.push_back(spec.run.start_year + static_cast<double>(k) / spec.run.steps_per_year);
  }
  return d;
}

}  // namespace relocsim::sweep
