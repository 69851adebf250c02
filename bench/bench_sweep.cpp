// Sweep throughput: runs per second for a sweep of baseline-sized runs
// (configs/baseline.toml: 20,000 firms, 64 quarterly steps), on 1 and on 2
// threads by default. The runs differ (a grid over behaviour.logit_scale) and
// go the whole way: load, simulate, journal, archive.
//
// Each thread count runs in its own child process, so its peak memory and CPU
// time are its own. CPU seconds next to wall seconds show how much the machine
// was shared. Usage: relocsim_bench_sweep [--runs N] [--threads 1,2,...] [--config FILE]
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <tbb/global_control.h>

#include "relocsim/sweep/runner.hpp"

namespace {

namespace fs = std::filesystem;

struct Usage {
  double cpu_seconds = 0, peak_mib = 0;
};

Usage usage_of(int who) {
  rusage u{};
  getrusage(who, &u);
  return {static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
              static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6,
          static_cast<double>(u.ru_maxrss) / 1024.0};
}

int measure(const std::string& config, int runs, int threads) {
  using Clock = std::chrono::steady_clock;
  const fs::path dir = fs::temp_directory_path() / fmt::format("relocsim-bench-sweep-{}", ::getpid());
  fs::create_directories(dir);
  std::string levels;
  for (int i = 0; i < runs; ++i) levels += fmt::format("{}{}", i ? ", " : "", 2.0 + 8.0 * i / std::max(runs - 1, 1));
  const fs::path definition = dir / "bench.toml";
  std::ofstream(definition) << fmt::format(
      "[sweep]\nmethod = \"grid\"\nreplications = 1\nmaster_seed = 1\n[[arm]]\nname = \"baseline\"\n"
      "scenario = \"{}\"\n[[parameter]]\nkey = \"behaviour.logit_scale\"\nlevels = [{}]\n",
      fs::absolute(config).string(), levels);

  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  const auto t0 = Clock::now();
  const relocsim::sweep::SweepPlan plan = relocsim::sweep::make_plan(relocsim::sweep::load_sweep_spec(definition));
  relocsim::sweep::SweepOptions options;
  options.output = (dir / "bench.h5").string();
  options.provenance = relocsim::output::build_provenance();
  const auto outcome = relocsim::sweep::run_sweep(plan, options);
  const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  const Usage u = usage_of(RUSAGE_SELF);
  fs::remove_all(dir);
  if (outcome.summary.failed > 0) {
    fmt::print(stderr, "{} runs failed: {}\n", outcome.summary.failed, outcome.summary.failures.front());
    return 1;
  }
  fmt::print("{:>7} {:>5} {:>9.2f} {:>7.3f} {:>7.2f} {:>7.2f} {:>9.0f}\n", threads, outcome.summary.done, seconds,
             static_cast<double>(outcome.summary.done) / seconds, seconds / outcome.summary.done, u.cpu_seconds,
             u.peak_mib);
  std::fflush(stdout);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string config = RELOCSIM_BASELINE_CONFIG;
  int runs = 8;
  std::vector<int> threads{1, 2};
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--runs") == 0) {
      runs = std::atoi(argv[i + 1]);
    } else if (std::strcmp(argv[i], "--config") == 0) {
      config = argv[i + 1];
    } else if (std::strcmp(argv[i], "--threads") == 0) {
      threads.clear();
      std::stringstream list(argv[i + 1]);
      for (std::string t; std::getline(list, t, ',');) threads.push_back(std::atoi(t.c_str()));
    } else {
      fmt::print(stderr, "usage: relocsim_bench_sweep [--runs N] [--threads 1,2,...] [--config FILE]\n");
      return 2;
    }
  }
  fmt::print("relocsim sweep benchmark: {} runs of {} (grid over behaviour.logit_scale), journal and archive "
             "included\n",
             runs, config);
  fmt::print("{:>7} {:>5} {:>9} {:>7} {:>7} {:>7} {:>9}\n", "threads", "runs", "seconds", "runs/s", "s/run",
             "cpu-s", "peak MiB");
  std::fflush(stdout);
  int status = 0;
  for (int t : threads) {
    const pid_t child = ::fork();
    if (child == 0) {
      try {
        ::_exit(measure(config, runs, t));
      } catch (const std::exception& e) {
        fmt::print(stderr, "error: {}\n", e.what());
        ::_exit(1);
      }
    }
    int child_status = 0;
    ::waitpid(child, &child_status, 0);
    if (!WIFEXITED(child_status) || WEXITSTATUS(child_status) != 0) status = 1;
  }
  return status;
}
