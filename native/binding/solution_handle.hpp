// A finished solve kept alive for JavaScript: the compiled problem, the result and the full state
// (every time level). Handed to JS as an opaque External; used for warm starts and to write the run
// directory. Shared ownership, so a solve still running with it as a warm start keeps it alive.
#pragma once

#include <memory>
#include <napi.h>

#include "io/run_dir.hpp"

namespace mfg::binding {

struct Solution {
  Problem problem;
  SolveResult result;
  MfgState state;
  std::string started_at;
  int threads = 1;
};

using SolutionPtr = std::shared_ptr<Solution>;

Napi::Value wrap_solution(Napi::Env env, SolutionPtr solution);
// The solution inside an External made by wrap_solution, or null for anything else.
SolutionPtr unwrap_solution(const Napi::Value& value);

}  // namespace mfg::binding
