// Values that cross from C++ to JavaScript. Structured data goes through JSON (one representation
// with run.json, NaN becoming null); field arrays are V8-allocated Float64Arrays filled here
// (Electron forbids external ArrayBuffers).
#pragma once

#include <napi.h>

#include "solution_handle.hpp"

namespace mfg::binding {

Napi::Value json_value(Napi::Env env, const Json& json);
Napi::Object iteration_object(Napi::Env env, const IterationRecord& record);

// {ok: false, error: {code: "bad_input", message, details: {issues}}}
Napi::Value issues_value(Napi::Env env, const std::vector<SpecIssue>& issues);
// {ok: false, error: {code: "internal", message}}
Napi::Value internal_error_value(Napi::Env env, const std::string& message);
// {ok: true, value: NativeSolveResult} (native/lib/types.ts)
Napi::Value result_value(Napi::Env env, const SolutionPtr& solution, bool warm_started);

}  // namespace mfg::binding
