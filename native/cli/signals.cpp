#include "signals.hpp"

#include <csignal>

namespace mfg::cli {

namespace {
std::atomic<bool> g_cancel{false};
std::atomic<bool> g_checkpoint{false};
volatile std::sig_atomic_t g_signal = 0;
static_assert(std::atomic<bool>::is_always_lock_free, "a lock-free flag is async-signal-safe");

extern "C" void on_signal(int signal) {
  g_signal = signal;
  (signal == SIGUSR1 ? g_checkpoint : g_cancel).store(true, std::memory_order_relaxed);
}
}  // namespace

std::atomic<bool>& cancel_flag() { return g_cancel; }
std::atomic<bool>& checkpoint_flag() { return g_checkpoint; }
int received_signal() { return g_signal; }

void install_signal_handlers() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGUSR1, &action, nullptr);
}

}  // namespace mfg::cli
