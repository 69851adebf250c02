// relocsim: parse the command line, call a command, turn errors into messages
// and exit statuses. Nothing else happens here.
#include <cstdint>
#include <cstdio>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "build_info_text.hpp"
#include "calibrate_command.hpp"
#include "cli_options.hpp"
#include "commands.hpp"
#include "explain_command.hpp"
#include "sweep_commands.hpp"
#include "relocsim/config/load.hpp"
#include "relocsim/engine/error.hpp"

namespace {

std::string joined(int argc, char** argv) {
  std::string out;
  for (int i = 0; i < argc; ++i) out += (i ? " " : "") + std::string(argv[i]);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace relocsim;
  CLI::App app{"relocsim: agent-based simulation of manufacturing relocation from China to India and ASEAN"};
  app.set_version_flag("--version", cli::version_text());
  app.require_subcommand(1);
  // Inherited by the subcommands added after it.
  app.failure_message(cli::failure_message);

  cli::RunOptions run;
  run.command_line = joined(argc, argv);
  std::uint64_t seed = 0;
  auto* run_cmd = app.add_subcommand("run", "Run a scenario and write its results to HDF5");
  run_cmd->add_option("config", run.config, "Scenario TOML file (default: configs/baseline.toml)");
  auto* output_opt = run_cmd->add_option("-o,--output", run.output, "Output HDF5 file (default: results/<scenario>.h5)");
  // run.seed is a TOML integer: signed 64 bits.
  auto* seed_opt = run_cmd->add_option("--seed", seed, "Master seed (same as --set run.seed=N)")
                       ->check(cli::whole_number(0, INT64_MAX, "the seed"));
  run_cmd->add_option("--threads", run.threads, "Worker threads (default: every core)")
      ->check(cli::whole_number(1, cli::kMaxThreads, "the number of threads"));
  run_cmd->add_option("--set", run.overrides, "Override a key: --set behaviour.logit_scale=6 (value in TOML)");
  run_cmd->add_flag("--force", run.force, "Overwrite an existing output file");
  run_cmd->add_flag("-q,--quiet", run.quiet, "Print nothing but errors");
  run_cmd->add_flag("--pli-counterfactual", run.pli_counterfactual,
                    "Also run without PLI on the same seed and record what the PLI added (cost per additional job)");

  cli::ValidateOptions validate;
  auto* validate_cmd = app.add_subcommand(
      "validate", "Check a scenario or a sweep definition (every run's configuration) without running; report every error");
  validate_cmd->add_option("config", validate.config, "Scenario TOML file, or SWEEP.toml")->required();
  validate_cmd->add_option("--set", validate.overrides, "Override a key, as for run (scenarios only)");
  validate_cmd->add_option("--threads", validate.threads,
                           "Sweeps: threads the sweep will run on, for its memory check (default: every core)")
      ->check(cli::whole_number(1, cli::kMaxThreads, "the number of threads"));

  cli::DescribeOptions describe;
  auto* describe_cmd =
      app.add_subcommand("describe", "Print the parameter table of a scenario: name, meaning, unit, value, source");
  describe_cmd->add_option("config", describe.config, "Scenario TOML file (default: configs/baseline.toml)");
  describe_cmd->add_option("--format", describe.format, "markdown (default) or csv")
      ->check(CLI::IsMember({"markdown", "csv"}));
  describe_cmd->add_option("--set", describe.overrides, "Override a key, as for run");

  cli::ExplainOptions explain;
  std::uint64_t explain_seed = 0;
  auto* explain_cmd = app.add_subcommand(
      "explain", "Split the value of locating in each bloc and site into its parts, for a sector's typical firm");
  explain_cmd->add_option("config", explain.config, "Scenario TOML file (default: configs/baseline.toml)");
  explain_cmd->add_option("--sector", explain.sector, "Sector id, e.g. electronics")->required();
  explain_cmd->add_option("--year", explain.year, "Decimal year of the state valued (default: the run's start)");
  explain_cmd->add_option("--from", explain.from, "Bloc the firm produces in: China (default), ASEAN or India");
  explain_cmd->add_option("--firm-size", explain.firm_size,
                          "Firm size, USD million of output a year (default: the median agent's)");
  explain_cmd->add_option("--home", explain.home,
                          "Home country of the firm, e.g. Japan (default: the bloc's most common)");
  explain_cmd->add_flag("--sites", explain.sites, "Also print every site");
  explain_cmd->add_flag("--add", explain.add, "Value adding a plant instead of moving all capacity");
  explain_cmd->add_flag("--horizon", explain.horizon, "Print values over the horizon instead of per year");
  explain_cmd->add_option("--csv", explain.csv, "Write every site's parts to this CSV (long format)");
  auto* explain_seed_opt = explain_cmd->add_option("--seed", explain_seed, "Master seed (same as --set run.seed=N)");
  explain_cmd->add_option("--set", explain.overrides, "Override a key, as for run");
  explain_cmd->add_option("--threads", explain.threads, "Worker threads (default: every core)")
      ->check(CLI::PositiveNumber);

  cli::SweepCli sweep_cli;
  cli::add_sweep_commands(app, sweep_cli, run.command_line);
  cli::CalibrateCli calibrate_cli;
  cli::add_calibrate_command(app, calibrate_cli, run.command_line);

  if (const std::string unknown = cli::unknown_command(app, argc, argv); !unknown.empty()) {
    fmt::print(stderr, "{}", unknown);
    return cli::kBadInput;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version end the parse with an "error" whose status is 0;
    // every real one is bad input, whatever code CLI11 gives it (105, 106,
    // 109, ...): the README promises 0, 1, 2 and 130 only.
    const int status = app.exit(e);
    return status == 0 ? cli::kOk : cli::kBadInput;
  }
  try {
    if (*seed_opt) run.seed = seed;
    run.output_named = output_opt->count() > 0;
    if (*run_cmd) return cli::run_command(run);
    if (*validate_cmd) return cli::validate_command(validate);
    if (*describe_cmd) return cli::describe_command(describe);
    if (*explain_cmd) {
      if (*explain_seed_opt) explain.overrides.push_back("run.seed=" + std::to_string(explain_seed));
      return cli::explain_command(explain);
    }
    if (const int status = cli::run_sweep_commands(sweep_cli); status >= 0) return status;
    if (const int status = cli::run_calibrate_command(calibrate_cli); status >= 0) return status;
  } catch (const config::ConfigErrors& e) {
    for (const auto& err : e.errors()) fmt::print(stderr, "error: {}\n", err.what());
    return cli::kBadInput;
  } catch (const ConfigError& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return cli::kBadInput;
  } catch (const Interrupted& e) {
    fmt::print(stderr, "\nrelocsim: {}; no result was written\n", e.what());
    return cli::kInterrupted;
  } catch (const Error& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return cli::kFailed;
  } catch (const std::exception& e) {
    fmt::print(stderr, "internal error: {}\n", e.what());
    return cli::kFailed;
  }
  return cli::kOk;
}
