// Checkpoints in RUN_DIR/checkpoint/: the full state (every time level of u and m) and where the solve
// stands (phase, stage, sweep, iteration history). Written so that a kill at any moment leaves the
// previous checkpoint valid: the state goes to a new file that is synced before checkpoint.json is
// atomically replaced to point at it; older state files are removed only afterwards.
#pragma once

#include <string>

#include "../models/mfg/solve.hpp"

namespace mfg::io {

bool write_checkpoint(const std::string& run_dir, const ResumePoint& position, const std::vector<IterationRecord>& history,
                      const MfgState& state, std::string& error);

// found = false (and true returned) when the run directory has no checkpoint.
bool read_checkpoint(const std::string& run_dir, Checkpoint& out, bool& found, std::string& error);

void remove_checkpoint(const std::string& run_dir);

}  // namespace mfg::io
