#include "solve_worker.hpp"

#include <cstring>

#include "convert.hpp"
#include "io/mask_file.hpp"
#include "models/mfg/memory.hpp"

namespace mfg::binding {

SolveWorker::SolveWorker(Napi::Env env, Spec spec, SolutionPtr warm_start, int threads, Napi::Function on_iteration,
                         std::shared_ptr<std::atomic<bool>> cancel)
    : Napi::AsyncProgressQueueWorker<IterationRecord>(env, "mfg-solve"),
      deferred_(Napi::Promise::Deferred::New(env)),
      spec_(std::move(spec)),
      warm_start_(std::move(warm_start)),
      threads_(threads),
      cancel_(std::move(cancel)) {
  if (!on_iteration.IsEmpty()) on_iteration_ = Napi::Persistent(on_iteration);
}

void SolveWorker::Execute(const ExecutionProgress& progress) {
  // Formulas are evaluated on the whole grid here, off the JS thread: large grids take a while.
  ProblemBuild built = io::build_problem_with_files(spec_);
  if (!built.ok) {
    issues_ = std::move(built.issues);
    return;
  }
  if (threads_ > 0) set_threads(threads_);
  solution_ = std::make_shared<Solution>();
  solution_->problem = std::move(built.problem);
  solution_->started_at = io::iso_now();
  solution_->threads = max_threads();
  SolveOptions options;
  options.cancel = cancel_.get();
  options.on_iteration = [&progress](const IterationRecord& r) { progress.Send(&r, 1); };
  options.memory_budget_bytes = estimate_memory(solution_->problem.spec).budget_bytes;
  if (warm_start_) {
    const MfgState& w = warm_start_->state;
    warm_started_ = w.u.cells() == solution_->problem.cells() && w.u.levels() == solution_->problem.steps + 1;
    options.initial = &w;
  }
  solution_->result = solve(solution_->problem, options, solution_->state);
}

void SolveWorker::OnProgress(const IterationRecord* records, size_t count) {
  if (on_iteration_.IsEmpty()) return;
  Napi::HandleScope scope(Env());
  for (size_t i = 0; i < count; ++i) on_iteration_.Call({iteration_object(Env(), records[i])});
}

void SolveWorker::OnOK() {
  Napi::Env env = Env();
  Napi::HandleScope scope(env);
  if (!solution_) {
    deferred_.Resolve(issues_value(env, issues_));
    return;
  }
  deferred_.Resolve(result_value(env, solution_, warm_started_));
}

void SolveWorker::OnError(const Napi::Error& error) {
  Napi::HandleScope scope(Env());
  deferred_.Resolve(internal_error_value(Env(), error.Message()));
}

}  // namespace mfg::binding
