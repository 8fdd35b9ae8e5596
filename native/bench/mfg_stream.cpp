// mfg-stream: what this machine can stream from memory, and what the solver's hot kernels achieve,
// measured in the same process so the ratio means something on a shared, noisy machine.
//
//  - triad: a[i] = b[i] + s c[i] (J. McCalpin's STREAM, "Memory bandwidth and machine balance in
//    current high performance computers", IEEE TCCA Newsletter, 1995): 24 bytes per element.
//  - the gather-form step matrix product y = A x and one red-black Gauss-Seidel sweep on a 2D and a
//    3D grid (core/gather_stencil.hpp): bytes counted as the arrays each pass must read and write
//    once (diag + 2d coefficients + x read, y written; the smoother reads b, x, 1/diag and the
//    coefficients and writes x).
//
// Usage: mfg-stream [--cells N] [--repeat R]; prints one JSON line. Threads: OMP_NUM_THREADS.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "../core/gather_stencil.hpp"
#include "../core/parallel.hpp"

using namespace mfg;

namespace {

using Clock = std::chrono::steady_clock;

template <class F>
double best_seconds(int repeat, F&& f) {
  double best = 1e300;
  for (int r = 0; r < repeat; ++r) {
    const auto t0 = Clock::now();
    f();
    best = std::min(best, std::chrono::duration<double>(Clock::now() - t0).count());
  }
  return best;
}

double triad_gbs(Index n, int repeat) {
  std::vector<double> a(static_cast<size_t>(n)), b(static_cast<size_t>(n)), c(static_cast<size_t>(n));
  parallel_for(n, [&](Index i) { a[i] = 0.0; b[i] = 1.0; c[i] = 2.0; });  // first touch per thread
  const double s = best_seconds(repeat, [&] { parallel_for(n, [&](Index i) { a[i] = b[i] + 3.0 * c[i]; }); });
  return 24.0 * double(n) / s / 1e9;
}

StencilMatrix random_matrix(const Grid& g) {
  StencilMatrix a;
  a.resize(g);
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> off(-1.0, 0.0);
  for (Index c = 0; c < g.size(); ++c) {
    double sum = 0.0;
    for (int f = 0; f < g.faces(); ++f) sum -= (a.off[f][c] = off(rng));
    a.diag[c] = 1.0 + sum;
  }
  return a;
}

struct KernelRate { double apply_gbs, smooth_gbs; };

KernelRate kernel_rates(const GridShape& shape, int repeat) {
  const Grid g(shape);
  const StencilMatrix a = random_matrix(g);
  GatherStencil gs;
  gs.build(a, false);
  const Index n = g.size();
  const size_t len = static_cast<size_t>(n);
  std::vector<double> x(len, 1.0), y(len), b(len, 1.0);
  const double faces = g.faces();
  const double apply_s = best_seconds(repeat, [&] { gs.apply(x.data(), y.data()); });
  const double smooth_s = best_seconds(repeat, [&] {
    gs.relax_colour(b.data(), x.data(), 0);
    gs.relax_colour(b.data(), x.data(), 1);
  });
  return {(faces + 3.0) * 8.0 * double(n) / apply_s / 1e9, (faces + 4.0) * 8.0 * double(n) / smooth_s / 1e9};
}

GridShape cube(int dim, Index cells) {
  GridShape s;
  s.dim = dim;
  const Index side = dim == 2 ? Index(std::sqrt(double(cells))) : Index(std::cbrt(double(cells)));
  for (int a = 0; a < dim; ++a) {
    s.points[a] = side;
    s.lower[a] = 0.0;
    s.upper[a] = 1.0;
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  Index cells = 1 << 24;
  int repeat = 10;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--cells")) cells = std::atoll(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--repeat")) repeat = std::atoi(argv[i + 1]);
  }
  if (cells < 1024 || repeat < 1) {
    std::fprintf(stderr, "mfg-stream: expected --cells >= 1024 and --repeat >= 1\n");
    return 2;
  }
  const double triad = triad_gbs(cells, repeat);
  const KernelRate k2 = kernel_rates(cube(2, cells), repeat);
  const KernelRate k3 = kernel_rates(cube(3, cells), repeat);
  std::printf(
      "{\"cells\":%lld,\"threads\":%d,\"triad_gbs\":%.3f,\"apply_2d_gbs\":%.3f,\"smooth_2d_gbs\":%.3f,"
      "\"apply_3d_gbs\":%.3f,\"smooth_3d_gbs\":%.3f}\n",
      (long long)cells, max_threads(), triad, k2.apply_gbs, k2.smooth_gbs, k3.apply_gbs, k3.smooth_gbs);
  return 0;
}
