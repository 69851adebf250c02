#include "sweep_resources.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/core.h>

#include "relocsim/config/load.hpp"
#include "relocsim/engine/error.hpp"
#include "relocsim/sweep/sweep_size.hpp"
#include "resources.hpp"

namespace relocsim::cli {
namespace {

struct SweepMemory {
  sweep::LargestRun largest;
  double fixed = 0;     // once per process
  long long at_once = 0;  // runs in memory together: one per thread at most
  [[nodiscard]] double total() const { return fixed + static_cast<double>(at_once) * largest.memory; }
};

SweepMemory sweep_memory(const sweep::SweepPlan& plan, const sweep::Shard& shard, int threads, long long runs) {
  SweepMemory m;
  m.largest = sweep::largest_run(plan, shard);
  m.fixed = memory_needed(m.largest.size).fixed;
  m.at_once = std::max(1LL, std::min(static_cast<long long>(threads), runs));
  return m;
}

std::string run_text(const RunSize& size) {
  return fmt::format("a run of {} firms with {} supply links each", size.firms, size.supply_links);
}

}  // namespace

void check_sweep_memory(const sweep::SweepPlan& plan, const sweep::Shard& shard, int threads, long long runs) {
  const auto available = memory_available();
  if (!available || runs <= 0) return;
  const SweepMemory m = sweep_memory(plan, shard, threads, runs);
  const std::string has = fmt::format("this machine has {} available", format_bytes(*available));
  const sweep::LargestRun& big = m.largest;
  if (m.fixed + big.memory > *available) {
    const std::string needs = fmt::format("{} needs about {} of memory; {}", run_text(big.size),
                                          format_bytes(m.fixed + big.memory), has);
    if (big.param >= 0) {
      const auto j = static_cast<std::size_t>(big.param);
      const std::string& key = plan.design.params[j];
      const std::string problem = fmt::format("design row {} sets {} = {}: {}", big.row, key,
                                              plan.design.text[static_cast<std::size_t>(big.row) * plan.design.params.size() + j],
                                              needs);
      if (!plan.design.csv_line.empty()) {
        throw config::ConfigErrors(
            {ConfigError(plan.spec.design_csv, plan.design.csv_line[static_cast<std::size_t>(big.row)], key, problem)});
      }
      throw config::ConfigErrors({ConfigError(plan.spec.path, plan.spec.parameters[j].line, key, problem)});
    }
    const auto& arm = plan.arms[static_cast<std::size_t>(big.arm)];
    throw config::ConfigErrors(
        {ConfigError(plan.spec.path, arm.line, "arm.scenario", fmt::format("arm '{}': {}", arm.name, needs))});
  }
  if (m.total() <= *available) return;
  const auto fits = static_cast<long long>(std::floor((*available - m.fixed) / big.memory));
  throw ConfigError("--threads", 0, "",
                    fmt::format("{} runs at once (one per thread) need about {} of memory, up to {} each; {}; "
                                "--threads {} fits",
                                m.at_once, format_bytes(m.total()), format_bytes(big.memory), has, fits));
}

void check_sweep_disk(const sweep::SweepPlan& plan, long long runs, const std::string& output) {
  std::string dir;
  const auto free = free_space_for(output, &dir);
  if (!free || runs <= 0) return;
  const double record = sweep::journal_record_bytes(plan);
  const double need = record * static_cast<double>(runs);
  if (need <= *free) return;
  throw OutputError(fmt::format("cannot write {}: the journal of the {} runs to do needs at least {} ({} a run), "
                                "and the archive more; '{}' has {} free",
                                output, runs, format_bytes(need), format_bytes(record), dir, format_bytes(*free)));
}

std::string describe_sweep_memory(const sweep::SweepPlan& plan, const sweep::Shard& shard, int threads,
                                  long long runs) {
  const SweepMemory m = sweep_memory(plan, shard, threads, runs);
  const auto available = memory_available();
  return fmt::format("the largest run ({}) needs about {} of memory, {} at once (--threads {}) about {}; {}",
                     run_text(m.largest.size), format_bytes(m.fixed + m.largest.memory), m.at_once, threads,
                     format_bytes(m.total()),
                     available ? fmt::format("{} available", format_bytes(*available)) : "available memory unknown");
}

}  // namespace relocsim::cli
