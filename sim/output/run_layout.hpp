#pragma once
// The parts of one run's file, each defined and filled by its own source:
// axes.cpp (dimensions, labels, site and route facts), step_variables.cpp,
// event_columns.cpp, choice_columns.cpp, firm_variables.cpp, run_attributes.cpp.
#include <hdf5.h>

#include <span>
#include <string>
#include <variant>
#include <vector>

#include "netcdf_layout.hpp"
#include "relocsim/engine/observer.hpp"
#include "relocsim/engine/value_breakdown_table.hpp"
#include "relocsim/output/provenance.hpp"

namespace relocsim::output {

// The ids that label codes, copied at the start so that the end of the run
// does not depend on the spec still being alive.
struct Labels {
  std::vector<std::string> sites, sectors, blocs, markets, event_kinds, homes;
};
Labels labels_of(const ModelSpec& spec);

// Dimensions with their coordinate variables, and the static facts along them.
void define_axes(nc::Layout& layout, const RunStart& start, const Labels& labels);

// The (step, ...) arrays, written one record at a time.
class StepVariables {
 public:
  using Member = std::variant<std::vector<double> StepRecord::*, std::vector<std::int32_t> StepRecord::*>;
  void define(nc::Layout& layout, bool counterfactual);
  void write(const StepRecord& record);

 private:
  std::vector<nc::Variable*> fields_;
  std::vector<Member> members_;
  std::vector<nc::Variable*> scalars_;
  nc::Variable* year_ = nullptr;
  nc::Variable* reviewing_ = nullptr;
};

// The event table as columns along the unlimited dimension `event`.
class EventColumns {
 public:
  // add_share: the run's behaviour.add_share, which an event's share follows from.
  void define(nc::Layout& layout, const Labels& labels, double add_share);
  // The events of one step's record, all of that step.
  void append(std::int32_t step_of_events, std::span<const Event> events);

 private:
  nc::Variable *index_ = nullptr, *step_ = nullptr, *firm_ = nullptr, *from_ = nullptr, *to_ = nullptr,
               *kind_ = nullptr, *share_ = nullptr;
  std::int64_t count_ = 0;
  double add_share_ = 0;
};

// Logged choice situations (RunSpec::choice_log_every), one row per option,
// along the unlimited dimension `choice`; defined only when the run logs them.
class ChoiceColumns {
 public:
  void define(nc::Layout& layout, const Labels& labels, const ModelSpec& spec);
  void append(const std::vector<ChoiceRow>& rows);
  [[nodiscard]] bool defined() const { return index_ != nullptr; }

 private:
  nc::Variable *index_ = nullptr, *situation_ = nullptr, *step_ = nullptr, *firm_ = nullptr, *site_ = nullptr,
               *kind_ = nullptr, *nest_ = nullptr, *chosen_ = nullptr, *value_ = nullptr, *operating_ = nullptr,
               *pli_ = nullptr, *peers_ = nullptr, *setup_ = nullptr, *waiting_ = nullptr;
  std::int64_t count_ = 0;
};

// The firm dimension and the firms' final state.
void write_firms(nc::Layout& layout, const FirmTable& firms, const Labels& labels);

// The value parts of the report's waterfall (value_breakdown_table.hpp).
void write_breakdown(nc::Layout& layout, const ValueBreakdownTable& table, const Labels& labels);

// Global attributes, and the configuration and input files as string variables.
void write_run_attributes(hid_t file, const Provenance& provenance);
void write_inputs(nc::Layout& layout, const Provenance& provenance);
// The attributes that only a finished run may carry.
void mark_complete(hid_t file, const std::string& end_time);

}  // namespace relocsim::output
