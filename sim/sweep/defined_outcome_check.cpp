// Defined outcomes against a scenario: the names they select exist there and
// select something, and their dates fall inside the run. Located at each
// definition's [[outcome]] line, since the scenario is another file.
#include <fmt/format.h>

#include <cmath>

#include "error_list.hpp"
#include "outcome_date.hpp"
#include "outcome_selection.hpp"
#include "relocsim/sweep/defined_outcomes.hpp"

namespace relocsim::sweep {

void check_outcome_definitions(const std::vector<OutcomeDefinition>& definitions, const ModelSpec& spec) {
  config::ErrorList errors;
  const RecordDates dates = record_dates(spec);
  for (const auto& d : definitions) {
    const auto reject = [&](const std::string& key, const std::string& problem) {
      errors.add({d.file, d.line}, key_of(d, key), problem);
    };
    if (d.reduce == Reduce::Ratio) continue;  // its parts are checked as themselves
    const OutcomeVariable* v = find_outcome_variable(d.variable);
    if (v == nullptr) {
      reject("variable", fmt::format("unknown variable '{}'", d.variable));
      continue;
    }
    select_cells(*v, spec, numerator_lists(d), reject);
    if (d.reduce == Reduce::Share) select_cells(*v, spec, denominator_lists(d), reject);

    if (d.reduce == Reduce::Value || d.reduce == Reduce::Share) {
      if (const auto why = dates.outside(d.date)) reject("date", *why);
    } else {
      const auto from = dates.outside(d.from), to = dates.outside(d.to);
      if (from || to) {
        reject("window", *(from ? from : to));
      } else if ((d.reduce == Reduce::Sum || d.reduce == Reduce::Mean) && dates.in_window(d.from, d.to).empty()) {
        reject("window", fmt::format("no record falls in ({}, {}]: the records are {}", d.from, d.to,
                                     dates.describe()));
      }
    }
  }
  errors.throw_if_any();
}

}  // namespace relocsim::sweep
