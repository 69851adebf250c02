#pragma once
// Fills the run file's value breakdown (value_breakdown_table.hpp) from a
// simulation's current state.
#include "relocsim/engine/simulation.hpp"
#include "relocsim/engine/value_breakdown_table.hpp"

namespace relocsim {

// Appends one time: every sector's China producer at the state the next step
// would value. A sector with no producer in China gets NaN and sites -1.
void append_bloc_breakdown(const Simulation& sim, ValueBreakdownTable& table);

}  // namespace relocsim
