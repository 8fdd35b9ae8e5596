#include "solution_handle.hpp"

namespace mfg::binding {

namespace {
// Tags Externals made here, so that unwrap_solution never reinterprets a foreign External.
const napi_type_tag kSolutionTag = {0x6d66672d736f6c75ULL, 0x74696f6e2d763101ULL};
}  // namespace

Napi::Value wrap_solution(Napi::Env env, SolutionPtr solution) {
  auto* holder = new SolutionPtr(std::move(solution));
  auto external = Napi::External<SolutionPtr>::New(env, holder, [](Napi::Env, SolutionPtr* p) { delete p; });
  external.TypeTag(&kSolutionTag);
  return external;
}

SolutionPtr unwrap_solution(const Napi::Value& value) {
  if (!value.IsExternal()) return nullptr;
  auto external = value.As<Napi::External<SolutionPtr>>();
  if (!external.CheckTypeTag(&kSolutionTag)) return nullptr;
  return *external.Data();
}

}  // namespace mfg::binding
