#pragma once
// Which elements of a recorded variable a defined outcome adds up: its
// selection lists resolved against a scenario's sites, sectors and markets
// into flat indices of the StepRecord array. The checks and the observer
// both resolve here, so what is checked is what is computed.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "outcome_variables.hpp"
#include "relocsim/engine/spec.hpp"
#include "relocsim/sweep/defined_outcomes.hpp"

namespace relocsim::sweep {

struct SelectionLists {
  std::vector<std::string> blocs, sites, corridors, sectors, markets;  // empty: all
  bool abroad = false;  // markets: those that are not the site's own bloc's
  std::string key_prefix;  // "" or "of_", for the keys errors name
};

// The numerator's lists, and a share's denominator's: of_blocs, of_sites and
// of_corridors (all sites when none is given), of_sectors (default: the
// numerator's sectors) and of_markets (default: the numerator's markets).
SelectionLists numerator_lists(const OutcomeDefinition& d);
SelectionLists denominator_lists(const OutcomeDefinition& d);

// (key, problem) for each name the scenario does not have, and for a
// selection that takes nothing.
using Reject = std::function<void(const std::string& key, const std::string& problem)>;

// The key an error about `field` of `d` names: outcome[3].blocs, or the
// outcome's name where it was not read from a file (key empty).
inline std::string key_of(const OutcomeDefinition& d, const std::string& field) {
  return (d.key.empty() ? d.name : d.key) + "." + field;
}

// Flat indices into the variable's record array, ascending (the order the
// values are added in, so a run's value does not depend on anything else).
std::vector<std::size_t> select_cells(const OutcomeVariable& v, const ModelSpec& spec, const SelectionLists& lists,
                                      const Reject& reject);

}  // namespace relocsim::sweep
