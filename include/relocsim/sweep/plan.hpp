#pragma once
// Everything a sweep will do, decided before any run starts: the design, the
// arms' resolved scenarios, the axes the runs share, which runs exist and the
// seed and overrides of each, and the sweep's identity.
//
// Runs are numbered design row first, then replicate, then arm:
//   run = (row * replications + replicate) * arms + arm
// so the arms of one row and replicate, which are compared with each other,
// are neighbours, and a shard (a set of rows) is a set of whole blocks.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "relocsim/engine/memory_estimate.hpp"
#include "relocsim/sweep/design.hpp"
#include "relocsim/sweep/outcomes.hpp"
#include "relocsim/sweep/sweep_spec.hpp"

namespace relocsim::sweep {

struct ArmPlan {
  std::string name;
  std::string scenario;
  std::vector<std::string> set;
  std::string resolved_toml;  // the scenario with the arm's own overrides
  RunSize size;               // of that scenario: what a run of the arm needs, before the design's values
  int line = 0;               // of the arm's entry in SWEEP.toml (0 for compare)
};

// A path as the archive stores it: absolute and lexically normal, so that one
// sweep started as `sweep s.toml`, `sweep ./s.toml` or `sweep /abs/s.toml`
// (or from another directory) writes the same archive. Symbolic links are
// kept as named: the path is the user's, not the file system's.
std::string archive_path(const std::string& path);

struct InputFile {
  std::string path, contents, sha256;
};

// Adds a file read (path as typed, contents) to `inputs` under its
// archive_path, once: the provenance of a sweep or a calibration.
void add_input(std::vector<InputFile>& inputs, const std::string& typed, const std::string& contents);

struct RunKey {
  long long row = 0;
  int replicate = 0;
  int arm = 0;
};

struct SweepPlan {
  SweepSpec spec;
  Design design;
  std::vector<ArmPlan> arms;
  int reference = 0;  // index into arms
  Axes axes;
  std::vector<InputFile> inputs;  // SWEEP.toml, the design CSV, every file the arms read; each once
  std::string sweep_id;           // 32 hex digits

  [[nodiscard]] long long runs() const {
    return static_cast<long long>(design.rows) * spec.replications * static_cast<long long>(arms.size());
  }
  [[nodiscard]] RunKey key(long long run) const;
  [[nodiscard]] long long run_index(long long row, int replicate, int arm) const {
    return (row * spec.replications + replicate) * static_cast<long long>(arms.size()) + arm;
  }
  [[nodiscard]] std::uint64_t seed(long long run) const;
  // The arm's overrides, then the design row's, then run.seed.
  [[nodiscard]] std::vector<std::string> overrides(long long run) const;
};

// Loads every arm (their errors are reported against SWEEP.toml's line),
// checks each swept key exists in every arm and that the arms do not set it
// themselves, builds the design and the identity. Throws config::ConfigErrors.
SweepPlan make_plan(SweepSpec spec);

// The sweep's identity: SHA-256 over what determines its results (method and
// its settings, replications, master seed, reference, outputs, each arm's
// name, overrides and resolved configuration with the contents, not the paths,
// of its data files, and every design value), cut to 32 hex digits. Comments
// and paths do not change it; any value does. Shards and resumed runs refuse
// to mix results with a different identity.
std::string sweep_identity(const SweepPlan& plan, const std::vector<std::vector<std::string>>& arm_input_hashes);

}  // namespace relocsim::sweep
