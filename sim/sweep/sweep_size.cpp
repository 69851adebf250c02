#include "relocsim/sweep/sweep_size.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "relocsim/sweep/journal.hpp"

namespace relocsim::sweep {
namespace {

// A design value that sizes a run, as a count; nullopt when it is not a
// number (the run then fails at its configuration, not for memory).
std::optional<std::uint64_t> count_in(double value) {
  if (!std::isfinite(value) || value < 0) return std::nullopt;
  return static_cast<std::uint64_t>(std::min(std::round(value), 0x1p63));
}

double memory_of(const RunSize& size) {
  const MemoryNeed need = memory_needed(size);
  return need.total() - need.fixed;
}

}  // namespace

LargestRun largest_run(const SweepPlan& plan, const Shard& shard) {
  const Design& d = plan.design;
  const std::size_t P = d.params.size();
  int firms_param = -1, links_param = -1;
  for (std::size_t j = 0; j < P; ++j) {
    if (d.params[j] == "population.n_firms") firms_param = static_cast<int>(j);
    if (d.params[j] == "population.supply_links") links_param = static_cast<int>(j);
  }
  LargestRun best;
  best.memory = -1;
  for (std::size_t a = 0; a < plan.arms.size(); ++a) {
    const RunSize arm_size = plan.arms[a].size;
    const auto consider = [&](const RunSize& size, long long row, int param) {
      const double memory = memory_of(size);
      if (memory > best.memory) best = {size, memory, static_cast<int>(a), row, param};
    };
    consider(arm_size, -1, -1);
    if (firms_param < 0 && links_param < 0) continue;
    for (std::size_t row = 0; row < d.rows; ++row) {
      if (!shard.owns_row(static_cast<long long>(row))) continue;
      RunSize size = arm_size;
      int param = -1;
      if (links_param >= 0) {
        if (const auto n = count_in(d.value[row * P + static_cast<std::size_t>(links_param)])) {
          size.supply_links = *n;
          param = links_param;
        }
      }
      if (firms_param >= 0) {
        if (const auto n = count_in(d.value[row * P + static_cast<std::size_t>(firms_param)])) {
          size.firms = *n;
          param = firms_param;
        }
      }
      consider(size, static_cast<long long>(row), param);
    }
  }
  return best;
}

double journal_record_bytes(const SweepPlan& plan) {
  RunRecord record;
  record.run = 0;
  record.status = kDone;
  for (const auto& o : kOutcomes) record.outcomes.emplace_back(values_per_run(o.shape, plan.axes), 0.0);
  for (const auto& s : kSeries) record.series.emplace_back(values_per_run(s.shape, plan.axes), 0.0);
  record.defined.assign(plan.spec.defined_outcomes.size(), 0.0);
  return static_cast<double>(encode_record(record, plan.sweep_id).size());
}

}  // namespace relocsim::sweep
