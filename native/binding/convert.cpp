#include "convert.hpp"

#include "io/records.hpp"

#include <cmath>
#include <cstring>

namespace mfg::binding {

namespace {

Json finite_or_null(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

Napi::Float64Array float64_array(Napi::Env env, const double* data, size_t n) {
  auto array = Napi::Float64Array::New(env, n);
  if (n > 0) std::memcpy(array.Data(), data, n * sizeof(double));
  return array;
}

// The stored levels of u or m, contiguous (stored levels x cells).
Napi::Float64Array stored_field(Napi::Env env, const Solution& s, char field) {
  const std::vector<Index> levels = s.problem.stored_levels();
  const Index cells = s.problem.cells();
  auto array = Napi::Float64Array::New(env, size_t(cells) * levels.size());
  for (size_t k = 0; k < levels.size(); ++k) {
    const double* src = field == 'u' ? s.state.u.at(levels[k]) : s.state.m.at(levels[k]);
    std::memcpy(array.Data() + k * size_t(cells), src, size_t(cells) * sizeof(double));
  }
  return array;
}

Json result_json(const Solution& s, bool warm_started) {
  const SolveResult& r = s.result;
  Json history = Json::array();
  for (const auto& record : r.history) history.push_back(io::iteration_json(record));
  return Json{{"status", status_name(r.status)},
              {"message", r.message},
              {"iterations", r.iterations},
              {"residual", {{"hjb", finite_or_null(r.residual.hjb)}, {"fp", finite_or_null(r.residual.fp)}, {"change", finite_or_null(r.change)}}},
              {"mass",
               {{"initial", finite_or_null(r.mass.initial)}, {"final", finite_or_null(r.mass.final)}, {"exited", finite_or_null(r.mass.exited)},
                {"max_relative_drift", finite_or_null(r.mass.max_relative_drift)}, {"min_density", finite_or_null(r.mass.min_density)}}},
              {"timings",
               {{"total_s", r.total_s}, {"hjb_s", r.times.hjb}, {"fp_s", r.times.fp}, {"linear_s", r.times.linear}, {"newton_s", r.times.newton}}},
              {"history", history},
              {"spec", spec_to_json(s.problem.spec)},
              {"grid", io::grid_json(s.problem)},
              {"warmStarted", warm_started}};
}

}  // namespace

Napi::Value json_value(Napi::Env env, const Json& json) {
  Napi::Object JSON = env.Global().Get("JSON").As<Napi::Object>();
  return JSON.Get("parse").As<Napi::Function>().Call(JSON, {Napi::String::New(env, json.dump())});
}

Napi::Object iteration_object(Napi::Env env, const IterationRecord& record) {
  return json_value(env, io::iteration_json(record)).As<Napi::Object>();
}

Napi::Value issues_value(Napi::Env env, const std::vector<SpecIssue>& issues) {
  Json list = Json::array();
  for (const auto& i : issues) list.push_back({{"path", i.path}, {"message", i.message}});
  const std::string message = issues.empty() ? "invalid spec" : format_issue(issues.front());
  return json_value(env, Json{{"ok", false}, {"error", {{"code", "bad_input"}, {"message", message}, {"details", {{"issues", list}}}}}});
}

Napi::Value internal_error_value(Napi::Env env, const std::string& message) {
  return json_value(env, Json{{"ok", false}, {"error", {{"code", "internal"}, {"message", "the solver failed: " + message}}}});
}

Napi::Value result_value(Napi::Env env, const SolutionPtr& solution, bool warm_started) {
  Napi::Object value = json_value(env, result_json(*solution, warm_started)).As<Napi::Object>();
  std::vector<double> times;
  for (Index level : solution->problem.stored_levels()) times.push_back(solution->problem.time(level));
  value.Set("times", float64_array(env, times.data(), times.size()));
  value.Set("u", stored_field(env, *solution, 'u'));
  value.Set("m", stored_field(env, *solution, 'm'));
  value.Set("solution", wrap_solution(env, solution));
  Napi::Object result = Napi::Object::New(env);
  result.Set("ok", true);
  result.Set("value", value);
  return result;
}

}  // namespace mfg::binding
