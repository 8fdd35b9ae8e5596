// Checkpoints in RUN_DIR/checkpoint/: the full state (every time level of u and m) and where the solve
// stands (phase, stage, sweep, iteration history). Written so that a kill at any moment leaves the
// previous checkpoint valid: the state goes to a new file that is synced before checkpoint.json is
// atomically replaced to point at it; older state files are removed only afterwards.
//
// A checkpoint is read as untrusted data (issue 12): no links are followed, every key is type-checked,
// the state file must carry the checksum recorded for it and the spec the fingerprint of the spec it
// was written for; what it says about the solve is then checked against the problem by
// mfg::checkpoint_mismatch before a resume uses it.
#pragma once

#include <string>

#include "../models/mfg/solve.hpp"

namespace mfg::io {

// A fingerprint of the spec with every default filled in (FNV-1a 64 of its canonical JSON), stored in
// the checkpoint: a resume under an edited run.json is refused.
std::string spec_fingerprint(const Spec& spec);

bool write_checkpoint(const std::string& run_dir, const ResumePoint& position, const std::vector<IterationRecord>& history,
                      const MfgState& state, const std::string& spec_fingerprint, std::string& error);

struct CheckpointRead {
  bool found = false;             // false (and read_checkpoint true) when the run directory has none
  std::string spec_fingerprint;   // "" in checkpoints of format 1, which had none
  bool verified = false;          // the state matched its recorded checksum (format 2)
};

// Reads RUN_DIR/checkpoint; `max_state_bytes` is the largest state the problem can have. False with
// `error` naming the file and what is wrong when the checkpoint is damaged or not one.
bool read_checkpoint(const std::string& run_dir, std::size_t max_state_bytes, Checkpoint& out, CheckpointRead& read, std::string& error);

// The size of a state file for `cells` x `levels` (header and both fields).
std::size_t state_file_bytes(Index cells, Index levels);

void remove_checkpoint(const std::string& run_dir);

}  // namespace mfg::io
