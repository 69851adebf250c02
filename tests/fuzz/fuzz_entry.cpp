#include "fuzz_entry.hpp"

#include <tbb/global_control.h>
#include <toml++/toml.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "relocsim/config/load.hpp"
#include "relocsim/engine/error.hpp"
#include "relocsim/engine/memory_estimate.hpp"
#include "relocsim/engine/simulation.hpp"
#include "relocsim/engine/transport_network.hpp"
#include "relocsim/sweep/design.hpp"
#include "relocsim/sweep/plan.hpp"
#include "relocsim/sweep/sweep_spec.hpp"

namespace relocsim::fuzz {
namespace fs = std::filesystem;
namespace {

// The scratch directory once made, so that a failure can remove it: abort()
// runs no destructors.
fs::path g_scratch_root;

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "relocsim fuzz: %s\n", what.c_str());
  std::fflush(stderr);
  std::error_code ec;
  if (!g_scratch_root.empty()) fs::remove_all(g_scratch_root, ec);
  std::abort();
}

// The scratch directory, made once per process and removed at exit.
struct Scratch {
  fs::path root, tiny, scenario;
  fs::path sweep_toml, design_csv;  // sweep/SWEEP.toml and sweep/design.csv, beside a copy of tiny
  std::vector<std::string> data_keys;  // tiny.toml's [data] keys, sorted

  Scratch() {
    std::string pattern = (fs::temp_directory_path() / "relocsim-fuzz-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) fail("cannot make a scratch directory");
    root = pattern;
    g_scratch_root = root;
    tiny = root / "tiny";
    const fs::path data(RELOCSIM_TEST_DATA);
    const auto copy_files = [](const fs::path& from, const fs::path& to) {
      fs::create_directories(to);
      for (const auto& entry : fs::directory_iterator(from)) {
        if (entry.is_regular_file()) fs::copy_file(entry.path(), to / entry.path().filename());
      }
    };
    copy_files(data / "tiny", tiny);
    // The case directory holds tiny's tables (for tiny.toml as a seed) and
    // the broken corpus (whose files name ../tiny/tiny.toml and their own CSVs).
    copy_files(data / "tiny", root / "case");
    fs::remove(root / "case" / "tiny.toml");
    copy_files(data / "broken", root / "case");
    scenario = root / "case" / "scenario.toml";
    // The sweep directory: the tiny scenario and its variant, so that a
    // definition names them as "tiny.toml" and "variants/high_pli.toml".
    copy_files(data / "tiny", root / "sweep");
    copy_files(data / "tiny" / "variants", root / "sweep" / "variants");
    sweep_toml = root / "sweep" / "SWEEP.toml";
    design_csv = root / "sweep" / "design.csv";
    const auto tiny_toml = toml::parse_file((tiny / "tiny.toml").string());
    if (const auto* keys = tiny_toml["data"].as_table()) {
      for (auto&& [key, value] : *keys) data_keys.emplace_back(key.str());
    }
    std::sort(data_keys.begin(), data_keys.end());
    if (data_keys.empty()) fail("tiny.toml names no data tables");
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
};

Scratch& scratch() {
  static Scratch s;
  return s;
}

void write(const fs::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!out) fail("cannot write " + path.string());
}

// Loads, and checks what a load must and must not do.
void check_load(const std::string& path, const std::vector<std::string>& overrides) {
  config::LoadedConfig loaded;
  try {
    loaded = config::load(path, overrides);
  } catch (const config::ConfigErrors& e) {
    if (e.errors().empty()) fail("ConfigErrors without an error");
    for (const auto& error : e.errors()) {
      // check_spec's message, as load() passes it on: a problem the loader
      // let through without a line or key. (User text may quote the words.)
      if (error.line() == 0 && error.key().empty() && error.problem().rfind("invalid model description: ", 0) == 0) {
        fail("left to check_spec: " + std::string(error.what()));
      }
    }
    return;
  } catch (const std::exception& e) {
    fail(std::string("load threw something other than ConfigErrors: ") + e.what());
  }
  // Accepted: the engine's network must take it too (validate builds it;
  // a refusal there has no line to point at), and the estimate be a number.
  try {
    TransportNetwork network(loaded.spec);
  } catch (const std::exception& e) {
    fail(std::string("the loader accepted what TransportNetwork refuses: ") + e.what());
  }
  const double need = memory_needed(run_size(loaded.spec)).total();
  if (!(need > 0) || need != need) fail("memory estimate not a positive number");
  // And the engine must be able to compute with it: a few steps of a small
  // population (sizes are the resource check's business), with the engine's
  // invariant checks on in the fuzz build. An error here is a value the
  // loader accepts that the engine cannot handle.
  ModelSpec small = loaded.spec;
  small.population.n_firms = std::min(small.population.n_firms, 64);
  small.population.supply_links = std::min(small.population.supply_links, 4);
  small.run.steps = std::min(small.run.steps, 8);
  try {
    tbb::global_control one_thread(tbb::global_control::max_allowed_parallelism, 1);
    Simulation simulation(small);
    for (int s = 0; s < small.run.steps; ++s) simulation.step();
  } catch (const std::exception& e) {
    fail(std::string("the engine cannot run what the loader accepted: ") + e.what());
  }
  // The resolved configuration, as an output file keeps it, loads again.
  const fs::path resolved = fs::path(path).parent_path() / "resolved.toml";
  write(resolved, loaded.resolved_toml);
  try {
    (void)config::load(resolved.string());
  } catch (const config::ConfigErrors& e) {
    fail("the resolved configuration does not load again:\n" + std::string(e.what()) + "\n--- resolved:\n" +
         loaded.resolved_toml);
  }
  fs::remove(resolved);
}

// --- The sweep definition loader ---

// What a definition accepted by the loader may ask for (see fuzz_entry.hpp).
constexpr long long kMaxDesignRows = 1'000'000;
constexpr long long kMaxDesignValues = 10'000'000;

// The design rows a definition asks for, saturating at LLONG_MAX; -1 for a
// csv design, whose rows are the file's.
long long expected_rows(const sweep::SweepSpec& spec) {
  const auto mul = [](long long a, long long b) -> long long {
    if (a <= 0 || b <= 0) return 0;
    return a > LLONG_MAX / b ? LLONG_MAX : a * b;
  };
  const auto d = static_cast<long long>(spec.parameters.size());
  switch (spec.method) {
    case sweep::Method::Grid: {
      long long rows = 1;
      for (const auto& p : spec.parameters) {
        rows = mul(rows, p.levels.empty() ? spec.n : static_cast<long long>(p.levels.size()));
      }
      return rows;
    }
    case sweep::Method::Lhs: return spec.n;
    case sweep::Method::Saltelli: return mul(spec.n, spec.second_order ? 2 * d + 2 : d + 2);
    case sweep::Method::Morris: return mul(spec.n, d + 1);
    case sweep::Method::Compare: return 1;
    case sweep::Method::Csv: return -1;
  }
  return -1;
}

void check_sweep_errors(const config::ConfigErrors& e, const char* what) {
  if (e.errors().empty()) fail(std::string(what) + ": ConfigErrors without an error");
  for (const auto& error : e.errors()) {
    if (error.file().empty() || error.problem().empty()) {
      fail(std::string(what) + ": an error without a file or a problem: " + error.what());
    }
  }
}

// A TOML value as the runs are given it, parsed; nullopt unless it is one value.
std::optional<toml::table> parse_value(const std::string& text) {
  try {
    toml::table t = toml::parse("v = " + text);
    if (t.size() != 1 || t.get("v") == nullptr) return std::nullopt;
    return t;
  } catch (const toml::parse_error&) {
    return std::nullopt;
  }
}

std::optional<double> numeric(const toml::node& node) {
  if (node.is_boolean()) return node.as_boolean()->get() ? 1.0 : 0.0;
  if (node.is_number()) return node.value<double>();
  return std::nullopt;
}

// A swept key as a run reads it: dotted parts, none empty, none with blanks
// around it (the run would trim them, so " run.seed" is run.seed) or an '='.
bool plain_key(const std::string& key) {
  std::size_t start = 0;
  for (;;) {
    const auto dot = key.find('.', start);
    const std::string part = key.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (part.empty() || part.find('=') != std::string::npos || part.front() == ' ' || part.front() == '\t' ||
        part.back() == ' ' || part.back() == '\t') {
      return false;
    }
    if (dot == std::string::npos) return true;
    start = dot + 1;
  }
}

void check_keys(const std::vector<std::string>& keys) {
  for (std::size_t j = 0; j < keys.size(); ++j) {
    if (!plain_key(keys[j])) fail("the loader accepted the swept key '" + keys[j] + "'");
    if (keys[j] == "run.seed") fail("the loader accepted run.seed as a swept key");
    for (std::size_t i = 0; i < j; ++i) {
      if (keys[i] == keys[j]) fail("the loader accepted " + keys[j] + " swept twice");
    }
  }
}

// What the loader must have checked of the definition.
void check_spec(const sweep::SweepSpec& spec) {
  // [sweep]'s whole numbers are what the file says (none narrowed).
  try {
    const toml::table root = toml::parse(spec.text, spec.path);
    const auto given = [&](const char* key) -> std::optional<std::int64_t> {
      const auto* n = root["sweep"][key].as_integer();
      return n != nullptr ? std::optional<std::int64_t>(n->get()) : std::nullopt;
    };
    if (const auto n = given("n"); n && *n != spec.n) fail("sweep.n is " + std::to_string(spec.n));
    if (const auto r = given("replications"); r && *r != spec.replications) {
      fail("sweep.replications " + std::to_string(*r) + " became " + std::to_string(spec.replications));
    }
    if (const auto m = given("master_seed"); m && static_cast<std::uint64_t>(*m) != spec.master_seed) {
      fail("sweep.master_seed " + std::to_string(*m) + " became " + std::to_string(spec.master_seed));
    }
    if (const auto p = given("levels"); p && *p != spec.morris_levels) {
      fail("sweep.levels " + std::to_string(*p) + " became " + std::to_string(spec.morris_levels));
    }
  } catch (const toml::parse_error& e) {
    fail(std::string("the loader accepted what toml++ cannot parse: ") + e.what());
  }
  std::vector<std::string> keys;
  for (const auto& p : spec.parameters) keys.push_back(p.key);
  check_keys(keys);
  if (spec.arms.empty()) fail("the loader accepted a sweep without arms");
  if (std::none_of(spec.arms.begin(), spec.arms.end(), [&](const sweep::Arm& a) { return a.name == spec.reference; })) {
    fail("the loader accepted a reference that is no arm: " + spec.reference);
  }
  if (spec.replications < 1 || spec.replications > 1'000'000) {
    fail("the loader accepted replications = " + std::to_string(spec.replications));
  }
  if (spec.morris_levels < 2 || spec.morris_levels % 2 != 0 || spec.morris_levels > 1000) {
    fail("the loader accepted morris levels = " + std::to_string(spec.morris_levels));
  }
  if (spec.method != sweep::Method::Csv && spec.parameters.empty()) fail("the loader accepted a design without parameters");
  for (const auto& p : spec.parameters) {
    if (p.key.empty()) fail("the loader accepted a parameter without a key");
    if (p.levels.empty() == !p.distribution.has_value()) fail("parameter " + p.key + ": not either levels or a range");
    if (!p.distribution) continue;
    const sweep::Distribution& d = *p.distribution;
    const bool lower_ok = std::isnan(d.lower) || std::isfinite(d.lower);
    const bool upper_ok = std::isnan(d.upper) || std::isfinite(d.upper);
    if (!lower_ok || !upper_ok || (d.bounded() && !(d.lower < d.upper))) fail("parameter " + p.key + ": a bad range");
    if (d.kind == sweep::Distribution::Kind::Normal) {
      if (!std::isfinite(d.mean) || !std::isfinite(d.sd) || !(d.sd > 0)) fail("parameter " + p.key + ": a bad normal");
    } else if (!d.bounded() || (d.kind == sweep::Distribution::Kind::LogUniform && !(d.lower > 0))) {
      fail("parameter " + p.key + ": a bad " + d.describe());
    }
  }
  if (spec.method != sweep::Method::Csv) {
    const long long rows = expected_rows(spec);
    const auto d = static_cast<long long>(spec.parameters.size());
    if (rows < 1 || rows > kMaxDesignRows || rows > kMaxDesignValues / d) {
      fail("the loader accepted a design of " + std::to_string(rows) + " rows x " + std::to_string(d) + " parameters");
    }
  }
}

// What a plan must hold to.
void check_plan(const sweep::SweepPlan& plan) {
  const sweep::SweepSpec& spec = plan.spec;
  const sweep::Design& d = plan.design;
  const long long runs = plan.runs();
  if (runs < 1 || runs > INT32_MAX) fail("a plan of " + std::to_string(runs) + " runs");
  if (plan.arms.size() != spec.arms.size()) fail("the plan lost arms");
  for (std::size_t a = 0; a < plan.arms.size(); ++a) {
    if (plan.arms[a].name != spec.arms[a].name) fail("the plan's arms are not the definition's");
  }
  if (plan.reference < 0 || static_cast<std::size_t>(plan.reference) >= plan.arms.size() ||
      plan.arms[static_cast<std::size_t>(plan.reference)].name != spec.reference) {
    fail("the plan's reference is not the definition's");
  }
  if (plan.sweep_id.size() != 32 ||
      plan.sweep_id.find_first_not_of("0123456789abcdef") != std::string::npos) {
    fail("sweep_id " + plan.sweep_id);
  }
  if (plan.inputs.empty() || plan.inputs.front().path != spec.path) fail("the plan's inputs do not start with SWEEP.toml");

  // The design's shape.
  const std::size_t P = d.params.size();
  const std::size_t cells = d.rows * P;
  if (d.rows < 1 || P < 1 || d.unit.size() != cells || d.value.size() != cells || d.text.size() != cells ||
      d.lower.size() != P || d.upper.size() != P || d.distribution.size() != P || d.role.size() != d.rows ||
      d.group.size() != d.rows) {
    fail("a design of the wrong shape");
  }
  const bool csv = spec.method == sweep::Method::Csv;
  check_keys(d.params);
  if (!csv) {
    if (static_cast<long long>(d.rows) != expected_rows(spec)) fail("a design of an unexpected number of rows");
    if (P != spec.parameters.size()) fail("a design of an unexpected number of parameters");
    for (std::size_t j = 0; j < P; ++j) {
      if (d.params[j] != spec.parameters[j].key) fail("the design's parameters are not the definition's");
    }
  }
  if (d.rows > static_cast<std::size_t>(kMaxDesignRows) || cells > static_cast<std::size_t>(kMaxDesignValues)) {
    fail("a design of " + std::to_string(d.rows) + " rows x " + std::to_string(P) + " columns");
  }

  // Every cell: its unit coordinate and its value.
  for (std::size_t j = 0; j < P; ++j) {
    const sweep::Parameter* p = csv ? nullptr : &spec.parameters[j];
    bool column_finite = true;
    for (std::size_t row = 0; row < d.rows; ++row) column_finite = column_finite && std::isfinite(d.value[row * P + j]);
    for (std::size_t row = 0; row < d.rows; ++row) {
      const double u = d.unit[row * P + j];
      const double v = d.value[row * P + j];
      const std::string where = "design row " + std::to_string(row) + ", " + d.params[j] + ": ";
      if (std::isnan(u) ? !csv || column_finite : !(u >= 0 && u <= 1)) {
        fail(where + "unit coordinate " + std::to_string(u) + " (value " + d.text[row * P + j] + ")");
      }
      if (p != nullptr && p->distribution) {
        if (!std::isfinite(v)) fail(where + "value " + d.text[row * P + j] + " of " + p->distribution->describe());
        const double lo = d.lower[j], hi = d.upper[j];
        // An integer key is given the value rounded.
        const bool integral = v == std::round(v);
        const double lo_ok = integral ? std::round(lo) : lo, hi_ok = integral ? std::round(hi) : hi;
        if ((!std::isnan(lo) && v < lo_ok) || (!std::isnan(hi) && v > hi_ok)) {
          fail(where + "value " + d.text[row * P + j] + " outside " + p->distribution->describe());
        }
      } else if (p != nullptr) {
        if (std::find(p->levels.begin(), p->levels.end(), d.text[row * P + j]) == p->levels.end()) {
          fail(where + d.text[row * P + j] + " is not one of the levels");
        }
      }
    }
  }
  // The text of a sample of rows: one TOML value each, whose number is the
  // design's value (NaN where the design has none: a level that is not a
  // number is identified by its index).
  const std::size_t sampled = std::min<std::size_t>(d.rows, 64);
  for (std::size_t i = 0; i < sampled; ++i) {
    const std::size_t row = sampled == d.rows ? i : i * (d.rows - 1) / (sampled - 1);
    for (std::size_t j = 0; j < P; ++j) {
      const std::string& text = d.text[row * P + j];
      const auto parsed = parse_value(text);
      const std::string where = "design row " + std::to_string(row) + ", " + d.params[j] + ": ";
      if (!parsed) fail(where + "'" + text + "' is not a TOML value");
      const auto number = numeric(*parsed->get("v"));
      const double v = d.value[row * P + j];
      const bool level = !csv && !spec.parameters[j].levels.empty();
      if (number && !(std::isnan(*number) && std::isnan(v)) && *number != v &&
          !(level && v == std::floor(v))) {  // a level's index where the levels are not all numbers
        fail(where + "text " + text + " but value " + std::to_string(v));
      }
      if (!number && !std::isnan(v) && !level) fail(where + "text " + text + " has a value " + std::to_string(v));
    }
  }

  // A few runs: their keys, seeds and overrides. The scenario may refuse a
  // value (a failed run), but every override must be a known key and a value.
  std::vector<long long> sample{0, runs / 2, runs - 1};
  sample.erase(std::unique(sample.begin(), sample.end()), sample.end());
  for (const long long run : sample) {
    const sweep::RunKey k = plan.key(run);
    if (k.row < 0 || k.row >= static_cast<long long>(d.rows) || k.replicate < 0 || k.replicate >= spec.replications ||
        k.arm < 0 || static_cast<std::size_t>(k.arm) >= plan.arms.size() ||
        plan.run_index(k.row, k.replicate, k.arm) != run) {
      fail("run " + std::to_string(run) + " does not number back");
    }
    if (plan.seed(run) > static_cast<std::uint64_t>(INT64_MAX)) fail("a seed over INT64_MAX");
    const auto overrides = plan.overrides(run);
    if (overrides.empty() || overrides.back().rfind("run.seed=", 0) != 0) fail("overrides that do not end with the seed");
    try {
      (void)config::load(plan.arms[static_cast<std::size_t>(k.arm)].scenario, overrides);
    } catch (const config::ConfigErrors& e) {
      for (const auto& error : e.errors()) {
        const std::string& problem = error.problem();
        if (error.file() == "--set" &&
            (problem.rfind("unknown key", 0) == 0 || problem.rfind("expected a TOML value", 0) == 0 ||
             problem.rfind("expected a dotted key", 0) == 0 || problem.rfind("expected dotted.key=value", 0) == 0)) {
          fail("run " + std::to_string(run) + ": an override the scenario cannot take: " + error.what());
        }
      }
    } catch (const std::exception& e) {
      fail("run " + std::to_string(run) + ": loading its configuration threw something other than ConfigErrors: " +
           e.what());
    }
  }
}

void check_sweep(const std::string& path) {
  sweep::SweepSpec spec;
  try {
    spec = sweep::load_sweep_spec(path);
  } catch (const config::ConfigErrors& e) {
    check_sweep_errors(e, "load_sweep_spec");
    return;
  } catch (const std::exception& e) {
    fail(std::string("load_sweep_spec threw something other than ConfigErrors: ") + e.what());
  }
  check_spec(spec);
  // Bounded (check_spec), but too slow to plan for every input.
  const long long rows = expected_rows(spec);
  if (rows > kPlannedRows || rows * static_cast<long long>(spec.parameters.size()) > kPlannedValues) return;
  sweep::SweepPlan plan;
  try {
    plan = sweep::make_plan(spec);
  } catch (const config::ConfigErrors& e) {
    check_sweep_errors(e, "make_plan");
    return;
  } catch (const std::exception& e) {
    fail(std::string("make_plan threw something other than ConfigErrors: ") + e.what());
  }
  check_plan(plan);
}

}  // namespace

void load_toml(const std::uint8_t* data, std::size_t size) {
  Scratch& s = scratch();
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto nul = input.find('\0');
  write(s.scenario, input.substr(0, nul));
  std::vector<std::string> overrides;
  if (nul != std::string_view::npos) {
    std::string_view rest = input.substr(nul + 1);
    while (!rest.empty()) {
      const auto end = rest.find('\n');
      overrides.emplace_back(rest.substr(0, end));
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    }
  }
  check_load(s.scenario.string(), overrides);
}

void load_csv(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return;
  Scratch& s = scratch();
  const std::string& key = s.data_keys[data[0] % s.data_keys.size()];
  const fs::path table = s.root / "fuzz.csv";
  write(table, std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
  // An absolute path on the command line: the scratch directory's name has
  // no character that needs escaping in a TOML string.
  check_load((s.tiny / "tiny.toml").string(), {"data." + key + "=\"" + table.string() + "\""});
}

void load_sweep(const std::uint8_t* data, std::size_t size) {
  Scratch& s = scratch();
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto nul = input.find('\0');
  write(s.sweep_toml, input.substr(0, nul));
  // Each input alone decides whether there is a design file.
  if (nul != std::string_view::npos) {
    write(s.design_csv, input.substr(nul + 1));
  } else {
    std::error_code ec;
    fs::remove(s.design_csv, ec);
  }
  check_sweep(s.sweep_toml.string());
}

}  // namespace relocsim::fuzz
