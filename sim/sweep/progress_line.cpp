#include "relocsim/sweep/progress_line.hpp"

#include <fmt/core.h>
#include <unistd.h>

namespace relocsim::sweep {
ProgressLine::ProgressLine(bool enabled, std::FILE* out, double quiet_seconds, const char* unit)
    : enabled_(enabled),
      out_(out),
      tty_(isatty(fileno(out)) != 0),
      quiet_seconds_(quiet_seconds),
      unit_(unit),
      start_(Clock::now()),
      last_(start_) {}

void ProgressLine::update(long long done, long long total, long long failed) {
  if (!enabled_) return;
  if (first_done_ < 0) first_done_ = done;
  const auto now = Clock::now();
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double since_last = std::chrono::duration<double>(now - last_).count();
  const bool last = done == total;
  // The first line once the quiet time is over, then one every so often
  // (often on a terminal, rarely in a log), and the last.
  if (elapsed < quiet_seconds_) return;
  if (shown_ && since_last < (tty_ ? 0.25 : 10.0) && !last) return;
  last_ = now;
  const double rate = static_cast<double>(done - first_done_) / elapsed;
  const std::string left = rate > 0 ? fmt::format("{:.0f} s left", static_cast<double>(total - done) / rate)
                                    : std::string("time left unknown");
  const std::string failures = failed >= 0 ? fmt::format("  {} failed", failed) : std::string();
  fmt::print(out_, "{}{} {} of {}  {:.2f} {}s/s  {}{}{}", tty_ ? "\r" : "", unit_, done, total, rate, unit_, left,
             failures, tty_ ? "   " : "\n");
  std::fflush(out_);
  shown_ = true;
}

void ProgressLine::finish() {
  if (shown_ && tty_) fmt::print(out_, "\n");
}

}  // namespace relocsim::sweep
