// A solve on a libuv worker thread: progress is queued back to the JS thread, cancellation is an
// atomic flag the JS side can set at any time (even after the worker finished), and the result
// resolves a promise. The worker never touches Node-API except in the On* callbacks (STYLE.md:
// sharp's baton + AsyncWorker).
#pragma once

#include <atomic>
#include <memory>
#include <napi.h>

#include "solution_handle.hpp"

namespace mfg::binding {

class SolveWorker : public Napi::AsyncProgressQueueWorker<IterationRecord> {
 public:
  SolveWorker(Napi::Env env, Spec spec, SolutionPtr warm_start, int threads, Napi::Function on_iteration,
              std::shared_ptr<std::atomic<bool>> cancel);

  Napi::Promise promise() const { return deferred_.Promise(); }

 protected:
  void Execute(const ExecutionProgress& progress) override;
  void OnProgress(const IterationRecord* records, size_t count) override;
  void OnOK() override;
  void OnError(const Napi::Error& error) override;

 private:
  Napi::Promise::Deferred deferred_;
  Spec spec_;
  SolutionPtr warm_start_;
  int threads_;
  Napi::FunctionReference on_iteration_;
  std::shared_ptr<std::atomic<bool>> cancel_;
  SolutionPtr solution_;
  std::vector<SpecIssue> issues_;  // problem-building failures (bad input found in the worker)
  bool warm_started_ = false;
};

}  // namespace mfg::binding
