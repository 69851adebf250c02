#pragma once
// Runs a sweep (or this process's shard of it): every pending run in
// parallel, each result to the journal the moment it is known, then the
// archive assembled from the journal.
//
// Parallelism: TBB over runs, each run's engine using TBB over its firms too.
// Each run is isolated (tbb::this_task_arena::isolate) so that a thread
// waiting inside one run's parallel loop never starts another run: at most as
// many runs are in memory as there are threads.
#include <atomic>
#include <functional>
#include <string>

#include "relocsim/output/provenance.hpp"
#include "relocsim/sweep/archive.hpp"
#include "relocsim/sweep/plan.hpp"
#include "relocsim/sweep/shard.hpp"

namespace relocsim::sweep {

struct SweepOptions {
  std::string output;
  Shard shard;
  bool resume = false;  // continue the journal, or accept this sweep's finished archive
  bool force = false;   // discard an existing journal and replace an existing archive
  const std::atomic<bool>* stop = nullptr;  // set: in-flight runs stop after their step, none start
  // (runs finished, runs of the shard, failures), from one thread at a time.
  std::function<void(long long, long long, long long)> progress;
  // Called with the number of runs still to do, once the journal is read and
  // before any run starts; may throw to refuse the sweep (it does not fit in
  // memory or on the disk). A journal holding no run yet is then removed.
  std::function<void(long long)> before_runs;
  output::Provenance provenance;
  int compression_level = 4;
};

struct SweepOutcome {
  long long runs_in_shard = 0;
  long long already_done = 0;  // found in the journal
  long long ran = 0;           // by this process
  long long discarded = 0;     // damaged journal records, run again
  bool already_complete = false;  // --resume found this sweep's finished archive
  ArchiveSummary summary;
};

// Throws OutputError for an existing output or journal (see the options), and
// Interrupted when stopped; failed runs are recorded, not thrown.
SweepOutcome run_sweep(const SweepPlan& plan, const SweepOptions& options);

// One run: load the arm with the run's overrides, simulate, keep the outcomes.
// Any error is the run's failure (status kFailed, the message in error), except
// Interrupted, which is rethrown.
RunRecord run_one(const SweepPlan& plan, long long run, const std::atomic<bool>* stop = nullptr);

}  // namespace relocsim::sweep
