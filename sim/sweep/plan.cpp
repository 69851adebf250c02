#include "relocsim/sweep/plan.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <toml++/toml.h>

#include <climits>
#include <set>
#include <filesystem>
#include <system_error>
#include <sstream>

#include "error_list.hpp"
#include "relocsim/config/load.hpp"
#include "relocsim/sweep/check_runs.hpp"
#include "relocsim/sweep/seeds.hpp"
#include "relocsim/sweep/sha256.hpp"
#include "suggest.hpp"
#include "toml_tree.hpp"

namespace relocsim::sweep {
namespace {

using config::ErrorList;

struct LoadedArm {
  toml::table tree;                 // the resolved configuration, parsed
  std::vector<std::string> hashes;  // "data.KEY SHA256" of each data file
  ModelSpec spec;
};

std::optional<LoadedArm> load_arm(const SweepSpec& spec, const Arm& arm, ArmPlan& out, std::vector<InputFile>& inputs,
                                  ErrorList& errors) {
  config::LoadedConfig loaded;
  // A sweep definition read as a scenario gives a screen of unknown keys.
  if (is_sweep_definition(arm.scenario)) {
    errors.add({spec.path, arm.line}, "arm.scenario",
               fmt::format("arm '{}': {} is a sweep definition; expected a scenario (sweeps do not nest)", arm.name,
                           arm.scenario));
    return std::nullopt;
  }
  try {
    // From its archive path, so that the paths the resolved configuration
    // holds (data files) are the same however the sweep was started.
    loaded = config::load(archive_path(arm.scenario), arm.set);
  } catch (const config::ConfigErrors& e) {
    errors.add({spec.path, arm.line}, "arm.scenario",
               fmt::format("arm '{}': scenario {} is not valid; its errors follow", arm.name, arm.scenario));
    for (const auto& err : e.errors()) errors.add({err.file(), err.line()}, err.key(), err.problem());
    return std::nullopt;
  }
  out.name = arm.name;
  out.scenario = archive_path(arm.scenario);
  out.set = arm.set;
  out.resolved_toml = loaded.resolved_toml;
  out.size = run_size(loaded.spec);
  out.line = arm.line;
  LoadedArm arm_tree;
  arm_tree.tree = toml::parse(loaded.resolved_toml);
  for (const auto& in : loaded.inputs) add_input(inputs, in.path, in.contents);
  if (const auto* data = arm_tree.tree.get_as<toml::table>("data")) {
    for (const auto& [key, node] : *data) {
      const auto path = node.value<std::string>();
      for (const auto& in : loaded.inputs) {
        if (path && in.path == *path) arm_tree.hashes.push_back(fmt::format("data.{} {}", key.str(), sha256_hex(in.contents)));
      }
    }
  }
  // Paths depend on where the sweep is started from; the identity takes the
  // data files' contents instead.
  arm_tree.tree.erase("data");
  arm_tree.spec = std::move(loaded.spec);
  return arm_tree;
}

KeyType type_of(const toml::node& node) {
  if (node.is_integer()) return KeyType::Integer;
  if (node.is_floating_point()) return KeyType::Float;
  return KeyType::Other;
}

// Every swept key must exist in every arm, and no arm may set it itself
// (the design's value would silently lose). Returns the keys' types in the
// reference arm.
std::vector<KeyType> check_keys(const std::vector<std::string>& keys, const std::vector<int>& lines,
                                const std::string& file, const SweepSpec& spec, const std::vector<LoadedArm>& arms,
                                int reference, ErrorList& errors) {
  std::vector<KeyType> types(keys.size(), KeyType::Other);
  for (std::size_t j = 0; j < keys.size(); ++j) {
    for (std::size_t a = 0; a < arms.size(); ++a) {
      const Arm& arm = spec.arms[a];
      const toml::node* node = config::find_node(arms[a].tree, keys[j]);
      if (node == nullptr) {
        errors.add({file, lines[j]}, keys[j],
                   fmt::format("not a key of arm '{}' (scenario {}){}", arm.name, arm.scenario,
                               config::did_you_mean(keys[j], config::key_paths(arms[a].tree))));
        continue;
      }
      if (node->is_table()) {
        errors.add({file, lines[j]}, keys[j], "is a table; sweep one of the keys under it");
        continue;
      }
      for (const auto& s : arm.set) {
        // As the loader reads an override: "behaviour. logit_scale = 3" sets behaviour.logit_scale.
        if (fmt::format("{}", fmt::join(config::split_key(s.substr(0, s.find('='))), ".")) == keys[j]) {
          errors.add({file, lines[j]}, keys[j],
                     fmt::format("is swept and also set by arm '{}' (set = \"{}\"); remove one", arm.name, s));
        }
      }
      if (static_cast<int>(a) == reference) types[j] = type_of(*node);
    }
  }
  return types;
}

// Every arm must have what the [[outcome]] tables select. An error that
// every arm shares is reported once, naming the first arm.
void check_defined_outcomes(const SweepSpec& spec, const std::vector<LoadedArm>& arms, ErrorList& errors) {
  if (spec.defined_outcomes.empty()) return;
  std::set<std::string> seen;
  for (std::size_t a = 0; a < arms.size(); ++a) {
    try {
      check_outcome_definitions(spec.defined_outcomes, arms[a].spec);
    } catch (const config::ConfigErrors& e) {
      for (const auto& err : e.errors()) {
        if (!seen.insert(err.key() + "\n" + err.problem()).second) continue;
        errors.add({err.file(), err.line()}, err.key(),
                   fmt::format("{} (arm '{}', scenario {})", err.problem(), spec.arms[a].name, spec.arms[a].scenario));
      }
    }
  }
}

}  // namespace

void add_input(std::vector<InputFile>& inputs, const std::string& typed, const std::string& contents) {
  const std::string path = archive_path(typed);
  for (const auto& in : inputs) {
    if (in.path == path) return;
  }
  inputs.push_back({path, contents, sha256_hex(contents)});
}


std::string archive_path(const std::string& path) {
  if (path.empty()) return path;
  std::error_code ec;
  const auto absolute = std::filesystem::absolute(path, ec);
  return ec ? path : absolute.lexically_normal().string();
}

RunKey SweepPlan::key(long long run) const {
  const auto A = static_cast<long long>(arms.size());
  const long long block = run / A;
  return RunKey{block / spec.replications, static_cast<int>(block % spec.replications), static_cast<int>(run % A)};
}

std::uint64_t SweepPlan::seed(long long run) const {
  const RunKey k = key(run);
  return run_seed(spec.master_seed, static_cast<std::uint64_t>(k.row), static_cast<std::uint64_t>(k.replicate));
}

std::vector<std::string> SweepPlan::overrides(long long run) const {
  const RunKey k = key(run);
  std::vector<std::string> out = arms[static_cast<std::size_t>(k.arm)].set;
  for (auto& o : design.overrides(static_cast<std::size_t>(k.row))) out.push_back(std::move(o));
  out.push_back(fmt::format("run.seed={}", seed(run)));
  return out;
}

SweepPlan make_plan(SweepSpec spec) {
  ErrorList errors;
  SweepPlan plan;
  if (spec.method != Method::Compare) add_input(plan.inputs, spec.path, spec.text);

  std::vector<LoadedArm> loaded;
  for (std::size_t a = 0; a < spec.arms.size(); ++a) {
    ArmPlan arm;
    auto tree = load_arm(spec, spec.arms[a], arm, plan.inputs, errors);
    if (!tree) continue;
    if (spec.arms[a].name == spec.reference) plan.reference = static_cast<int>(a);
    plan.arms.push_back(std::move(arm));
    loaded.push_back(std::move(*tree));
  }
  errors.throw_if_any();

  std::vector<std::string> keys;
  std::vector<int> lines;
  std::string key_file = spec.path;
  if (spec.method == Method::Csv) {
    std::string contents;
    plan.design = read_csv_design(spec.design_csv, spec.path, spec.design_csv_line, &contents);
    add_input(plan.inputs, spec.design_csv, contents);
    keys = plan.design.params;
    lines.assign(keys.size(), 1);
    key_file = spec.design_csv;
  } else {
    for (const auto& p : spec.parameters) {
      keys.push_back(p.key);
      lines.push_back(p.line);
    }
  }
  const auto types = check_keys(keys, lines, key_file, spec, loaded, plan.reference, errors);
  check_defined_outcomes(spec, loaded, errors);
  errors.throw_if_any();
  if (spec.method != Method::Csv) plan.design = make_design(spec, types);

  plan.axes = axes_of(loaded[static_cast<std::size_t>(plan.reference)].spec);
  plan.spec = std::move(spec);
  if (plan.runs() > INT32_MAX || plan.runs() < 1) {
    throw config::ConfigErrors({ConfigError(plan.spec.path, 0, "sweep",
                                            fmt::format("{} design rows x {} replications x {} arms = {} runs; "
                                                        "expected 1 to {}",
                                                        plan.design.rows, plan.spec.replications, plan.arms.size(),
                                                        plan.runs(), INT32_MAX))});
  }
  std::vector<std::vector<std::string>> hashes;
  for (const auto& l : loaded) {
    std::ostringstream config;
    config << l.tree;
    auto h = l.hashes;
    h.push_back(config.str());
    hashes.push_back(std::move(h));
  }
  plan.sweep_id = sweep_identity(plan, hashes);
  return plan;
}

std::string sweep_identity(const SweepPlan& plan, const std::vector<std::vector<std::string>>& arm_inputs) {
  const SweepSpec& s = plan.spec;
  Sha256 h;
  const auto line = [&](const std::string& text) {
    h.update(text);
    h.update("\n");
  };
  line("relocsim sweep definition 1");
  line(fmt::format("method {}", method_name(s.method)));
  line(fmt::format("n {} replications {} master_seed {} second_order {} morris_levels {}", s.n, s.replications,
                   s.master_seed, s.second_order ? 1 : 0, s.morris_levels));
  line("reference " + s.reference);
  line(fmt::format("outputs {}", fmt::join(s.outputs, ",")));
  // Only when there are some, so that a sweep without them keeps the
  // identity it had before [[outcome]] existed (and its journal resumes).
  for (const auto& d : s.defined_outcomes) line(fmt::format("outcome {} {}", d.definition.size(), d.definition));
  for (std::size_t a = 0; a < plan.arms.size(); ++a) {
    line("arm " + plan.arms[a].name);
    for (const auto& o : plan.arms[a].set) line("set " + o);
    for (const auto& i : arm_inputs[a]) line(i);
  }
  const Design& d = plan.design;
  for (std::size_t j = 0; j < d.params.size(); ++j) line("param " + d.params[j] + " " + d.distribution[j]);
  for (std::size_t row = 0; row < d.rows; ++row) {
    std::string r = d.role[row];
    for (std::size_t j = 0; j < d.params.size(); ++j) r += "\t" + d.text[row * d.params.size() + j];
    line(r);
  }
  return h.hex().substr(0, 32);
}

}  // namespace relocsim::sweep
