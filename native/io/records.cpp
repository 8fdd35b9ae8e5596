#include "records.hpp"

#include <cmath>

namespace mfg::io {

namespace {
Json finite_or_null(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }
}  // namespace

Json iteration_json(const IterationRecord& r) {
  return Json{{"iteration", r.iteration}, {"phase", phase_name(r.phase)}, {"residual_hjb", finite_or_null(r.residual_hjb)},
              {"residual_fp", finite_or_null(r.residual_fp)}, {"residual", finite_or_null(r.residual)},
              {"change", finite_or_null(r.change)}, {"elapsed_s", r.elapsed_s}, {"linear_iterations", r.linear_iterations}};
}

}  // namespace mfg::io
