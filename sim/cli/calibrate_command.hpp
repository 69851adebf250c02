#pragma once
// `relocsim calibrate CALIB.toml -o FIT.h5` (docs/CALIBRATE.md).
#include <CLI/CLI.hpp>

#include <string>

namespace relocsim::cli {

struct CalibrateOptions {
  std::string definition;  // CALIB.toml
  std::string output;      // FIT.h5; results/<definition's stem>.fit.h5 unless output_named
  bool output_named = false;
  int threads = 0;
  bool resume = false, force = false, quiet = false, dry_run = false;
  std::string command_line;
};

// Returns the exit status: kOk; kNotIdentified when the identification
// report stopped the estimate (FIT.h5 holds the report); kInterrupted.
// Throws relocsim::Error for main() to report.
int calibrate_command(const CalibrateOptions& options);

struct CalibrateCli {
  CalibrateOptions options;
  CLI::App* command = nullptr;
  CLI::Option* output = nullptr;
};
void add_calibrate_command(CLI::App& app, CalibrateCli& cli, const std::string& command_line);
// -1 when the command was not chosen.
int run_calibrate_command(CalibrateCli& cli);

}  // namespace relocsim::cli
