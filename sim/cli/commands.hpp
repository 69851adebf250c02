#pragma once
// The program's commands. Each returns the process exit status and throws
// relocsim::Error (or a subclass) for the caller to report.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace relocsim::cli {

enum ExitCode : int { kOk = 0, kFailed = 1, kBadInput = 2, kInterrupted = 130 };

struct RunOptions {
  std::string config;   // empty: the baseline scenario
  std::string output;   // results/<scenario>.h5 unless output_named
  bool output_named = false;  // -o given: then it must name a file (-o '' is refused, not the default)
  std::optional<std::uint64_t> seed;
  int threads = 0;      // 0: every core
  std::vector<std::string> overrides;
  bool force = false;
  bool quiet = false;
  bool pli_counterfactual = false;  // pair the run with one without PLI on the same seed
  std::string command_line;
};

int run_command(const RunOptions& options);

struct ValidateOptions {
  std::string config;  // a scenario, or a sweep definition (a TOML file with a [sweep] table)
  std::vector<std::string> overrides;
  int threads = 0;     // sweeps: the threads the memory check assumes, and that check the runs; 0: every core
};

int validate_command(const ValidateOptions& options);

struct DescribeOptions {
  std::string config;  // empty: the baseline scenario
  std::string format = "markdown";  // or "csv"
  std::vector<std::string> overrides;
};

int describe_command(const DescribeOptions& options);

// configs/baseline.toml under the working directory, else the source tree's.
std::string default_config();

}  // namespace relocsim::cli
