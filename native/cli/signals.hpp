// SIGINT and SIGTERM ask the solver to stop cleanly (it finishes the current time step, writes a
// run directory marked `cancelled` and exits with code 5).
#pragma once

#include <atomic>

namespace mfg::cli {

// The flags the solver polls; set by the signal handlers installed here: SIGINT/SIGTERM cancel,
// SIGUSR1 asks for a checkpoint and a stop.
std::atomic<bool>& cancel_flag();
std::atomic<bool>& checkpoint_flag();
int received_signal();
void install_signal_handlers();

}  // namespace mfg::cli
