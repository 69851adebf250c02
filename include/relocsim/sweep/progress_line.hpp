#pragma once
// "run k of T, rate, time left, failures" (or "step k of T, ...") on a
// stream: silent for work that ends within a couple of seconds, one line
// redrawn on a terminal, a line now and then in a log (a Slurm job's output
// file). The single run and the sweep both report through it.
#include <chrono>
#include <cstdio>

namespace relocsim::sweep {

class ProgressLine {
 public:
  // quiet_seconds: nothing is printed before this much time has passed.
  explicit ProgressLine(bool enabled, std::FILE* out = stderr, double quiet_seconds = 2.0, const char* unit = "run");
  // done includes units found already done (resume); the rate counts only this
  // process's. failed < 0: no failure count is shown.
  void update(long long done, long long total, long long failed = -1);
  void finish();

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  std::FILE* out_;
  bool tty_;
  double quiet_seconds_;
  const char* unit_;
  bool shown_ = false;
  long long first_done_ = -1;
  Clock::time_point start_, last_;
};

}  // namespace relocsim::sweep
