#pragma once
// What a sweep needs of the machine, from its plan alone, so that a sweep
// that cannot fit is refused before its first run rather than killed for
// memory, or stopped by a full disk, hours in. The machine's side (how much
// memory and disk there is) is the program's to measure.
#include <string>

#include "relocsim/engine/memory_estimate.hpp"
#include "relocsim/sweep/plan.hpp"
#include "relocsim/sweep/shard.hpp"

namespace relocsim::sweep {

// The run of the shard that needs the most memory: an arm's scenario, made
// bigger where a design row sets population.n_firms or
// population.supply_links (the keys that size a run; the others that could,
// sites, sectors, markets and steps, are the archive's axes and fixed).
struct LargestRun {
  RunSize size;
  double memory = 0;  // bytes a run of it needs beyond the fixed part of memory_needed()
  int arm = 0;
  long long row = -1;  // the design row whose values made it the largest; -1: the arm's own scenario
  int param = -1;      // the design parameter that sized it (population.n_firms before supply_links)
};
LargestRun largest_run(const SweepPlan& plan, const Shard& shard);

// Bytes of one run's journal record (a finished run; a failed run's is
// smaller). Every record of a shard is on disk when its archive is written.
double journal_record_bytes(const SweepPlan& plan);

}  // namespace relocsim::sweep
