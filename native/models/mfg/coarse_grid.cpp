#include "coarse_grid.hpp"

#include <algorithm>
#include <cmath>

namespace mfg {

namespace {

bool can_halve(const Grid& g) {
  if (g.dim() < 2) return false;
  for (int a = 0; a < g.dim(); ++a)
    if (g.points(a) % 2 != 0 || g.points(a) / 2 < kMinCoarsePoints) return false;
  return true;
}

// Coarse cell solid when more than half of its 2^d fine cells are (the fine mask already combines
// the obstacle formula and file). Ties stay open: a one-cell door or corridor keeps a path.
std::vector<std::uint8_t> coarse_mask(const Grid& fine, const GridShape& shape) {
  const Grid coarse(shape);
  std::vector<int> solid_children(size_t(coarse.size()), 0);
  for (Index c = 0; c < fine.size(); ++c) {
    if (!fine.is_solid(c)) continue;
    const auto k = fine.coords(c);
    Index C = 0;
    for (int a = 0; a < fine.dim(); ++a) C += (k[a] / 2) * coarse.stride(a);
    ++solid_children[size_t(C)];
  }
  const int children = 1 << fine.dim();
  std::vector<std::uint8_t> mask(size_t(coarse.size()));
  for (size_t C = 0; C < mask.size(); ++C) mask[C] = 2 * solid_children[C] > children;
  return mask;
}

// Per axis: the two coarse cells whose centres bracket a fine centre, and the weight of the second.
struct Bracket {
  Index first = 0, second = 0;
  double weight = 0.0;
};

Bracket bracket(const Grid& coarse, int axis, Index fine_index) {
  const Index n = coarse.points(axis);
  // Fine centre (k + 1/2) h in coarse cell units, minus the half cell of the coarse centres.
  const double q = 0.5 * (double(fine_index) + 0.5) - 0.5;
  Index i0 = Index(std::floor(q));
  Bracket b{i0, i0 + 1, q - double(i0)};
  const bool periodic = coarse.boundary(axis, 0) == BoundaryKind::Periodic;
  if (b.first < 0) b.first = periodic ? n - 1 : 0;
  if (b.second >= n) b.second = periodic ? 0 : n - 1;
  return b;
}

// The multilinear interpolation weights of a fine cell over the open coarse cells around it (at
// most 8), renormalised; the coarse parent alone when all of them are solid.
struct Stencil {
  std::array<Index, 8> cell{};
  std::array<double, 8> weight{};
  int count = 0;
};

Stencil interpolation(const Grid& coarse, const Grid& fine, Index c) {
  const auto k = fine.coords(c);
  std::array<Bracket, kMaxDim> b{};
  for (int a = 0; a < fine.dim(); ++a) b[a] = bracket(coarse, a, k[a]);
  Stencil s;
  double total = 0.0;
  for (int corner = 0; corner < (1 << fine.dim()); ++corner) {
    Index C = 0;
    double w = 1.0;
    for (int a = 0; a < fine.dim(); ++a) {
      const bool upper = (corner >> a) & 1;
      C += (upper ? b[a].second : b[a].first) * coarse.stride(a);
      w *= upper ? b[a].weight : 1.0 - b[a].weight;
    }
    if (w == 0.0 || coarse.is_solid(C)) continue;
    s.cell[size_t(s.count)] = C;
    s.weight[size_t(s.count)] = w;
    ++s.count;
    total += w;
  }
  if (total > 0.0) {
    for (int i = 0; i < s.count; ++i) s.weight[size_t(i)] /= total;
    return s;
  }
  Index parent = 0;
  for (int a = 0; a < fine.dim(); ++a) parent += (k[a] / 2) * coarse.stride(a);
  s.cell[0] = parent;
  s.weight[0] = 1.0;
  s.count = 1;
  return s;
}

}  // namespace

bool coarsen_problem(const Problem& fine, Problem& coarse) {
  if (!can_halve(fine.grid)) return false;
  Spec spec = fine.spec;
  for (int a = 0; a < fine.grid.dim(); ++a) spec.domain.points[a] = fine.grid.points(a) / 2;
  // The solid cells come from the fine mask (formula and file together), not from re-evaluating.
  spec.obstacle = "0";
  spec.obstacle_file.clear();
  const std::vector<std::uint8_t> mask = coarse_mask(fine.grid, spec.domain);
  ProblemBuild built = build_problem(spec, &mask);
  if (!built.ok) return false;
  coarse = std::move(built.problem);
  return true;
}

void prolong_state(const Problem& coarse, const MfgState& from, const Problem& fine, MfgState& to) {
  const Index n = fine.cells(), levels = from.u.levels();
  to.u = SpaceTimeField(n, levels);
  to.m = SpaceTimeField(n, levels);
  std::vector<Stencil> stencils(static_cast<size_t>(n));
  parallel_for(n, [&](Index c) { stencils[size_t(c)] = interpolation(coarse.grid, fine.grid, c); });
  for (Index level = 0; level < levels; ++level) {
    const double* cu = from.u.at(level);
    const double* cm = from.m.at(level);
    double* u = to.u.at(level);
    double* m = to.m.at(level);
    parallel_for(n, [&](Index c) {
      const Stencil& s = stencils[size_t(c)];
      double su = 0.0, sm = 0.0;
      for (int i = 0; i < s.count; ++i) {
        su += s.weight[size_t(i)] * cu[s.cell[size_t(i)]];
        sm += s.weight[size_t(i)] * cm[s.cell[size_t(i)]];
      }
      u[c] = su;
      m[c] = fine.grid.is_solid(c) ? 0.0 : sm;
    });
  }
  std::copy(fine.initial_density.begin(), fine.initial_density.end(), to.m.at(0));
  std::copy(fine.terminal_cost.begin(), fine.terminal_cost.end(), to.u.at(levels - 1));
}

}  // namespace mfg
