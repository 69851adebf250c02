// The archive's static part, from a plan.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "relocsim/sweep/archive.hpp"

namespace relocsim::sweep {

int ArchiveHeader::reference_index() const {
  const auto it = std::find(arm_names.begin(), arm_names.end(), reference_arm);
  return it == arm_names.end() ? 0 : static_cast<int>(it - arm_names.begin());
}

bool ArchiveHeader::keeps(const std::string& output) const {
  return std::find(outputs.begin(), outputs.end(), output) != outputs.end();
}

ArchiveHeader header_of(const SweepPlan& plan, const Shard& shard, output::Provenance provenance) {
  const SweepSpec& s = plan.spec;
  ArchiveHeader h;
  h.sweep_id = plan.sweep_id;
  h.method = std::string(method_name(s.method));
  h.design_n = s.method == Method::Csv ? static_cast<long long>(plan.design.rows) : s.n;
  h.master_seed = s.master_seed;
  h.second_order = s.method == Method::Saltelli && s.second_order ? 1 : 0;
  h.morris_levels = s.method == Method::Morris ? s.morris_levels : 0;
  h.morris_trajectories = s.method == Method::Morris ? static_cast<int>(s.n) : 0;
  h.reference_arm = s.reference;
  h.replications = s.replications;
  h.design = plan.design;
  for (const auto& a : plan.arms) {
    h.arm_names.push_back(a.name);
    h.arm_scenarios.push_back(a.scenario);
    h.arm_overrides.push_back(fmt::format("{}", fmt::join(a.set, "\n")));
    h.arm_configs.push_back(a.resolved_toml);
  }
  h.axes = plan.axes;
  for (long long r = 0; r < plan.runs(); ++r) h.seeds.push_back(plan.seed(r));
  h.outputs = s.outputs;
  for (const auto& d : s.defined_outcomes) h.defined.push_back({d.name, d.long_name, d.units, d.definition});
  h.inputs = plan.inputs;
  h.sweep_path = archive_path(s.path);
  h.sweep_definition = s.text;
  provenance.seed = s.master_seed;
  provenance.config_path = h.sweep_path;
  h.provenance = std::move(provenance);
  h.shard = shard;
  return h;
}

}  // namespace relocsim::sweep
