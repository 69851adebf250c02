#pragma once
// `relocsim validate SWEEP.toml`: what can be known about a sweep before any
// run starts, beyond what make_plan checks. make_plan loads each arm once;
// here every arm is loaded under every design row's values, so that a value
// invalid for its key (a review probability of 1.6 at the top of a range), or
// invalid together with other keys, or a row that changes the archive's axes,
// is reported up front instead of surfacing as failed runs hours later.
#include <cstddef>
#include <string>
#include <vector>

#include "relocsim/engine/error.hpp"
#include "relocsim/sweep/plan.hpp"

namespace relocsim::sweep {

// True when `path` is a TOML file with a [sweep] table, i.e. a sweep
// definition rather than a scenario. False for anything else, including a
// file that does not parse (the scenario loader then reports where).
bool is_sweep_definition(const std::string& path);

struct RunCheck {
  long long configurations = 0;  // (design row, arm) pairs loaded; replications differ only in run.seed
  long long invalid = 0;         // of them, how many cannot run
  // The first problems, in (row, arm) order, located where the user can fix
  // them: a swept key's problem at its [[parameter]] line (or, for a csv
  // design, at the row's line in the design file), any other at the file and
  // line the configuration loader names, each saying which row and arm.
  std::vector<ConfigError> problems;
  bool truncated = false;  // more problems than were kept
};

// Loads every (design row, arm) configuration, in parallel; deterministic
// whatever the thread count. At most `max_problems` are kept.
RunCheck check_runs(const SweepPlan& plan, std::size_t max_problems = 20);

}  // namespace relocsim::sweep
