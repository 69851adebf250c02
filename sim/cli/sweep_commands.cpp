#include "sweep_commands.hpp"

#include "open_hint.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>

#include <fmt/core.h>
#include <tbb/global_control.h>
#include <tbb/info.h>

#include "cli_options.hpp"
#include "commands.hpp"
#include "input_kind.hpp"
#include "interrupt.hpp"
#include "output_path.hpp"
#include "relocsim/config/load.hpp"
#include "relocsim/engine/error.hpp"
#include "relocsim/sweep/merge.hpp"
#include "relocsim/sweep/progress_line.hpp"
#include "relocsim/sweep/runner.hpp"
#include "sweep_resources.hpp"

namespace relocsim::cli {
namespace fs = std::filesystem;
int thread_count(int requested) { return requested > 0 ? requested : tbb::info::default_concurrency(); }

output::Provenance provenance_for(const std::string& command_line, int threads) {
  output::Provenance p = output::build_provenance();
  p.command_line = command_line;
  p.threads = threads;
  p.start_time = output::utc_now();
  return p;
}

namespace {

void check_flags(bool resume, bool force) {
  if (resume && force) {
    throw ConfigError("--resume", 0, "",
                      "--resume continues a sweep and --force discards it; give one of them, not both");
  }
}

// What sweep and compare hand the runner; before the first run, once the
// journal says how many runs are left, a sweep that cannot fit is refused.
sweep::SweepOptions options_for(const sweep::SweepPlan& plan, const std::string& output, const sweep::Shard& shard,
                                int threads, bool resume, bool force, const std::string& command_line) {
  sweep::SweepOptions options;
  options.output = output;
  options.shard = shard;
  options.resume = resume;
  options.force = force;
  options.provenance = provenance_for(command_line, threads);
  options.before_runs = [&plan, shard, threads, output](long long runs) {
    check_sweep_memory(plan, shard, threads, runs);
    check_sweep_disk(plan, runs, output);
  };
  return options;
}

// Runs the plan with progress on stderr; an interruption is reported here,
// since the journal (unlike a single run's temporary) is kept.
std::optional<sweep::SweepOutcome> run_with_progress(const sweep::SweepPlan& plan, sweep::SweepOptions options,
                                                     bool quiet) {
  sweep::ProgressLine progress(!quiet);
  options.progress = [&](long long done, long long total, long long failed) { progress.update(done, total, failed); };
  options.stop = &install_interrupt_handlers();
  try {
    auto outcome = sweep::run_sweep(plan, options);
    progress.finish();
    return outcome;
  } catch (const Interrupted& e) {
    progress.finish();
    fmt::print(stderr, "\nrelocsim: {}\n", e.what());
    return std::nullopt;
  }
}

std::vector<std::string> input_paths(const sweep::SweepPlan& plan) {
  std::vector<std::string> out;
  for (const auto& in : plan.inputs) out.push_back(in.path);
  return out;
}

void print_failures(const sweep::ArchiveSummary& s) {
  for (const auto& f : s.failures) fmt::print(stderr, "failed: {}\n", f);
  if (s.failed > static_cast<long long>(s.failures.size())) {
    fmt::print(stderr, "failed: ... and {} more (run_status and run_error in the archive)\n",
               s.failed - static_cast<long long>(s.failures.size()));
  }
}

void print_counts(const sweep::ArchiveSummary& s, const std::string& output) {
  fmt::print("{} runs done, {} failed{}\n", s.done, s.failed,
             s.not_run > 0 ? fmt::format(", {} left to other shards", s.not_run) : std::string());
  fmt::print("Results: {}\n", output);
  fmt::print("{}", open_hint(output));
  fmt::print("  layout: docs/SWEEP.md\n");
}

void print_plan(const sweep::SweepPlan& plan, const sweep::Shard& shard) {
  const auto& d = plan.design;
  fmt::print("{}: {} design, {} rows x {} replications x {} arms = {} runs (sweep_id {})\n", plan.spec.path,
             sweep::method_name(plan.spec.method), d.rows, plan.spec.replications, plan.arms.size(), plan.runs(),
             plan.sweep_id);
  if (shard.count > 1) {
    long long mine = 0;
    for (long long row = 0; row < static_cast<long long>(d.rows); ++row) mine += shard.owns_row(row) ? 1 : 0;
    fmt::print("shard {}: {} rows, {} runs\n", shard.text(), mine,
               mine * plan.spec.replications * static_cast<long long>(plan.arms.size()));
  }
  for (std::size_t a = 0; a < plan.arms.size(); ++a) {
    fmt::print("arm {}{}: {}\n", plan.arms[a].name, static_cast<int>(a) == plan.reference ? " (reference)" : "",
               plan.arms[a].scenario);
  }
  for (std::size_t j = 0; j < d.params.size(); ++j) fmt::print("parameter {}: {}\n", d.params[j], d.distribution[j]);
}

void print_compare(const sweep::ArchiveSummary& s, const CompareOptions& o) {
  fmt::print("\nPaired difference B - A over {} replications (common random numbers), 95% t confidence interval\n",
             o.replications);
  fmt::print("  A: {}\n  B: {}\n", o.a, o.b);
  fmt::print("  {:<26} {:<18} {:>12} {:>27} {:>4}\n", "outcome", "sector", "mean", "95% CI", "n");
  for (const auto& row : s.compare) {
    const auto& st = row.stats;
    const std::string ci = std::isnan(st.ci_low) ? std::string("-")
                                                 : fmt::format("[{:.4g}, {:.4g}]", st.ci_low, st.ci_high);
    fmt::print("  {:<26} {:<18} {:>12.4g} {:>27} {:>4}\n", row.outcome, row.sector.empty() ? "(all)" : row.sector,
               st.mean, ci, st.n);
  }
}

}  // namespace

int sweep_command(const SweepCommandOptions& o) {
  check_flags(o.resume, o.force);
  // The shard first: a bad --shard should not wait for the scenarios to load.
  sweep::Shard shard;
  if (!o.shard.empty()) {
    shard = sweep::parse_shard(o.shard);
  } else if (const auto slurm = sweep::shard_from_slurm([](const char* name) { return std::getenv(name); })) {
    shard = *slurm;
  }
  require_sweep_definition(o.definition);
  const sweep::SweepPlan plan = sweep::make_plan(sweep::load_sweep_spec(o.definition));
  if (o.dry_run) {
    print_plan(plan, shard);
    return kOk;
  }
  std::string output = o.output;
  if (!o.output_named) {
    fs::create_directories("results");
    output = (fs::path("results") / fs::path(o.definition).stem()).string() + ".h5";
  }
  check_output_path(output, "-o", input_paths(plan));
  const int threads = thread_count(o.threads);
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  const auto outcome =
      run_with_progress(plan, options_for(plan, output, shard, threads, o.resume, o.force, o.command_line), o.quiet);
  if (!outcome) return kInterrupted;
  if (outcome->already_complete) {
    if (!o.quiet) fmt::print("{} is already complete; nothing to do\n", output);
    return kOk;
  }
  if (!o.quiet) {
    if (outcome->already_done > 0) {
      fmt::print("resumed: {} runs were already done, {} run now\n", outcome->already_done, outcome->ran);
    }
    print_failures(outcome->summary);
    print_counts(outcome->summary, output);
  }
  return kOk;
}

int compare_command(const CompareOptions& o) {
  check_flags(o.resume, o.force);
  if (o.replications < 2) {
    throw ConfigError("--replications", 0, "",
                      fmt::format("expected at least 2 replications for a confidence interval, got {}", o.replications));
  }
  require_scenario(o.a, "compare");
  require_scenario(o.b, "compare");
  const sweep::SweepPlan plan = sweep::make_plan(sweep::compare_spec(o.a, o.b, o.replications, o.seed));
  // Without -o the archive is only the table's source: made in a private
  // directory and removed.
  const bool keep = o.output_named;
  if (keep) check_output_path(o.output, "-o", input_paths(plan));
  const fs::path scratch = fs::temp_directory_path() / fmt::format("relocsim-compare-{}", ::getpid());
  if (!keep) {
    std::error_code ec;
    fs::remove_all(scratch, ec);  // left by a killed process that had our pid
    fs::create_directories(scratch);
  }
  const std::string output = keep ? o.output : (scratch / "compare.h5").string();
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code ec;
      if (!dir.empty()) fs::remove_all(dir, ec);
    }
  } cleanup{keep ? fs::path() : scratch};

  const int threads = thread_count(o.threads);
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  const auto outcome = run_with_progress(
      plan, options_for(plan, output, sweep::Shard{}, threads, o.resume, o.force, o.command_line), o.quiet);
  if (!outcome) return kInterrupted;
  if (outcome->already_complete) {
    if (!o.quiet) fmt::print("{} is already complete; its compare_mean_* variables hold the differences\n", output);
    return kOk;
  }
  print_failures(outcome->summary);
  print_compare(outcome->summary, o);
  if (keep && !o.quiet) print_counts(outcome->summary, output);
  return kOk;
}

int merge_command(const MergeOptions& o) {
  check_output_path(o.output, "OUTPUT", o.shards);
  const sweep::ArchiveSummary s = sweep::merge_archives(o.output, o.shards, o.force, o.command_line);
  if (!o.quiet) {
    fmt::print("merged {} shards\n", o.shards.size());
    print_counts(s, o.output);
  }
  return kOk;
}

void add_sweep_commands(CLI::App& app, SweepCli& c, const std::string& command_line) {
  c.sweep.command_line = c.compare.command_line = c.merge.command_line = command_line;

  c.sweep_cmd = app.add_subcommand("sweep", "Run a batch of scenarios from a sweep definition (docs/SWEEP.md)");
  c.sweep_cmd->add_option("definition", c.sweep.definition, "Sweep definition, SWEEP.toml")->required();
  c.sweep_output = c.sweep_cmd->add_option("-o,--output", c.sweep.output, "Archive (default: results/<definition>.h5)");
  c.sweep_cmd->add_option("--threads", c.sweep.threads, "Worker threads (default: every core)")
      ->check(whole_number(1, kMaxThreads, "the number of threads"));
  c.sweep_cmd->add_option("--shard", c.sweep.shard,
                          "Run shard k of N (design rows with row % N == k); default from SLURM_ARRAY_TASK_ID/COUNT");
  c.sweep_cmd->add_flag("--resume", c.sweep.resume, "Continue an interrupted sweep from its journal (OUT.h5.d)");
  c.sweep_cmd->add_flag("--force", c.sweep.force, "Discard an existing journal and replace an existing archive");
  c.sweep_cmd->add_flag("--dry-run", c.sweep.dry_run, "Print the design and the number of runs; run nothing");
  c.sweep_cmd->add_flag("-q,--quiet", c.sweep.quiet, "Print nothing but errors");

  c.compare_cmd = app.add_subcommand("compare", "Paired difference B - A of two scenarios over replications");
  c.compare_cmd->add_option("A", c.compare.a, "Scenario A, the reference")->required();
  c.compare_cmd->add_option("B", c.compare.b, "Scenario B")->required();
  c.compare_cmd->add_option("--replications,-R", c.compare.replications, "Replications (seeds), at least 2")
      ->required()
      ->check(whole_number(2, INT32_MAX, "the number of replications (a confidence interval needs 2)"));
  c.compare_cmd->add_option("--seed", c.compare.seed, "Master seed the replications' seeds derive from (default 1)")
      ->check(whole_number(0, UINT64_MAX, "the master seed"));
  c.compare_output =
      c.compare_cmd->add_option("-o,--output", c.compare.output, "Also write the runs and the differences to this archive");
  c.compare_cmd->add_option("--threads", c.compare.threads, "Worker threads (default: every core)")
      ->check(whole_number(1, kMaxThreads, "the number of threads"));
  c.compare_cmd->add_flag("--resume", c.compare.resume, "Continue an interrupted comparison (with -o)");
  c.compare_cmd->add_flag("--force", c.compare.force, "Replace an existing archive");
  c.compare_cmd->add_flag("-q,--quiet", c.compare.quiet, "No progress; the table only");

  c.merge_cmd = app.add_subcommand("merge", "Join the shard archives of one sweep into one archive");
  c.merge_cmd->add_option("output", c.merge.output, "The merged archive")->required();
  c.merge_cmd->add_option("shards", c.merge.shards, "Every shard's archive")->required();
  c.merge_cmd->add_flag("--force", c.merge.force, "Replace an existing archive");
  c.merge_cmd->add_flag("-q,--quiet", c.merge.quiet, "Print nothing but errors");
}

int run_sweep_commands(SweepCli& c) {
  c.sweep.output_named = c.sweep_output != nullptr && c.sweep_output->count() > 0;
  c.compare.output_named = c.compare_output != nullptr && c.compare_output->count() > 0;
  if (c.sweep_cmd != nullptr && *c.sweep_cmd) return sweep_command(c.sweep);
  if (c.compare_cmd != nullptr && *c.compare_cmd) return compare_command(c.compare);
  if (c.merge_cmd != nullptr && *c.merge_cmd) return merge_command(c.merge);
  return -1;
}

}  // namespace relocsim::cli
