#pragma once
// The batch commands: `sweep`, `compare` and `merge` (docs/SWEEP.md). Each
// returns the exit status and throws relocsim::Error for main() to report,
// except an interruption, which they report themselves (the journal stays).
#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "relocsim/output/provenance.hpp"

namespace relocsim::cli {

struct SweepCommandOptions {
  std::string definition;  // SWEEP.toml
  std::string output;      // results/<definition's stem>.h5 unless output_named
  bool output_named = false;  // -o given: then it must name a file
  std::string shard;       // "k/N"; empty: SLURM_ARRAY_TASK_ID/COUNT, else the whole sweep
  int threads = 0;
  bool resume = false, force = false, quiet = false, dry_run = false;
  std::string command_line;
};

struct CompareOptions {
  std::string a, b;
  int replications = 0;
  std::uint64_t seed = 1;
  std::string output;  // no file, the table only, unless output_named
  bool output_named = false;
  int threads = 0;
  bool resume = false, force = false, quiet = false;
  std::string command_line;
};

struct MergeOptions {
  std::string output;
  std::vector<std::string> shards;
  bool force = false, quiet = false;
  std::string command_line;
};

// The threads a batch command runs on (0: every core), and the provenance it
// records, started now.
int thread_count(int requested);
output::Provenance provenance_for(const std::string& command_line, int threads);

int sweep_command(const SweepCommandOptions& options);
int compare_command(const CompareOptions& options);
int merge_command(const MergeOptions& options);

// The three subcommands on the program's command line, and running whichever
// was chosen: -1 when none was.
struct SweepCli {
  SweepCommandOptions sweep;
  CompareOptions compare;
  MergeOptions merge;
  CLI::App* sweep_cmd = nullptr;
  CLI::App* compare_cmd = nullptr;
  CLI::App* merge_cmd = nullptr;
  CLI::Option* sweep_output = nullptr;
  CLI::Option* compare_output = nullptr;
};
void add_sweep_commands(CLI::App& app, SweepCli& cli, const std::string& command_line);
int run_sweep_commands(SweepCli& cli);

}  // namespace relocsim::cli
