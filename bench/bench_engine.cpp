// Engine throughput: firm-site evaluations per second, seconds per step and
// peak memory per firm, for 1,000,000 firms, 24 sites, 40 steps, every firm
// reviewing every step, on 1 and on 2 threads (by default).
//
// Each thread count runs in its own child process so that its peak memory is
// its own. Usage: relocsim_bench [--firms N] [--steps N] [--threads 1,2,...]
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

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
#include "relocsim/engine/simulation.hpp"

namespace {

double peak_rss_bytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) * 1024.0;  // Linux reports KiB
}

int measure(int firms, int steps, int threads) {
  using Clock = std::chrono::steady_clock;
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  const double rss_before = peak_rss_bytes();
  const auto t0 = Clock::now();
  relocsim::Simulation sim(relocsim::bench::bench_spec(firms, steps));
  const auto t1 = Clock::now();
  for (int s = 0; s < steps; ++s) sim.step();
  const auto t2 = Clock::now();
  const double build = std::chrono::duration<double>(t1 - t0).count();
  const double run = std::chrono::duration<double>(t2 - t1).count();
  const double peak = peak_rss_bytes();
  fmt::print("{:>7} {:>10} {:>6} {:>14.3e} {:>10.3f} {:>9.2f} {:>12.1f} {:>12.1f}\n", threads, firms, steps,
             static_cast<double>(sim.evaluations()) / run, run / steps, build, peak / 1048576.0,
             (peak - rss_before) / firms);
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
  std::vector<int> threads{1, 2};
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--firms")) firms = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--steps")) steps = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--threads")) threads = parse_list(argv[i + 1]);
    else {
      std::fprintf(stderr, "usage: relocsim_bench [--firms N] [--steps N] [--threads 1,2,...]\n");
      return 2;
    }
  }
  fmt::print("relocsim engine benchmark: 24 sites, 7 sectors, 6 markets, every firm reviews every step\n");
  fmt::print("{:>7} {:>10} {:>6} {:>14} {:>10} {:>9} {:>12} {:>12}\n", "threads", "firms", "steps", "evals/s",
             "s/step", "build s", "peak MiB", "bytes/firm");
  std::fflush(stdout);
  for (int t : threads) {
    // A child per thread count: its peak memory is its own.
    const pid_t pid = fork();
    if (pid == 0) _exit(measure(firms, steps, t));
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      std::fprintf(stderr, "benchmark with %d threads failed\n", t);
      return 1;
    }
  }
  return 0;
}
