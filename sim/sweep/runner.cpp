#include "relocsim/sweep/runner.hpp"

#include <fmt/format.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>
#include <tbb/task_arena.h>

#include <filesystem>
#include <mutex>

#include "relocsim/config/load.hpp"
#include "relocsim/engine/error.hpp"
#include "relocsim/sweep/heap_reuse.hpp"
#include "relocsim/engine/simulation.hpp"
#include "atomic_target.hpp"
#include "observer_pair.hpp"
#include "relocsim/sweep/journal.hpp"

namespace relocsim::sweep {
namespace fs = std::filesystem;
namespace {

// The journal as the archive writer's source; runs of other shards were not run.
class JournalRuns : public RunSource {
 public:
  JournalRuns(const Journal& journal, const SweepPlan& plan, const Shard& shard)
      : journal_(journal), plan_(plan), shard_(shard) {}
  RunRecord get(long long run) override {
    if (!shard_.owns_row(plan_.key(run).row)) {
      RunRecord none;
      none.run = run;
      return none;
    }
    RunRecord r = journal_.read(run);
    if (r.status == kNotRun) throw OutputError(fmt::format("the journal {} has no record of run {}", journal_.dir(), run));
    return r;
  }

 private:
  const Journal& journal_;
  const SweepPlan& plan_;
  const Shard& shard_;
};

// An existing archive under the output name: an error, unless it is this
// sweep's finished archive and we are resuming (then there is nothing to do).
bool finished_already(const SweepPlan& plan, const SweepOptions& o) {
  std::error_code ec;
  if (!fs::exists(o.output, ec) || o.force) return false;
  if (!o.resume) {
    throw OutputError(fmt::format("{} exists; use --force to overwrite, or --resume to finish the sweep that is "
                                  "writing it",
                                  o.output));
  }
  // --force would discard the journal too; the runs in it are worth a hint.
  const std::string journal = Journal::directory_for(o.output);
  const std::string way_out =
      fs::exists(journal, ec)
          ? fmt::format("; move it away and run again with --resume to finish this sweep from its journal {}, or use "
                        "--force to start the sweep over and replace it",
                        journal)
          : "; use --force to replace it";
  ArchiveInfo info;
  try {
    info = read_archive_info(o.output);
  } catch (const Error&) {
    throw OutputError(fmt::format("{} exists and is not a relocsim archive{}", o.output, way_out));
  }
  if (info.sweep && info.complete && info.sweep_id == plan.sweep_id && info.shard.index == o.shard.index &&
      info.shard.count == o.shard.count) {
    return true;
  }
  throw OutputError(fmt::format("{} exists and is not the finished archive of this sweep{} (its sweep_id is '{}', "
                                "this sweep's {}){}",
                                o.output, o.shard.count > 1 ? " and shard " + o.shard.text() : "", info.sweep_id,
                                plan.sweep_id, way_out));
}

}  // namespace

RunRecord run_one(const SweepPlan& plan, long long run, const std::atomic<bool>* stop) {
  const RunKey k = plan.key(run);
  const ArmPlan& arm = plan.arms[static_cast<std::size_t>(k.arm)];
  RunRecord failed;
  failed.run = run;
  failed.status = kFailed;
  try {
    const config::LoadedConfig loaded = config::load(arm.scenario, plan.overrides(run));
    Simulation simulation(loaded.spec);
    OutcomeObserver outcomes(plan.axes);
    DefinedOutcomeObserver defined(plan.spec.defined_outcomes, loaded.spec);
    ObserverPair both(outcomes, defined);
    RunControl control;
    control.stop = stop;
    simulation.run(both, control);
    RunRecord result = outcomes.result(run);
    result.defined = defined.values();
    return result;
  } catch (const Interrupted&) {
    throw;
  } catch (const std::bad_alloc&) {
    failed.error = "out of memory";
  } catch (const std::exception& e) {
    failed.error = e.what();
  }
  return failed;
}

SweepOutcome run_sweep(const SweepPlan& plan, const SweepOptions& o) {
  keep_freed_memory_for_later_runs();
  SweepOutcome out;
  const std::string dir = Journal::directory_for(o.output);
  if (finished_already(plan, o)) {
    std::error_code ec;
    fs::remove_all(dir, ec);  // left behind if the process died between the archive's rename and here
    out.already_complete = true;
    return out;
  }
  // A missing or read-only directory fails now, not after hours of runs.
  { const output::AtomicTarget probe(o.output, true); }

  JournalHeader jh{plan.sweep_id, o.shard, plan.runs(), o.provenance.git_commit};
  Journal journal(dir, jh, o.resume ? Journal::Mode::Resume : Journal::Mode::Fresh, o.force);
  const std::vector<bool> done = journal.scan(&out.discarded);

  std::vector<long long> pending;
  for (long long run = 0; run < plan.runs(); ++run) {
    if (!o.shard.owns_row(plan.key(run).row)) continue;
    ++out.runs_in_shard;
    if (done[static_cast<std::size_t>(run)]) {
      ++out.already_done;
    } else {
      pending.push_back(run);
    }
  }

  if (o.before_runs && !pending.empty()) {
    try {
      o.before_runs(static_cast<long long>(pending.size()));
    } catch (...) {
      if (out.already_done == 0) journal.remove();
      throw;
    }
  }

  std::mutex progress_mutex;
  long long finished = out.already_done, failed = 0;
  std::atomic<bool> interrupted{false};
  if (o.progress) o.progress(finished, out.runs_in_shard, failed);
  try {
    tbb::parallel_for(
        tbb::blocked_range<std::size_t>(0, pending.size(), 1),
        [&](const tbb::blocked_range<std::size_t>& range) {
          for (std::size_t i = range.begin(); i != range.end(); ++i) {
            if (o.stop != nullptr && o.stop->load()) {
              interrupted = true;
              return;
            }
            RunRecord record;
            try {
              tbb::this_task_arena::isolate([&] { record = run_one(plan, pending[i], o.stop); });
            } catch (const Interrupted&) {
              interrupted = true;  // not a result: the run is done again on --resume
              return;
            }
            journal.write(record);
            const std::lock_guard lock(progress_mutex);
            ++finished;
            ++out.ran;
            if (record.status == kFailed) ++failed;
            if (o.progress) o.progress(finished, out.runs_in_shard, failed);
          }
        },
        tbb::simple_partitioner());
  } catch (const OutputError& e) {
    // A full disk, say: what is in the journal is safe and need not run again.
    throw OutputError(fmt::format("{}; the {} runs finished so far are kept in {}: make room, then run the same "
                                  "command with --resume",
                                  e.what(), finished, dir));
  }
  if (interrupted || (o.stop != nullptr && o.stop->load() && finished < out.runs_in_shard)) {
    throw Interrupted(fmt::format("interrupted: {} of {} runs done, kept in {}; continue with --resume", finished,
                                  out.runs_in_shard, dir));
  }

  JournalRuns source(journal, plan, o.shard);
  const ArchiveHeader header = header_of(plan, o.shard, o.provenance);
  try {
    out.summary = write_archive(o.output, header, source, o.force, o.compression_level);
  } catch (const OutputError& e) {
    throw OutputError(fmt::format("{}; every run is kept in {}: make room, then run the same command with --resume "
                                  "to write the archive",
                                  e.what(), dir));
  }
  journal.remove();
  return out;
}

}  // namespace relocsim::sweep
