#include <array>
#include <limits>
#include <variant>

#include <fmt/format.h>

#include "relocsim/engine/error.hpp"
#include "run_layout.hpp"

namespace relocsim::output {
namespace {

using Doubles = std::vector<double> StepRecord::*;
using Ints = std::vector<std::int32_t> StepRecord::*;

enum class Axes { SiteSector, SiteSectorMarket, Site, Sector, BlocSector, Bloc };

struct Field {
  const char* name;
  std::variant<Doubles, Ints> member;
  Axes axes;
  const char* long_name;
  const char* units;
  bool may_be_nan = false;  // ratios with an empty denominator
};

// One entry per StepRecord array; the file's variable names are the field
// names, so the engine's documentation and the file's agree.
const std::array<Field, 25> kFields{{
    {"capacity", &StepRecord::capacity, Axes::SiteSector, "capacity operating", "unit"},
    {"employment", &StepRecord::employment, Axes::SiteSector, "manufacturing workers employed", "1"},
    {"plants", &StepRecord::plants, Axes::SiteSector, "plants operating", "1"},
    {"sales", &StepRecord::sales, Axes::SiteSectorMarket,
     "output sold from the site's plants to the market: capacity times the firms' market mix",
     "USD million per year"},
    {"wage", &StepRecord::wage, Axes::Site, "manufacturing wage", "USD per worker per year"},
    {"moves_started", &StepRecord::moves_started, Axes::Site, "projects started this step to move a firm here",
     "1"},
    {"additions_started", &StepRecord::additions_started, Axes::Site,
     "projects started this step to add a plant here", "1"},
    {"moves_completed", &StepRecord::moves_completed, Axes::Site, "moves completed here this step", "1"},
    {"additions_completed", &StepRecord::additions_completed, Axes::Site, "added plants opened here this step",
     "1"},
    {"abandoned", &StepRecord::abandoned, Axes::Site, "projects at this site abandoned this step", "1"},
    {"projects_pending", &StepRecord::projects_pending, Axes::Site,
     "projects under way at this site at the end of the step", "1"},
    {"pli_paid", &StepRecord::pli_paid, Axes::Sector, "PLI paid out (disbursed) this step", "USD million"},
    {"pli_paid_cumulative", &StepRecord::pli_paid_cumulative, Axes::Sector, "PLI paid out since the start",
     "USD million"},
    {"pli_committed_cumulative", &StepRecord::pli_committed_cumulative, Axes::Sector,
     "PLI claims approved since the start (paid or falling due)", "USD million"},
    {"pli_remaining", &StepRecord::pli_remaining, Axes::Sector,
     "PLI outlay not yet committed to approved claims; 0 where no scheme", "USD million"},
    {"india_incremental_jobs", &StepRecord::india_incremental_jobs, Axes::Sector,
     "Indian employment minus that at the PLI base date", "1"},
    {"india_incremental_output", &StepRecord::india_incremental_output, Axes::Sector,
     "Indian capacity minus that at the PLI base date", "unit"},
    {"pli_cost_per_job", &StepRecord::pli_cost_per_job, Axes::Sector,
     "PLI committed per incremental Indian job; missing when there are none", "USD million", true},
    {"pli_cost_per_unit", &StepRecord::pli_cost_per_unit, Axes::Sector,
     "PLI committed per unit of incremental Indian capacity; missing when there is none",
     "USD million per unit", true},
    {"mean_unit_cost", &StepRecord::mean_unit_cost, Axes::BlocSector,
     "capacity-weighted production cost per unit of capacity; missing where the bloc has no capacity",
     "USD million per unit per year", true},
    {"capacity_share", &StepRecord::capacity_share, Axes::BlocSector, "bloc's share of the sector's capacity",
     "1"},
    {"capacity_hhi", &StepRecord::capacity_hhi, Axes::Sector,
     "Herfindahl index of the sector's capacity across countries", "1"},
    {"hazard_belief", &StepRecord::hazard_belief, Axes::BlocSector,
     "firms' belief of the yearly probability of a disruption in the bloc, by sector", "year-1"},
    {"disruption", &StepRecord::disruption, Axes::Bloc, "severity of disruptions striking the bloc this step; 0 = none",
     "1"},
    {"learning_factor", &StepRecord::learning_factor, Axes::SiteSector,
     "productivity multiplier from learning by doing", "1"},
}};

// Against the paired run without PLI; defined only when the run has one.
const std::array<Field, 4> kCounterfactualFields{{
    {"pli_additional_jobs", &StepRecord::pli_additional_jobs, Axes::Sector,
     "Indian jobs in the sector beyond those of the paired run without PLI", "1"},
    {"pli_additional_output", &StepRecord::pli_additional_output, Axes::Sector,
     "Indian capacity in the sector beyond that of the paired run without PLI", "unit"},
    {"pli_cost_per_additional_job", &StepRecord::pli_cost_per_additional_job, Axes::Sector,
     "PLI committed per additional Indian job; missing when there are none", "USD million", true},
    {"pli_cost_per_additional_unit", &StepRecord::pli_cost_per_additional_unit, Axes::Sector,
     "PLI committed per unit of additional Indian capacity; missing when there is none", "USD million per unit",
     true},
}};

// Scalars per step.
struct ScalarField {
  const char* name;
  double StepRecord::*member;
  const char* long_name;
  const char* units;
};
const std::array<ScalarField, 3> kScalars{{
    {"export_control_severity", &StepRecord::export_control_severity,
     "China's export controls on critical minerals in force (cumulative severity)", "1"},
    {"japan_subsidy_paid", &StepRecord::japan_subsidy_paid, "Japan's relocation subsidy paid this step",
     "USD million"},
    {"japan_subsidy_remaining", &StepRecord::japan_subsidy_remaining, "Japan's relocation subsidy budget left",
     "USD million"},
}};

std::vector<std::string> dims_of(Axes axes) {
  switch (axes) {
    case Axes::SiteSector: return {"step", "site", "sector"};
    case Axes::SiteSectorMarket: return {"step", "site", "sector", "market"};
    case Axes::Site: return {"step", "site"};
    case Axes::Sector: return {"step", "sector"};
    case Axes::BlocSector: return {"step", "bloc", "sector"};
    case Axes::Bloc: return {"step", "bloc"};
  }
  return {};
}

}  // namespace

void StepVariables::define(nc::Layout& layout, bool counterfactual) {
  year_ = &layout["year"];
  reviewing_ = &layout.variable<std::int32_t>("firms_reviewing", {"step"},
                                              {"firms that reconsidered their plants this step", "1"},
                                              nc::Storage::Contiguous);
  h5::set_attr(reviewing_->id(), "coordinates", "year");
  for (const ScalarField& f : kScalars) {
    auto& var = layout.variable<double>(f.name, {"step"}, {f.long_name, f.units}, nc::Storage::Contiguous);
    h5::set_attr(var.id(), "coordinates", "year");
    scalars_.push_back(&var);
  }
  std::vector<const Field*> fields;
  for (const Field& f : kFields) fields.push_back(&f);
  if (counterfactual)
    for (const Field& f : kCounterfactualFields) fields.push_back(&f);
  for (const Field* field : fields) {
    const Field& f = *field;
    const nc::Meta meta{f.long_name, f.units};
    nc::Variable* var = nullptr;
    if (std::holds_alternative<Ints>(f.member)) {
      var = &layout.variable<std::int32_t>(f.name, dims_of(f.axes), meta, nc::Storage::Compressed);
    } else if (f.may_be_nan) {
      var = &layout.variable<double>(f.name, dims_of(f.axes), meta, nc::Storage::Compressed,
                                     std::numeric_limits<double>::quiet_NaN());
    } else {
      var = &layout.variable<double>(f.name, dims_of(f.axes), meta, nc::Storage::Compressed);
    }
    // CF: an auxiliary coordinate that xarray attaches to each step variable.
    h5::set_attr(var->id(), "coordinates", "year");
    fields_.push_back(var);
    members_.push_back(f.member);
  }
}

void StepVariables::write(const StepRecord& record) {
  const auto row = static_cast<hsize_t>(record.step);
  year_->write_row(row, std::span<const double>(&record.year, 1));
  const std::int32_t reviewing = record.firms_reviewing;
  reviewing_->write_row(row, std::span<const std::int32_t>(&reviewing, 1));
  for (std::size_t i = 0; i < scalars_.size(); ++i)
    scalars_[i]->write_row(row, std::span<const double>(&(record.*kScalars[i].member), 1));
  for (std::size_t i = 0; i < fields_.size(); ++i) {
    std::visit([&](auto member) { fields_[i]->write_row(row, std::span(record.*member)); }, members_[i]);
  }
}

}  // namespace relocsim::output
