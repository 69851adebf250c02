#pragma once
// Ctrl-C, SIGTERM and SIGHUP ask a run to stop after the current step, so the output
// writer can remove its temporary file instead of leaving half a result.
#include <atomic>

namespace relocsim::cli {

// Installs the handlers (once) and returns the flag they set.
const std::atomic<bool>& install_interrupt_handlers();

}  // namespace relocsim::cli
