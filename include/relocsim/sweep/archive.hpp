#pragma once
// The sweep archive: one HDF5 file laid out as netCDF-4 like a run file
// (docs/SWEEP.md lists every name). It is written in one pass over the runs,
// each run's rows read from a RunSource (the journal, or the shards being
// merged) and written at once, so memory does not grow with the number of
// runs. The file appears under its name only when whole (temporary + rename).
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "relocsim/output/provenance.hpp"
#include "relocsim/sweep/compare.hpp"
#include "relocsim/sweep/plan.hpp"
#include "relocsim/sweep/shard.hpp"

namespace relocsim::sweep {

// A defined outcome ([[outcome]]) as the archive describes it.
struct DefinedOutput {
  std::string name, long_name, units;
  std::string definition;  // its [[outcome]] table as TOML text
};

// Everything in the archive that is not a run's result.
struct ArchiveHeader {
  std::string sweep_id;
  std::string method;  // "grid", "lhs", "saltelli", "morris", "csv", "compare"
  long long design_n = 0;
  std::uint64_t master_seed = 0;
  int second_order = 0, morris_levels = 0, morris_trajectories = 0;
  std::string reference_arm;
  int replications = 1;
  Design design;
  std::vector<std::string> arm_names, arm_scenarios, arm_overrides, arm_configs;
  Axes axes;
  std::vector<std::uint64_t> seeds;  // [run]
  std::vector<std::string> outputs;  // the outcomes and series kept
  std::vector<DefinedOutput> defined;  // RunRecord::defined follows it
  std::vector<InputFile> inputs;
  std::string sweep_path, sweep_definition;
  output::Provenance provenance;
  Shard shard;

  [[nodiscard]] long long runs() const {
    return static_cast<long long>(design.rows) * replications * static_cast<long long>(arm_names.size());
  }
  [[nodiscard]] int reference_index() const;
  [[nodiscard]] bool keeps(const std::string& output) const;
};

ArchiveHeader header_of(const SweepPlan& plan, const Shard& shard, output::Provenance provenance);

class RunSource {
 public:
  virtual ~RunSource() = default;
  // The run's record; status kNotRun when it was not run (another shard's).
  virtual RunRecord get(long long run) = 0;
};

struct ArchiveSummary {
  long long done = 0, failed = 0, not_run = 0;
  std::vector<std::string> failures;  // the first few, "run N (design row, replicate, arm): error"
  std::vector<CompareRow> compare;    // method "compare" only
};

// Throws OutputError (naming the file) when it cannot be written.
ArchiveSummary write_archive(const std::string& path, const ArchiveHeader& header, RunSource& source, bool overwrite,
                             int compression_level = 4);

// What a file says about itself, enough to decide whether it is a finished
// archive of a given sweep. Throws OutputError when it is no HDF5 file.
struct ArchiveInfo {
  bool sweep = false;     // relocsim_sweep = 1
  bool complete = false;  // relocsim_complete = 1
  std::string sweep_id;
  Shard shard;
  std::string program_version, git_commit;
};
ArchiveInfo read_archive_info(const std::string& path);

// Reads an archive back: its header, and its runs one at a time.
class ArchiveReader : public RunSource {
 public:
  explicit ArchiveReader(const std::string& path);
  ~ArchiveReader() override;
  ArchiveReader(const ArchiveReader&) = delete;
  ArchiveReader& operator=(const ArchiveReader&) = delete;
  [[nodiscard]] const ArchiveHeader& header() const;
  RunRecord get(long long run) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace relocsim::sweep
