#include "interrupt.hpp"

#include <csignal>

namespace relocsim::cli {
namespace {
std::atomic<bool> g_stop{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the flag is set from a signal handler");
extern "C" void on_signal(int /*signal*/) { g_stop.store(true); }
}  // namespace

const std::atomic<bool>& install_interrupt_handlers() {
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  // A closed terminal or ssh session (nohup aside) hangs up: the same clean
  // stop, rather than dying with the temporary left behind.
  std::signal(SIGHUP, on_signal);
  return g_stop;
}

}  // namespace relocsim::cli
