// The Node-API addon: capabilities, validate, solve (on a worker thread, with progress and cancel),
// writeRun. Arguments are checked here with messages in the house style; the heavy lifting is in the
// core library, shared with mfg-solve.
#include <napi.h>

#include "build_info.hpp"
#include "convert.hpp"
#include "models/mfg/memory.hpp"
#include "solve_worker.hpp"

namespace mfg::binding {

namespace {

Napi::Value capabilities(const Napi::CallbackInfo& info) {
  Json c = io::build_info_json();
  c["threads"] = max_threads();
  c["dimensions"] = Json::array({1, 2, 3});
  c["buildType"] = build::kBuildType;
  c.erase("build_type");
  return json_value(info.Env(), c);
}

bool string_argument(const Napi::CallbackInfo& info, size_t index, const char* name, std::string& out) {
  if (info.Length() > index && info[index].IsString()) {
    out = info[index].As<Napi::String>().Utf8Value();
    return true;
  }
  Napi::TypeError::New(info.Env(), std::string("expected ") + name + " as a string").ThrowAsJavaScriptException();
  return false;
}

Napi::Value validate(const Napi::CallbackInfo& info) {
  std::string text;
  if (!string_argument(info, 0, "the spec (JSON text)", text)) return info.Env().Undefined();
  const SpecParse parsed = parse_spec(text);
  if (!parsed.ok) {
    Json issues = Json::array();
    for (const auto& i : parsed.issues) issues.push_back({{"path", i.path}, {"message", i.message}});
    return json_value(info.Env(), Json{{"ok", false}, {"issues", issues}});
  }
  return json_value(info.Env(), Json{{"ok", true}, {"spec", spec_to_json(parsed.spec)}});
}

// {done: Promise, cancel: () => void}
Napi::Object task(Napi::Env env, Napi::Value done, std::shared_ptr<std::atomic<bool>> cancel) {
  Napi::Object t = Napi::Object::New(env);
  t.Set("done", done);
  t.Set("cancel", Napi::Function::New(env, [cancel](const Napi::CallbackInfo&) { cancel->store(true); }, "cancel"));
  return t;
}

Napi::Value resolved(Napi::Env env, Napi::Value value) {
  auto deferred = Napi::Promise::Deferred::New(env);
  deferred.Resolve(value);
  return deferred.Promise();
}

Napi::Value solve(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::string text;
  if (!string_argument(info, 0, "the spec (JSON text)", text)) return env.Undefined();
  const Napi::Object options = info.Length() > 1 && info[1].IsObject() ? info[1].As<Napi::Object>() : Napi::Object::New(env);
  auto cancel = std::make_shared<std::atomic<bool>>(false);
  const SpecParse parsed = parse_spec(text);
  if (!parsed.ok) return task(env, resolved(env, issues_value(env, parsed.issues)), cancel);
  if (const std::optional<SpecIssue> refusal = memory_refusal(estimate_memory(parsed.spec)))
    return task(env, resolved(env, issues_value(env, {*refusal})), cancel);
  const Napi::Value on_iteration = options.Get("onIteration");
  const Napi::Value threads = options.Get("threads");
  auto* worker = new SolveWorker(env, parsed.spec, unwrap_solution(options.Get("warmStart")),
                                 threads.IsNumber() ? threads.As<Napi::Number>().Int32Value() : 0,
                                 on_iteration.IsFunction() ? on_iteration.As<Napi::Function>() : Napi::Function(), cancel);
  Napi::Value promise = worker->promise();
  worker->Queue();
  return task(env, promise, cancel);
}

Napi::Value write_run(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::string directory, context_text;
  if (!string_argument(info, 0, "the run directory", directory) || !string_argument(info, 2, "the run context (JSON text)", context_text))
    return env.Undefined();
  const SolutionPtr solution = info.Length() > 1 ? unwrap_solution(info[1]) : nullptr;
  if (!solution) return json_value(env, Json{{"ok", false}, {"error", {{"code", "bad_input"}, {"message", "expected a solution from solve(), received something else"}}}});
  Json context = Json::object();
  std::string error;
  parse_json(context_text, context, error);
  io::RunContext ctx;
  ctx.solver_name = context.value("solverName", "mfg-workbench");
  ctx.backend = openmp_enabled() ? "openmp" : "serial";
  ctx.threads = solution->threads;
  ctx.started_at = solution->started_at;
  if (context.contains("provenance") && context["provenance"].is_object()) ctx.provenance = context["provenance"];
  io::RunDirectory dir(directory);
  const bool ok = dir.prepare(context.value("force", false), error) &&
                  dir.write_result(solution->problem, solution->result, io::levels_of(solution->problem, solution->state), ctx, error);
  if (!ok) return json_value(env, Json{{"ok", false}, {"error", {{"code", "io"}, {"message", error}}}});
  return json_value(env, Json{{"ok", true}, {"value", {{"path", directory}}}});
}

Napi::Object init(Napi::Env env, Napi::Object exports) {
  exports.Set("capabilities", Napi::Function::New(env, capabilities, "capabilities"));
  exports.Set("validate", Napi::Function::New(env, validate, "validate"));
  exports.Set("solve", Napi::Function::New(env, solve, "solve"));
  exports.Set("writeRun", Napi::Function::New(env, write_run, "writeRun"));
  return exports;
}

}  // namespace

}  // namespace mfg::binding

// NODE_API_MODULE pastes its second argument into an identifier: it must be unqualified.
static Napi::Object InitMfgNative(Napi::Env env, Napi::Object exports) { return mfg::binding::init(env, exports); }
NODE_API_MODULE(mfg_native, InitMfgNative)
