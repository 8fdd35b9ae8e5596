// The C++ API of the solver, used by mfg-solve, the Node-API addon and the tests: solve a compiled
// problem with a progress callback and a cancellation flag; results in caller-provided buffers.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "problem.hpp"
#include "state.hpp"
#include "sweeps.hpp"

namespace mfg {

enum class Status { Running, Converged, NotConverged, Diverged, Cancelled, Failed, Interrupted };
enum class Phase { Warmup, Continuation, Newton, Picard, FictitiousPlay };

const char* status_name(Status s);
const char* phase_name(Phase p);

struct IterationRecord {
  int iteration = 0;
  Phase phase = Phase::Newton;
  double residual_hjb = 0.0, residual_fp = 0.0, residual = 0.0;
  double change = 0.0;  // max |m_new - m_old| / max |m_old|; 0 for the first iterate
  double elapsed_s = 0.0;
  int linear_iterations = 0;  // Krylov iterations of this Newton step
};

// Where a solve can continue from: right after recording an outer iteration of `phase` in
// continuation stage `stage` (0 = the largest viscosity; the number of stages = the real problem),
// `sweep` counting the fixed-point sweeps of that phase. Enough to re-enter the computation
// exactly where it was, so that a resumed solve reproduces an uninterrupted one bit for bit.
struct ResumePoint {
  Phase phase = Phase::Warmup;
  int stage = 0;
  int sweep = 0;
};

struct Checkpoint {
  ResumePoint position;
  std::vector<IterationRecord> history;
  MfgState state;
};

// Writes a checkpoint (returns false on failure, which is logged and does not stop the solve).
using CheckpointWriter = std::function<bool(const ResumePoint&, const std::vector<IterationRecord>&, const MfgState&)>;

struct SolveOptions {
  const std::atomic<bool>* cancel = nullptr;
  std::function<void(const IterationRecord&)> on_iteration;
  // Warm start: a state of the same size (e.g. the solution before a slider moved). Newton starts
  // from it directly (no fictitious-play warm-up); the fixed-point methods start from its density.
  const MfgState* initial = nullptr;
  // Checkpoints (mfg-solve): when to write them is decided from the spec's solver.checkpoint and
  // from `checkpoint_request` (set by SIGUSR1: write one now, then stop with status interrupted).
  CheckpointWriter write_checkpoint;
  const std::atomic<bool>* checkpoint_request = nullptr;
  // Continue from this checkpoint instead of starting (the state must match the problem's size).
  const Checkpoint* resume = nullptr;
  // Memory the solve may plan for (memory.hpp: Newton keeps the per-step operators that fit and
  // rebuilds the others, same results); <= 0: no limit. mfg-solve and the app pass estimate_memory's.
  double memory_budget_bytes = 0.0;
};

struct MassReport {
  double initial = 0.0, final = 0.0;
  double max_relative_drift = 0.0;  // max over levels of |mass(t_n) + exited(t_n) - mass(0)| / mass(0)
  double min_density = 0.0;
  double exited = 0.0;              // mass that left through exits over [0, T]
};

struct SolveResult {
  Status status = Status::Failed;
  std::string message;
  int iterations = 0;
  ResidualNorms residual;
  double change = 0.0;
  std::vector<IterationRecord> history;
  PhaseTimes times;
  double total_s = 0.0;
  MassReport mass;
  int hjb_step_failures = 0;
};

// Solves into state (resized here); state holds the last iterate whatever the status.
SolveResult solve(const Problem& problem, const SolveOptions& options, MfgState& state);

// Solves and copies the stored time levels (Problem::stored_levels) into u_out and m_out, each of
// size stored_levels * cells, owned by the caller.
SolveResult solve_into(const Problem& problem, const SolveOptions& options, double* u_out, double* m_out);

MassReport mass_report(const Problem& problem, const MfgState& state);

// Why the checkpoint cannot continue this problem, or "" when it can (checkpoint_check.cpp): its phase,
// stage and sweep must be a position this method reaches, its history consecutive and within
// solver.max_iterations, and its state finite, m >= 0, of the problem's size or, written in a stage of
// Newton's continuation, of that stage's (possibly coarser) grid.
std::string checkpoint_mismatch(const Problem& problem, const Checkpoint& checkpoint);
bool resumable(const Problem& problem, const Checkpoint* checkpoint);

}  // namespace mfg
