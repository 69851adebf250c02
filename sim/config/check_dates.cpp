#include <fmt/format.h>

#include "build_spec.hpp"

namespace relocsim::config {
namespace {

// Dates before the start are meaningful (a site open long ago, a PLI base
// year), and so are dates after the end (a site that opens later in a longer
// run of the same scenario, e.g. with a smaller run.steps). Fifty years either
// side allows all of that and still catches 20300 for 2030 or 203 for 2030.
constexpr double kSlackYears = 50;

struct Horizon {
  double start = 0, end = 0;
  [[nodiscard]] double lo() const { return start - kSlackYears; }
  [[nodiscard]] double hi() const { return end + kSlackYears; }
  [[nodiscard]] bool contains(double year) const { return year >= lo() && year <= hi(); }
  [[nodiscard]] std::string expected(double got) const {
    return fmt::format("expected a year in [{}, {}], within {} years of the run ({} to {}), got {}",
                       format_number(lo()), format_number(hi()), format_number(kSlackYears), format_number(start),
                       format_number(end), format_number(got));
  }
};

}  // namespace

void check_dates(TomlReader& toml, bool run_ok, const ModelSpec& spec, const CsvTable* sites, ErrorList& errors) {
  if (!run_ok) return;  // the run's own keys are already reported
  const Horizon horizon{spec.run.start_year,
                        spec.run.start_year + static_cast<double>(spec.run.steps) / spec.run.steps_per_year};

  // Sites: the cell as written, since an unreadable one is already reported
  // and left the spec's default in place.
  const int column = sites != nullptr ? sites->column("open_year") : -1;
  if (column >= 0) {
    for (const auto& row : sites->rows) {
      const auto year = parse_number(row.cells[static_cast<std::size_t>(column)]);
      if (year && !horizon.contains(*year)) errors.add({sites->path, row.line}, "open_year", horizon.expected(*year));
    }
  }

  // PLI schemes: only complete ones are in the spec.
  for (const auto& p : spec.pli) {
    const std::string key = "pli." + spec.sectors[static_cast<std::size_t>(p.sector)].id;
    if (!horizon.contains(p.start_year)) toml.reject(key + ".start_year", horizon.expected(p.start_year));
    if (!horizon.contains(p.base_year)) {
      toml.reject(key + ".base_year", horizon.expected(p.base_year));
    } else if (p.base_year > p.start_year) {
      // Incremental sales are measured against the base: it comes first.
      toml.reject(key + ".base_year", fmt::format("expected a date at or before {}.start_year ({}), got {}", key,
                                                  format_number(p.start_year), format_number(p.base_year)));
    }
  }
}

}  // namespace relocsim::config
