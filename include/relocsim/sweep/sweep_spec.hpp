#pragma once
// A sweep as the user wrote it in SWEEP.toml (docs/SWEEP.md): the policy arms,
// the parameters and how to sample them, replications and the master seed.
// Loading checks the file's own schema and values, every error located as
// file:line: key: problem; what needs the scenarios (do the keys exist, what
// type are they) is checked when the plan is made (plan.hpp).
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "relocsim/sweep/defined_outcomes.hpp"

namespace relocsim::sweep {

enum class Method { Grid, Lhs, Saltelli, Morris, Csv, Compare };
std::string_view method_name(Method m);  // "grid", "lhs", ... as in the archive

// How a parameter's unit-cube coordinate u in [0, 1] becomes a value.
struct Distribution {
  enum class Kind { Uniform, LogUniform, Normal };
  Kind kind = Kind::Uniform;
  double lower = std::numeric_limits<double>::quiet_NaN();  // uniform bounds, or normal truncation (NaN: none)
  double upper = std::numeric_limits<double>::quiet_NaN();
  double mean = 0, sd = 0;  // normal only

  // The value at u by the inverse CDF (u is clamped into (0, 1) for an
  // unbounded normal, whose quantiles at 0 and 1 are infinite).
  [[nodiscard]] double value(double u) const;
  [[nodiscard]] bool bounded() const;
  [[nodiscard]] std::string describe() const;  // e.g. "uniform(2, 8)", "normal(0.6, 0.1) on [0.3, 0.9]"
};

struct Parameter {
  std::string key;  // a configuration key, e.g. behaviour.logit_scale
  int line = 0;     // of its [[parameter]] entry in SWEEP.toml
  // Either levels (each a TOML value as text, in order) or a distribution.
  std::vector<std::string> levels;
  std::optional<Distribution> distribution;
};

struct Arm {
  std::string name;
  std::string scenario;          // path, resolved against SWEEP.toml's directory
  std::vector<std::string> set;  // "key=value" overrides of this arm, applied before the design's
  int line = 0;
};

struct SweepSpec {
  std::string path;  // SWEEP.toml as given; for `compare`, "compare"
  std::string text;  // its contents (for `compare`, the equivalent definition)
  Method method = Method::Grid;
  long long n = 0;   // lhs: points; saltelli: base samples; morris: trajectories; grid: points per range
  int replications = 1;
  std::uint64_t master_seed = 1;
  bool second_order = false;  // saltelli
  int morris_levels = 4;      // morris: p, even
  std::string design_csv;     // csv: the design file, resolved
  int design_csv_line = 0;
  std::vector<Arm> arms;
  std::string reference;       // an arm's name
  std::vector<Parameter> parameters;
  std::vector<std::string> outputs;  // names of the outcomes and series kept; all by default
  int outputs_line = 0;
  std::vector<OutcomeDefinition> defined_outcomes;  // [[outcome]], in the file's order
};

// Reads and checks SWEEP.toml; throws config::ConfigErrors listing every problem.
SweepSpec load_sweep_spec(const std::string& path);

// `relocsim compare A B`: arms "A" and "B" (reference A), one design row.
SweepSpec compare_spec(const std::string& scenario_a, const std::string& scenario_b, int replications,
                       std::uint64_t master_seed);

}  // namespace relocsim::sweep
