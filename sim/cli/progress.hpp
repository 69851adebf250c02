#pragma once
// "step k of T, rate, time left" on stderr. Silent for runs that end within a
// couple of seconds; redraws one line on a terminal, prints a line now and then
// otherwise (logs of batch jobs).
#include <chrono>
#include <cstdio>

namespace relocsim::cli {

class Progress {
 public:
  explicit Progress(bool enabled, std::FILE* out = stderr);
  void update(int done, int total);
  void finish();

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  std::FILE* out_;
  bool tty_;
  bool shown_ = false;
  Clock::time_point start_, last_;
};

}  // namespace relocsim::cli
