// What a sweep needs of the machine, from its plan: the run that needs the
// most memory, the size of a journal record, and every run's configuration
// checked up front.
#include <catch2/catch.hpp>

#include <tbb/global_control.h>

#include "relocsim/sweep/check_runs.hpp"
#include "relocsim/sweep/journal.hpp"
#include "relocsim/sweep/runner.hpp"
#include "relocsim/sweep/sweep_size.hpp"
#include "sweep_test_support.hpp"

using namespace relocsim;
using namespace relocsim::sweep;
using namespace relocsim::sweep::test;

namespace {

SweepPlan plan_of(const testing::ScratchDir& dir, const std::string& text) {
  return make_plan(load_sweep_spec(write_file(dir, "sweep.toml", text)));
}

std::string firms_grid(const std::string& levels, const std::string& arms) {
  return "[sweep]\nmethod = \"grid\"\n" + arms + "[[parameter]]\nkey = \"population.n_firms\"\nlevels = " + levels +
         "\n";
}

}  // namespace

TEST_CASE("the largest run is the design row with the most firms, in the arm with the most links", "[sweep][size]") {
  testing::ScratchDir dir;
  const SweepPlan plan = plan_of(dir, firms_grid("[300, 5000, 800]", arm("few") + arm("many", "[\"population.supply_links=6\"]")));
  const LargestRun big = largest_run(plan, Shard{});
  CHECK(big.arm == 1);
  CHECK(big.row == 1);
  CHECK(big.param == 0);
  CHECK(big.size.firms == 5000);
  CHECK(big.size.supply_links == 6);
  RunSize size = plan.arms[1].size;
  size.firms = 5000;
  const MemoryNeed need = memory_needed(size);
  CHECK(big.memory == need.total() - need.fixed);

  // A shard only counts its own rows: row 1 belongs to shard 1 of 2.
  const LargestRun in_shard = largest_run(plan, Shard{0, 2});
  CHECK(in_shard.row == 2);
  CHECK(in_shard.size.firms == 800);
}

TEST_CASE("without a swept size, the largest run is an arm's own scenario", "[sweep][size]") {
  testing::ScratchDir dir;
  const SweepPlan plan = plan_of(dir, "[sweep]\nmethod = \"grid\"\n" + arm("small") +
                                          arm("big", "[\"population.n_firms=4000\"]") +
                                          "[[parameter]]\nkey = \"costs.wage_pressure\"\nlevels = [0.0, 1.0]\n");
  const LargestRun big = largest_run(plan, Shard{});
  CHECK(big.arm == 1);
  CHECK(big.row == -1);
  CHECK(big.param == -1);
  CHECK(big.size.firms == 4000);
}

TEST_CASE("a journal record is as big as the record of a finished run", "[sweep][size]") {
  testing::ScratchDir dir;
  const SweepPlan plan = plan_of(dir, firms_grid("[100]", arm("a")));
  const RunRecord record = run_one(plan, 0);
  REQUIRE(record.status == kDone);
  CHECK(journal_record_bytes(plan) == static_cast<double>(encode_record(record, plan.sweep_id).size()));
}

TEST_CASE("every run's configuration is checked, the same whatever the thread count", "[sweep][check]") {
  testing::ScratchDir dir;
  // Levels 0.5 and 2 of a probability: rows 1 and 3 (the second level
  // under each of two sizes) cannot run, in both arms.
  const SweepPlan plan = plan_of(
      dir, "[sweep]\nmethod = \"grid\"\n" + arm("a") + arm("b", "[\"costs.wage_pressure=0.5\"]") +
               "[[parameter]]\nkey = \"population.n_firms\"\nlevels = [100, 200]\n"
               "[[parameter]]\nkey = \"risk.belief_persistence\"\nlevels = [0.5, 2.0]\n");
  const auto check_on = [&](int threads) {
    const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
    return check_runs(plan);
  };
  const RunCheck check = check_on(2);
  CHECK(check.configurations == 8);
  CHECK(check.invalid == 4);
  CHECK_FALSE(check.truncated);
  std::vector<std::string> messages;
  for (const auto& p : check.problems) messages.emplace_back(p.what());
  const std::string at = dir.file("sweep.toml") + ":13: risk.belief_persistence: design row ";
  CHECK(messages == std::vector<std::string>{at + "1: expected a number in [0, 1], got 2",
                                             at + "3: expected a number in [0, 1], got 2"});

  std::vector<std::string> on_one_thread;
  for (const auto& p : check_on(1).problems) on_one_thread.emplace_back(p.what());
  CHECK(on_one_thread == messages);

  const RunCheck one = check_runs(plan, 1);
  CHECK(one.problems.size() == 1);
  CHECK(one.truncated);
}
