// The variables of a run's StepRecord that defined outcomes reduce. Each is
// read where the engine put it, cast to double; nothing is copied.
#include "outcome_variables.hpp"

#include "relocsim/sweep/defined_outcomes.hpp"

#include <array>

namespace relocsim::sweep {
namespace {

template <auto Member>
double element(const StepRecord& r, std::size_t i) {
  return static_cast<double>((r.*Member)[i]);
}
template <auto Member>
double scalar(const StepRecord& r, std::size_t /*i*/) {
  return r.*Member;
}
template <auto Member>
std::size_t elements(const StepRecord& r) {
  return (r.*Member).size();
}
std::size_t one(const StepRecord& /*r*/) { return 1; }

using S = VariableShape;
// Units as the run file (docs/OUTPUT.md) has them.
const std::array<OutcomeVariable, 22> kVariables{{
    {"capacity", S::SiteSector, "unit", "capacity operating (a unit: USD 1 million of output a year)",
     element<&StepRecord::capacity>, elements<&StepRecord::capacity>},
    {"employment", S::SiteSector, "1", "manufacturing workers employed", element<&StepRecord::employment>, elements<&StepRecord::employment>},
    {"plants", S::SiteSector, "1", "plants operating", element<&StepRecord::plants>, elements<&StepRecord::plants>},
    {"sales", S::SiteSectorMarket, "USD million per year", "output sold from the site's plants to the market",
     element<&StepRecord::sales>, elements<&StepRecord::sales>},
    {"wage", S::Site, "USD per worker per year", "manufacturing wage", element<&StepRecord::wage>, elements<&StepRecord::wage>},
    {"moves_started", S::Site, "1", "projects started this step to move a firm to the site",
     element<&StepRecord::moves_started>, elements<&StepRecord::moves_started>},
    {"additions_started", S::Site, "1", "projects started this step to add a plant at the site",
     element<&StepRecord::additions_started>, elements<&StepRecord::additions_started>},
    {"moves_completed", S::Site, "1", "moves completed at the site this step", element<&StepRecord::moves_completed>, elements<&StepRecord::moves_completed>},
    {"additions_completed", S::Site, "1", "added plants opened at the site this step",
     element<&StepRecord::additions_completed>, elements<&StepRecord::additions_completed>},
    {"abandoned", S::Site, "1", "projects at the site abandoned this step", element<&StepRecord::abandoned>, elements<&StepRecord::abandoned>},
    {"projects_pending", S::Site, "1", "projects under way at the site at the end of the step",
     element<&StepRecord::projects_pending>, elements<&StepRecord::projects_pending>},
    {"pli_paid", S::Sector, "USD million", "PLI paid out this step", element<&StepRecord::pli_paid>, elements<&StepRecord::pli_paid>},
    {"pli_paid_cumulative", S::Sector, "USD million", "PLI paid out since the start",
     element<&StepRecord::pli_paid_cumulative>, elements<&StepRecord::pli_paid_cumulative>},
    {"pli_committed_cumulative", S::Sector, "USD million", "PLI claims approved since the start",
     element<&StepRecord::pli_committed_cumulative>, elements<&StepRecord::pli_committed_cumulative>},
    {"pli_remaining", S::Sector, "USD million", "PLI outlay not yet committed", element<&StepRecord::pli_remaining>, elements<&StepRecord::pli_remaining>},
    {"india_incremental_jobs", S::Sector, "1", "Indian employment minus that at the PLI base date",
     element<&StepRecord::india_incremental_jobs>, elements<&StepRecord::india_incremental_jobs>},
    {"india_incremental_output", S::Sector, "unit", "Indian capacity minus that at the PLI base date",
     element<&StepRecord::india_incremental_output>, elements<&StepRecord::india_incremental_output>},
    {"capacity_hhi", S::Sector, "1", "Herfindahl index of the sector's capacity across countries",
     element<&StepRecord::capacity_hhi>, elements<&StepRecord::capacity_hhi>},
    {"capacity_share", S::BlocSector, "1", "bloc's share of the sector's capacity",
     element<&StepRecord::capacity_share>, elements<&StepRecord::capacity_share>},
    {"mean_unit_cost", S::BlocSector, "USD million per unit per year",
     "capacity-weighted production cost per unit of capacity", element<&StepRecord::mean_unit_cost>, elements<&StepRecord::mean_unit_cost>},
    {"japan_subsidy_paid", S::Scalar, "USD million", "Japan's relocation subsidy paid this step",
     scalar<&StepRecord::japan_subsidy_paid>, one},
    {"japan_subsidy_remaining", S::Scalar, "USD million", "Japan's relocation subsidy budget left",
     scalar<&StepRecord::japan_subsidy_remaining>, one},
}};

}  // namespace

std::span<const OutcomeVariable> outcome_variables() { return kVariables; }

RecordParts parts_read(const OutcomeVariable& variable) {
  const std::string name = variable.name;
  return {name == "sales", name == "mean_unit_cost"};
}

const OutcomeVariable* find_outcome_variable(const std::string& name) {
  for (const auto& v : kVariables) {
    if (name == v.name) return &v;
  }
  return nullptr;
}

const char* shape_text(VariableShape shape) {
  switch (shape) {
    case S::Scalar: return "step";
    case S::Site: return "step × site";
    case S::Sector: return "step × sector";
    case S::SiteSector: return "step × site × sector";
    case S::SiteSectorMarket: return "step × site × sector × market";
    case S::BlocSector: return "step × bloc × sector";
  }
  return "?";
}

std::vector<std::string> outcome_variable_names() {
  std::vector<std::string> names;
  for (const auto& v : kVariables) names.emplace_back(v.name);
  return names;
}

}  // namespace relocsim::sweep
