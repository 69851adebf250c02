// The run file's value_breakdown: a few hundred numbers, so the report can
// draw each sector's waterfall without the program (docs/OUTPUT.md).
#include <span>

#include "relocsim/engine/error.hpp"
#include "run_layout.hpp"

namespace relocsim::output {

void write_breakdown(nc::Layout& layout, const ValueBreakdownTable& t, const Labels& labels) {
  using nc::Storage;
  const std::size_t T = t.year.size(), K = labels.sectors.size(), O = ValueBreakdownTable::kOptions,
                    P = t.parts.size();
  if (T == 0 || static_cast<std::size_t>(t.n_sectors) != K || t.value.size() != T * K * O * P ||
      t.site.size() != T * K * O || t.firm_size.size() != T * K || t.annuity.size() != T)
    throw OutputError("value breakdown: sizes disagree with the run's sectors");
  layout.numeric_dimension<double>("breakdown_time", t.year, {"decimal year of the state valued", "year"});
  layout.label_dimension("breakdown_option", {"stay", "China", "ASEAN", "India"},
                         {"staying, or moving all capacity to the best site of the bloc"});
  layout.label_dimension("value_part", t.parts, {"part of an option's value (relocsim explain)"});
  layout
      .variable<double>("value_breakdown", {"breakdown_time", "sector", "breakdown_option", "value_part"},
                        {"part of the value of the option to the sector's representative China producer, "
                         "over the valuation horizon",
                         "USD per USD of annual capacity"},
                        Storage::Contiguous)
      .write(std::span<const double>(t.value));
  auto& site = layout.variable<std::int16_t>("value_breakdown_site", {"breakdown_time", "sector", "breakdown_option"},
                                             {"site of the option (stay: the firm's own); missing where none", "1"},
                                             Storage::Contiguous, std::int16_t{-1});
  site.write(std::span<const std::int16_t>(t.site));
  nc::describe_codes<std::int16_t>(site, labels.sites, "site");
  layout.variable<double>("value_breakdown_annuity", {"breakdown_time"},
                          {"annuity factor: horizon value / annuity = equivalent per year", "year"},
                          Storage::Contiguous)
      .write(std::span<const double>(t.annuity));
  layout.variable<double>("value_breakdown_firm_size", {"breakdown_time", "sector"},
                          {"output of the representative firm", "USD million per year"}, Storage::Contiguous)
      .write(std::span<const double>(t.firm_size));
}

}  // namespace relocsim::output
