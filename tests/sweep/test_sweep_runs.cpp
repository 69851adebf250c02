// Whole sweeps in-process on the tiny scenario: thread count and sharding
// change nothing, arms share their draws, a failing run is recorded and the
// sweep goes on, a stopped sweep resumes to the same result.
#include <catch2/catch.hpp>

#include <tbb/global_control.h>

#include <atomic>
#include <cmath>
#include <cstring>
#include <filesystem>

#include "relocsim/config/load.hpp"
#include "relocsim/engine/error.hpp"
#include "relocsim/sweep/archive.hpp"
#include "relocsim/sweep/merge.hpp"
#include "relocsim/sweep/runner.hpp"
#include "sweep_test_support.hpp"

using namespace relocsim;
using namespace relocsim::sweep;
using namespace relocsim::sweep::test;

namespace {

const std::string kBusy = "[\"population.n_firms=300\", \"behaviour.review_probability=0.3\"]";

std::string lhs_definition() {
  return "[sweep]\nmethod = \"lhs\"\nn = 3\nreplications = 2\nmaster_seed = 5\nreference = \"base\"\n" +
         arm("base", kBusy) +
         arm("fast", "[\"population.n_firms=300\", \"behaviour.review_probability=0.3\", "
                     "\"friction.single_window_factor=0.2\"]") +
         "[[parameter]]\nkey = \"behaviour.logit_scale\"\nlower = 2.0\nupper = 8.0\n"
         "[[parameter]]\nkey = \"costs.wage_pressure\"\nlevels = [0.0, 1.0]\n";
}

SweepOutcome sweep_to(const SweepPlan& plan, const std::string& out, int threads, Shard shard = {},
                      const std::atomic<bool>* stop = nullptr, bool resume = false) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  SweepOptions o;
  o.output = out;
  o.shard = shard;
  o.stop = stop;
  o.resume = resume;
  o.provenance = output::build_provenance();
  return run_sweep(plan, o);
}

bool same_bits(const std::vector<std::vector<double>>& a, const std::vector<std::vector<double>>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].size() != b[i].size() || std::memcmp(a[i].data(), b[i].data(), a[i].size() * sizeof(double)) != 0) {
      return false;
    }
  }
  return true;
}

// Every run's status, error, outcomes and series, and every seed, bit for bit.
void check_same_runs(const std::string& a, const std::string& b) {
  ArchiveReader x(a), y(b);
  REQUIRE(x.header().runs() == y.header().runs());
  CHECK(x.header().seeds == y.header().seeds);
  CHECK(x.header().sweep_id == y.header().sweep_id);
  for (long long run = 0; run < x.header().runs(); ++run) {
    const RunRecord p = x.get(run), q = y.get(run);
    CHECK(p.status == q.status);
    CHECK(p.error == q.error);
    CHECK(same_bits(p.outcomes, q.outcomes));
    CHECK(same_bits(p.series, q.series));
  }
}

}  // namespace

TEST_CASE("a sweep's results do not depend on the thread count or on sharding", "[sweep][runs]") {
  testing::ScratchDir dir;
  const SweepPlan plan = make_plan(load_sweep_spec(write_file(dir, "sweep.toml", lhs_definition())));
  REQUIRE(plan.runs() == 12);
  const auto one = sweep_to(plan, dir.file("one.h5"), 1);
  CHECK(one.summary.done == 12);
  CHECK(one.summary.failed == 0);
  CHECK_FALSE(std::filesystem::exists(dir.file("one.h5.d")));  // the journal goes once the archive is in place
  sweep_to(plan, dir.file("two.h5"), 2);
  check_same_runs(dir.file("one.h5"), dir.file("two.h5"));

  const auto part0 = sweep_to(plan, dir.file("s0.h5"), 2, Shard{0, 2});
  const auto part1 = sweep_to(plan, dir.file("s1.h5"), 1, Shard{1, 2});
  CHECK(part0.runs_in_shard == 8);  // rows 0 and 2
  CHECK(part0.summary.not_run == 4);
  CHECK(part1.runs_in_shard == 4);
  {
    ArchiveReader s1(dir.file("s1.h5"));
    CHECK(s1.header().shard.text() == "1/2");
    CHECK(s1.get(0).status == kNotRun);
    CHECK(s1.get(4).status == kDone);  // row 1
  }
  merge_archives(dir.file("merged.h5"), {dir.file("s1.h5"), dir.file("s0.h5")}, false, "test");
  check_same_runs(dir.file("one.h5"), dir.file("merged.h5"));
  CHECK(ArchiveReader(dir.file("merged.h5")).header().shard.text() == "0/1");
}

TEST_CASE("arms of a design row and replicate share seeds and draws", "[sweep][runs]") {
  testing::ScratchDir dir;
  const std::string def = "[sweep]\nmethod = \"grid\"\nreplications = 3\n" + arm("a", kBusy) +
                          arm("same", "[\"population.n_firms=300\", \"behaviour.review_probability=0.3\", "
                                      "\"run.start_year=2020.0\"]") +
                          "[[parameter]]\nkey = \"behaviour.logit_scale\"\nlevels = [3.0, 6.0]\n";
  const SweepPlan plan = make_plan(load_sweep_spec(write_file(dir, "sweep.toml", def)));
  for (long long run = 0; run < plan.runs(); run += 2) CHECK(plan.seed(run) == plan.seed(run + 1));
  CHECK(plan.seed(0) != plan.seed(2));  // replicates differ
  sweep_to(plan, dir.file("out.h5"), 2);
  ArchiveReader in(dir.file("out.h5"));
  for (long long run = 0; run < plan.runs(); run += 2) {
    // The same model on the same draws: the paired difference is exactly 0.
    CHECK(same_bits(in.get(run).outcomes, in.get(run + 1).outcomes));
  }
  CHECK_FALSE(same_bits(in.get(0).outcomes, in.get(2).outcomes));
}

TEST_CASE("a failing run is recorded with its error and the sweep finishes", "[sweep][runs]") {
  testing::ScratchDir dir;
  // review_probability = 2 is invalid: the loader rejects those rows' runs.
  // More steps load but cannot share the archive's step axis: the run throws.
  const int steps = config::load(tiny()).spec.run.steps;
  const std::string def = "[sweep]\nmethod = \"grid\"\n" + arm("base") +
                          "[[parameter]]\nkey = \"behaviour.review_probability\"\nlevels = [0.5, 2.0]\n"
                          "[[parameter]]\nkey = \"run.steps\"\nlevels = [" +
                          std::to_string(steps) + ", " + std::to_string(steps + 4) + "]\n";
  const SweepPlan plan = make_plan(load_sweep_spec(write_file(dir, "sweep.toml", def)));
  const auto out = sweep_to(plan, dir.file("out.h5"), 2);
  CHECK(out.summary.done == 1);
  CHECK(out.summary.failed == 3);
  REQUIRE(out.summary.failures.size() == 3);
  ArchiveReader in(dir.file("out.h5"));
  CHECK(in.get(0).status == kDone);
  const RunRecord longer = in.get(1);
  CHECK(longer.status == kFailed);
  const std::string why = "this run has " + std::to_string(steps + 4) + " steps from 2020 at 4 per year, the sweep " +
                          std::to_string(steps) +
                          " from 2020 at 4 per year: every run of a sweep must share the archive's step axis";
  CHECK(longer.error == why);
  const RunRecord invalid = in.get(2);
  CHECK(invalid.status == kFailed);
  CHECK(invalid.error.find("--set: behaviour.review_probability: ") != std::string::npos);
  CHECK(out.summary.failures[0] == "run 1 (design row 1, replicate 0, arm base): " + why);
}

TEST_CASE("a stopped sweep keeps its journal and resumes to the same archive", "[sweep][runs]") {
  testing::ScratchDir dir;
  const SweepPlan plan = make_plan(load_sweep_spec(write_file(dir, "sweep.toml", lhs_definition())));
  sweep_to(plan, dir.file("whole.h5"), 2);
  std::atomic<bool> stop{true};
  CHECK_THROWS_AS(sweep_to(plan, dir.file("out.h5"), 2, {}, &stop), Interrupted);
  CHECK(std::filesystem::exists(dir.file("out.h5.d")));
  CHECK_FALSE(std::filesystem::exists(dir.file("out.h5")));
  // Without --resume the journal is in the way.
  CHECK_THROWS_WITH(sweep_to(plan, dir.file("out.h5"), 2),
                    dir.file("out.h5.d") + " exists: the journal of an unfinished sweep; continue it with --resume, "
                                           "or use --force to discard it and start over");
  const auto resumed = sweep_to(plan, dir.file("out.h5"), 2, {}, nullptr, true);
  CHECK(resumed.ran == 12);
  check_same_runs(dir.file("whole.h5"), dir.file("out.h5"));
  // Resuming a finished sweep finds nothing to do.
  CHECK(sweep_to(plan, dir.file("out.h5"), 2, {}, nullptr, true).already_complete);
  CHECK_THROWS_WITH(sweep_to(plan, dir.file("out.h5"), 2),
                    dir.file("out.h5") + " exists; use --force to overwrite, or --resume to finish the sweep that "
                                         "is writing it");
}
