#include "progress.hpp"

#include <unistd.h>

#include <fmt/core.h>

namespace relocsim::cli {
namespace {
constexpr double kQuietSeconds = 2.0;  // runs shorter than this print nothing
}

Progress::Progress(bool enabled, std::FILE* out)
    : enabled_(enabled), out_(out), tty_(isatty(fileno(out)) != 0), start_(Clock::now()), last_(start_) {}

void Progress::update(int done, int total) {
  if (!enabled_) return;
  const auto now = Clock::now();
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double since_last = std::chrono::duration<double>(now - last_).count();
  if (elapsed < kQuietSeconds || since_last < (tty_ ? 0.25 : 10.0)) return;
  last_ = now;
  const double rate = done / elapsed;
  const double left = rate > 0 ? (total - done) / rate : 0;
  fmt::print(out_, "{}step {} of {}  {:.1f} steps/s  {:.0f} s left{}", tty_ ? "\r" : "", done, total, rate, left,
             tty_ ? "   " : "\n");
  std::fflush(out_);
  shown_ = true;
}

void Progress::finish() {
  if (shown_ && tty_) fmt::print(out_, "\n");
}

}  // namespace relocsim::cli
