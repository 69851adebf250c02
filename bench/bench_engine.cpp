// Engine throughput: firm-site evaluations per second, seconds per step and
// peak memory per firm, for 1,000,000 firms, 24 sites, 40 steps, every firm
// reviewing every step, on 1 and on 2 threads (by default).
//
// Each row also runs the lean kernel (lean_kernel.hpp: the least a logit
// choice over 24 sites costs) on the same threads, and prints the engine's
// throughput as a ratio of it, and of NumPy doing the lean kernel
// (lean_kernel_numpy.py, run once first where python3 and NumPy are found).
// Ratios measured in one sitting hold on a noisy machine where absolute rates do not.
//
// "bytes/firm" is the peak over the whole run, "built b/f" the peak once the
// model is built, before the first step.
//
// Each thread count runs in its own child process so that its peak memory is
// its own. Usage: relocsim_bench [--firms N] [--steps N] [--threads 1,2,...] [--no-numpy]
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <tbb/global_control.h>

#include "bench_spec.hpp"
#include "lean_kernel.hpp"
#include "relocsim/engine/simulation.hpp"

namespace {

double peak_rss_bytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) * 1024.0;  // Linux reports KiB
}

// NumPy's rate for the lean kernel, or 0 where python3 or NumPy is missing.
double numpy_rate(int firms) {
  const std::string command =
      fmt::format("'{}' '{}' --firms {} --steps 3 2>/dev/null", RELOCSIM_BENCH_PYTHON, RELOCSIM_LEAN_KERNEL_NUMPY, firms);
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return 0;
  double rate = 0;
  if (std::fscanf(pipe, "numpy lean kernel: %lf", &rate) != 1) rate = 0;
  ::pclose(pipe);
  return rate;
}

int measure(int firms, int steps, int threads, double numpy) {
  using Clock = std::chrono::steady_clock;
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  const double rss_before = peak_rss_bytes();
  const auto t0 = Clock::now();
  relocsim::Simulation sim(relocsim::bench::bench_spec(firms, steps));
  const auto t1 = Clock::now();
  const double peak_built = peak_rss_bytes();
  for (int s = 0; s < steps; ++s) sim.step();
  const auto t2 = Clock::now();
  const double build = std::chrono::duration<double>(t1 - t0).count();
  const double run = std::chrono::duration<double>(t2 - t1).count();
  const double peak = peak_rss_bytes();
  const double rate = static_cast<double>(sim.evaluations()) / run;
  // The lean kernel after the engine, so that its buffers are not in the peak.
  const relocsim::bench::LeanResult lean = relocsim::bench::lean_kernel(firms, 24, std::min(steps, 10));
  fmt::print("{:>7} {:>10} {:>6} {:>12.3e} {:>9.3f} {:>8.2f} {:>9.1f} {:>10.1f} {:>11.1f} {:>12.3e} {:>8.3f} {:>8}\n",
             threads, firms, steps, rate, run / steps, build, peak / 1048576.0, (peak - rss_before) / firms,
             (peak_built - rss_before) / firms,
             lean.evaluations_per_second, rate / lean.evaluations_per_second,
             numpy > 0 ? fmt::format("{:.2f}", rate / numpy) : std::string("n/a"));
  std::fflush(stdout);
  return 0;
}

std::vector<int> parse_list(const char* s) {
  std::vector<int> out;
  std::stringstream in(s);
  for (std::string item; std::getline(in, item, ',');) out.push_back(std::atoi(item.c_str()));
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  int firms = 1000000, steps = 40;
  bool with_numpy = true;
  std::vector<int> threads{1, 2};
  for (int i = 1; i < argc; ++i) {
    const bool has_value = i + 1 < argc;
    if (!std::strcmp(argv[i], "--no-numpy")) with_numpy = false;
    else if (has_value && !std::strcmp(argv[i], "--firms")) firms = std::atoi(argv[++i]);
    else if (has_value && !std::strcmp(argv[i], "--steps")) steps = std::atoi(argv[++i]);
    else if (has_value && !std::strcmp(argv[i], "--threads")) threads = parse_list(argv[++i]);
    else {
      std::fprintf(stderr, "usage: relocsim_bench [--firms N] [--steps N] [--threads 1,2,...] [--no-numpy]\n");
      return 2;
    }
  }
  fmt::print("relocsim engine benchmark: 24 sites, 7 sectors, 6 markets, every firm reviews every step\n");
  const double numpy = with_numpy ? numpy_rate(firms) : 0;
  if (numpy > 0) fmt::print("numpy lean kernel (1 thread): {:.3e} evals/s\n", numpy);
  fmt::print("{:>7} {:>10} {:>6} {:>12} {:>9} {:>8} {:>9} {:>10} {:>11} {:>12} {:>8} {:>8}\n", "threads", "firms",
             "steps", "evals/s", "s/step", "build s", "peak MiB", "bytes/firm", "built b/f", "lean evals/s", "vs lean",
             "vs numpy");
  std::fflush(stdout);
  for (int t : threads) {
    // A child per thread count: its peak memory is its own.
    const pid_t pid = fork();
    if (pid == 0) _exit(measure(firms, steps, t, numpy));
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      std::fprintf(stderr, "benchmark with %d threads failed\n", t);
      return 1;
    }
  }
  return 0;
}
