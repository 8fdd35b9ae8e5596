// One loop abstraction for every backend (STYLE.md: AMReX ParallelFor, Kokkos parallel_for).
// Kernels are written as small pointwise lambdas; this header decides where they run.
// Reductions use a fixed blocking that does not depend on the thread count, so that results
// are bitwise identical for 1, 2 or N threads (tests compare them).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#ifdef _OPENMP
#include <omp.h>
#endif

namespace mfg {

using Index = std::int64_t;

// Below this many iterations a loop runs serially: forking threads costs microseconds, which
// dominates 1D problems of a few hundred cells.
constexpr Index kParallelThreshold = 32768;

// The kernels of the 2D/3D per-step solves (stencils, smoothers, multigrid transfers, BiCGStab's
// vector updates) split from this many cells: a multigrid V-cycle visits levels of every size, and
// with the general threshold every level below 181 x 181 ran serially while the other threads spun
// (perf: 47% of a 2-thread 192^2 solve in the OpenMP barrier). Measured on 2D 192^2 x 20, 2 threads:
// 32768 -> 24.2 s, 8192 -> 19.0 s, 4096 -> 17.5-20.0 s, 2048 -> 20.7 s, 1024 -> 20.7 s (1 thread: 25 s).
// The space-time loops of 1D solves keep the general threshold: at 4096 the seed preset took twice as long.
constexpr Index kGridParallelThreshold = 4096;

// Fixed block size for deterministic reductions.
constexpr Index kReductionBlock = 4096;

inline int max_threads() {
#ifdef _OPENMP
  return omp_get_max_threads();
#else
  return 1;
#endif
}

inline void set_threads(int n) {
#ifdef _OPENMP
  if (n > 0) omp_set_num_threads(n);
#else
  (void)n;
#endif
}

inline bool openmp_enabled() {
#ifdef _OPENMP
  return true;
#else
  return false;
#endif
}

// Runs f(i) for i in [0, n), in parallel when n >= threshold.
// Small loops never enter the OpenMP runtime: even a parallel region with a false `if` clause costs
// about a microsecond, which dominates the 1D solves.
template <class F>
inline void parallel_for_min(Index n, Index threshold, F&& f) {
#ifdef _OPENMP
  if (n >= threshold) {
#pragma omp parallel for schedule(static)
    for (Index i = 0; i < n; ++i) f(i);
    return;
  }
#else
  (void)threshold;
#endif
  for (Index i = 0; i < n; ++i) f(i);
}

template <class F>
inline void parallel_for(Index n, F&& f) {
  parallel_for_min(n, kParallelThreshold, f);
}

// parallel_for for the per-step grid kernels of 2D/3D solves (see kGridParallelThreshold).
template <class F>
inline void parallel_for_grid(Index n, F&& f) {
  parallel_for_min(n, kGridParallelThreshold, f);
}

// Sum of f(i) for i in [0, n), bitwise independent of the number of threads.
template <class F>
inline double parallel_sum(Index n, F&& f) {
  const Index blocks = (n + kReductionBlock - 1) / kReductionBlock;
  auto block_sum = [&](Index b) {
    const Index lo = b * kReductionBlock, hi = std::min(n, lo + kReductionBlock);
    double s = 0.0;
    for (Index i = lo; i < hi; ++i) s += f(i);
    return s;
  };
  if (blocks <= 1) return blocks == 1 ? block_sum(0) : 0.0;
  std::vector<double> partial(static_cast<size_t>(blocks));
  // Threads pay off from a few blocks each.
  parallel_for_min(blocks, 8, [&](Index b) { partial[static_cast<size_t>(b)] = block_sum(b); });
  double s = 0.0;
  for (double p : partial) s += p;
  return s;
}

// Max of f(i) over [0, n) (order-independent, so no blocking is needed for determinism).
// NaN propagates: a NaN anywhere gives NaN.
template <class F>
inline double parallel_max(Index n, F&& f) {
  double result = -INFINITY;
  bool nan = false;
  auto body = [&](Index i, double& r, bool& found_nan) {
    const double v = f(i);
    if (std::isnan(v)) found_nan = true;
    else r = std::max(r, v);
  };
#ifdef _OPENMP
  if (n >= kParallelThreshold) {
#pragma omp parallel for schedule(static) reduction(max : result) reduction(|| : nan)
    for (Index i = 0; i < n; ++i) body(i, result, nan);
    return nan ? NAN : result;
  }
#endif
  for (Index i = 0; i < n; ++i) body(i, result, nan);
  return nan ? NAN : result;
}

}  // namespace mfg
