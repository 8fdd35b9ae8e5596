#include "multigrid.hpp"

#include <tuple>
#include <type_traits>

#include "cell_loop.hpp"

namespace mfg {

namespace {

// The coarsest level is solved directly (dense LU, (n^3)/3 flops once per build).
constexpr Index kCoarsestCells = 128;
constexpr int kSmoothingSteps = 2;
constexpr size_t kMaxLevels = 40;

GridShape coarse_shape(const Grid& g, bool& coarsened) {
  GridShape shape = g.shape();
  coarsened = false;
  for (int a = 0; a < g.dim(); ++a)
    if (g.points(a) > 2) {
      shape.points[a] = (g.points(a) + 1) / 2;
      coarsened = true;
    }
  return shape;
}

bool red_black_safe(const Grid& g) {
  for (int a = 0; a < g.dim(); ++a)
    if (g.boundary(a, 0) == BoundaryKind::Periodic && g.points(a) % 2 == 1) return false;
  return true;
}

// Calls body(i, k) for the fine cells i (coordinates k) of coarse cell K in increasing index: per
// axis the fine indices 2K and 2K+1 (if the axis was halved and 2K+1 exists), else K.
template <class Body>
void for_each_child(const std::array<bool, kMaxDim>& coarsened, const Grid& fine, const std::array<Index, kMaxDim>& K, Body&& body) {
  std::array<Index, kMaxDim> first{}, count{};
  for (int a = 0; a < kMaxDim; ++a) {
    const bool axis = a < fine.dim();
    first[a] = axis && coarsened[a] ? 2 * K[a] : (axis ? K[a] : 0);
    count[a] = axis && coarsened[a] && first[a] + 1 < fine.points(a) ? 2 : 1;
  }
  std::array<Index, kMaxDim> k{};
  for (Index dz = 0; dz < count[2]; ++dz)
    for (Index dy = 0; dy < count[1]; ++dy)
      for (Index dx = 0; dx < count[0]; ++dx) {
        k = {first[0] + dx, first[1] + dy, first[2] + dz};
        body(k[0] + fine.stride(1) * k[1] * (fine.dim() > 1) + fine.stride(2) * k[2] * (fine.dim() > 2), k);
      }
}

}  // namespace

template <class T>
double MultigridT<T>::face_diffusion(size_t k, int f, Index c, FaceKind kind) const {
  if (kind != FaceKind::Interior) return 0.0;
  if (k == 0) return levels_[0].a->diffusion[face_axis(f)];
  return levels_[k].diffusion[f][c];
}

template <class T>
void MultigridT<T>::build(const StencilMatrix& a) {
  levels_.clear();
  // Levels point into each other (`a` into `own`): no reallocation after they are made.
  levels_.reserve(kMaxLevels);
  levels_.emplace_back();
  Level& top = levels_.back();
  top.a = &a;
  top.grid = a.grid;
  while (levels_.back().grid->size() > kCoarsestCells && levels_.size() < kMaxLevels && add_coarse_level()) {
  }
  for (Level& l : levels_) {
    const size_t n = size_t(l.grid->size());
    l.r.resize(n);
    l.b.resize(n);
    l.x.resize(n);
    l.parallel_smoothing = red_black_safe(*l.grid);
  }
  // The coarsest operator as a dense matrix.
  const Level& last = levels_.back();
  const Grid& g = *last.grid;
  const Index n = g.size();
  std::vector<double> dense(size_t(n * n), 0.0);
  for (Index c = 0; c < n; ++c) {
    dense[c * n + c] += last.a->diag[c];
    for (int f = 0; f < g.faces(); ++f) {
      const Face face = g.face(c, f);
      if (face.kind == FaceKind::Interior) dense[c * n + face.neighbour] += last.a->off[f][c];
    }
  }
  coarsest_.factor(std::move(dense), n);
}

template <class T>
bool MultigridT<T>::add_coarse_level() {
  const size_t k = levels_.size() - 1;
  const Grid& fine = *levels_[k].grid;
  bool coarsened = false;
  const GridShape shape = coarse_shape(fine, coarsened);
  if (!coarsened) return false;
  Level coarse;
  coarse.owned_grid = std::make_unique<Grid>(shape);
  coarse.grid = coarse.owned_grid.get();
  const Grid& cg = *coarse.grid;
  coarse.own.resize(cg);
  for (int f = 0; f < cg.faces(); ++f) coarse.diffusion[f].assign(size_t(cg.size()), 0.0);
  Level& parent = levels_[k];
  for (int ax = 0; ax < fine.dim(); ++ax) parent.coarsened[ax] = shape.points[ax] < fine.points(ax);
  parent.coarse_of.resize(size_t(fine.size()));
  parallel_for_grid(fine.size(), [&](Index c) {
    const auto kf = fine.coords(c);
    Index C = 0;
    for (int ax = 0; ax < fine.dim(); ++ax) C += (parent.coarsened[ax] ? kf[ax] / 2 : kf[ax]) * cg.stride(ax);
    parent.coarse_of[c] = C;
  });
  // Galerkin sums gathered per coarse cell from its children, in increasing fine index (the order a
  // serial loop over fine cells adds them: bitwise the same, and parallel), then the diffusion fix.
  // Serial, this loop was the largest serial part of a solve (16 threads: 2.75x on 2D 250^2).
  const StencilMatrix& a = *parent.a;
  parallel_for_grid(cg.size(), [&](Index C) {
    for_each_child(parent.coarsened, fine, cg.coords(C), [&](Index c, const std::array<Index, kMaxDim>& kc) {
      coarse.own.diag[C] += a.diag[c];
      for (int f = 0; f < fine.faces(); ++f) {
        const Face face = fine.face(c, kc, f);  // coordinates known: no divisions per face
        if (face.kind != FaceKind::Interior) continue;
        if (parent.coarse_of[face.neighbour] == C) {
          coarse.own.diag[C] += a.off[f][c];
        } else {
          coarse.own.off[f][C] += a.off[f][c];
          coarse.diffusion[f][C] += 0.5 * face_diffusion(k, f, c, face.kind);
        }
      }
    });
  });
  parallel_for_grid(cg.size(), [&](Index C) {
    for (int f = 0; f < cg.faces(); ++f) {
      coarse.own.off[f][C] += coarse.diffusion[f][C];
      coarse.own.diag[C] -= coarse.diffusion[f][C];
    }
  });
  levels_.push_back(std::move(coarse));
  levels_.back().a = &levels_.back().own;
  return true;
}

template <class T>
const GatherStencilT<T>& MultigridT<T>::gather(Level& l, bool transposed) {
  GatherStencilT<T>& g = l.gather[transposed ? 1 : 0];
  if (!g.built_for(*l.a, transposed)) g.build(*l.a, transposed);
  return g;
}

template <class T>
void MultigridT<T>::apply_finest(const T* x, T* y, bool transposed) { gather(levels_[0], transposed).apply(x, y); }

template <class T>
void MultigridT<T>::smooth(Level& l, const T* b, T* x, bool transposed, bool reverse) {
  if (l.parallel_smoothing) {
    const GatherStencilT<T>& g = gather(l, transposed);
    for (int sweep = 0; sweep < 2; ++sweep) g.relax_colour(b, x, (sweep + (reverse ? 1 : 0)) & 1);
    return;
  }
  // Red-black ordering is not a 2-colouring on a periodic axis of odd length: lexicographic
  // Gauss-Seidel, serial (only small coarse levels get here).
  const Grid& g = *l.grid;
  const StencilMatrix::Coefficients a = l.a->coefficients();
  with_grid_view(g, [&](auto view) {
    constexpr int nf = decltype(view)::kFaces;
    for (int sweep = 0; sweep < 2; ++sweep)
      for (Index c = 0; c < g.size(); ++c) {
        const auto k = view.coords(c);
        double s = b[c];
        for (int f = 0; f < nf; ++f) {
          const Face face = view.face(c, k, f);
          if (face.kind != FaceKind::Interior) continue;
          s -= (transposed ? a.off[opposite_face(f)][face.neighbour] : a.off[f][c]) * x[face.neighbour];
        }
        x[c] = T(s / a.diag[c]);
      }
  });
}

template <class T>
void MultigridT<T>::restrict_residual(Level& l, Level& c, const T* b) {
  const Grid& fine = *l.grid;
  const Grid& coarse = *c.grid;
  parallel_for_grid(coarse.size(), [&](Index C) {
    double sum = 0.0;
    for_each_child(l.coarsened, fine, coarse.coords(C), [&](Index i, const auto&) { sum += b[i] - l.r[i]; });
    c.b[C] = T(sum);
  });
}

template <class T>
void MultigridT<T>::cycle(size_t k, const T* b, T* x, bool transposed) {
  if (k + 1 == levels_.size()) {
    if constexpr (std::is_same_v<T, double>) {
      if (transposed) coarsest_.solve_transposed(b, x);
      else coarsest_.solve(b, x);
    } else {
      const size_t n = levels_.back().x.size();
      coarse_b_.assign(b, b + n);
      coarse_x_.resize(n);
      if (transposed) coarsest_.solve_transposed(coarse_b_.data(), coarse_x_.data());
      else coarsest_.solve(coarse_b_.data(), coarse_x_.data());
      for (size_t i = 0; i < n; ++i) x[i] = T(coarse_x_[i]);
    }
    return;
  }
  Level& l = levels_[k];
  Level& c = levels_[k + 1];
  const Index n = l.grid->size();
  for (int s = 0; s < kSmoothingSteps; ++s) smooth(l, b, x, transposed, false);
  gather(l, transposed).apply(x, l.r.data());
  restrict_residual(l, c, b);
  std::fill(c.x.begin(), c.x.end(), T(0));
  cycle(k + 1, c.b.data(), c.x.data(), transposed);
  parallel_for_grid(n, [&](Index i) { x[i] += c.x[l.coarse_of[i]]; });
  for (int s = 0; s < kSmoothingSteps; ++s) smooth(l, b, x, transposed, true);
}

template <class T>
void MultigridT<T>::vcycle(const T* b, T* x, bool transposed) {
  cycle(0, b, x, transposed);
}

template class MultigridT<double>;
template class MultigridT<float>;

}  // namespace mfg
