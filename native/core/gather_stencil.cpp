#include "gather_stencil.hpp"

#include <algorithm>
#include <type_traits>

namespace mfg {

namespace {

// Where one line along x finds its neighbours: the offsets of the transverse faces (0 where the
// face is not interior: its coefficient is 0 anyway), and the x neighbours of its two end cells.
template <int D>
struct Line {
  Index base = 0;
  Index transverse_sum = 0;
  std::array<Index, 2 * D> offset{};
  Index first_left = 0, last_right = 0;  // neighbours of the cells i = 0 (face 0) and i = nx-1 (face 1)
};

template <int D>
Line<D> line_at(const GridView<D>& v, Index line) {
  Line<D> l;
  const Index nx = v.points(0);
  l.base = line * nx;
  typename GridView<D>::Coords k{};
  Index rest = line;
  for (int a = 1; a < D; ++a) {
    k[a] = rest % v.points(a);
    rest /= v.points(a);
    l.transverse_sum += k[a];
  }
  for (int f = 2; f < 2 * D; ++f) {
    const Face t = v.domain_face(l.base, k, f);
    l.offset[f] = t.kind == FaceKind::Interior ? t.neighbour - l.base : 0;
  }
  k[0] = 0;
  const Face left = v.domain_face(l.base, k, 0);
  l.first_left = left.kind == FaceKind::Interior ? left.neighbour : l.base;
  k[0] = nx - 1;
  const Face right = v.domain_face(l.base + nx - 1, k, 1);
  l.last_right = right.kind == FaceKind::Interior ? right.neighbour : l.base + nx - 1;
  return l;
}

// Runs body(line, i) for the cells of each line (of one colour when colour >= 0), lines in fixed
// chunks across threads (the cells a body writes are its own: no races, thread-independent).
template <int D, class Body>
void for_each_line_cell(const GridView<D>& v, int colour, Body&& body) {
  const Index nx = v.points(0), lines = v.size() / nx;
  const Index min_parallel_lines = std::max<Index>(2, kGridParallelThreshold / nx);
  parallel_for_min(lines, min_parallel_lines, [&](Index line) {
    const Line<D> l = line_at(v, line);
    const Index step = colour < 0 ? 1 : 2;
    const Index start = colour < 0 ? 0 : ((l.transverse_sum & 1) == colour ? 0 : 1);
    body(l, start, step, nx);
  });
}

// The sum over the faces of cell c = base + i of w_f[c] x[neighbour], added to s (Sign = +1) or
// subtracted (Sign = -1): x faces from the line ends or c +- 1, transverse faces from the line's
// offsets, in the generic kernels' face order (0, 1, 2, ...). `Ends`: whether c may be a line end.
template <int Sign, bool Ends, int D, class T>
inline T gather(const std::array<const T*, kMaxFaces>& w, const Line<D>& l, Index i, Index nx, const T* x, T s) {
  const Index c = l.base + i;
  const Index left = Ends && i == 0 ? l.first_left : c - 1;
  const Index right = Ends && i == nx - 1 ? l.last_right : c + 1;
  s += Sign * (w[0][c] * x[left]);
  s += Sign * (w[1][c] * x[right]);
  for (int f = 2; f < 2 * D; ++f) s += Sign * (w[f][c] * x[c + l.offset[f]]);
  return s;
}

// Calls cell(ends, i) (ends: std::true_type or std::false_type) for i = start, start + step, ... < nx: the two line ends
// with the boundary logic, the interior without a branch per cell (the loop the compiler unrolls).
template <class Cell>
inline void run_line(Index start, Index step, Index nx, Cell&& cell) {
  Index i = start;
  if (i == 0) {
    cell(std::true_type{}, i);
    i += step;
  }
  for (; i < nx - 1; i += step) cell(std::false_type{}, i);
  if (i == nx - 1) cell(std::true_type{}, i);
}

}  // namespace

template <class T>
void GatherStencilT<T>::build(const StencilMatrix& a, bool transposed) {
  grid_ = a.grid;
  source_ = &a;
  transposed_ = transposed;
  fresh_ = true;
  const Grid& g = *grid_;
  const size_t n = size_t(g.size());
  diag_.assign(a.diag.begin(), a.diag.end());
  inv_diag_.resize(n);
  for (int f = 0; f < kMaxFaces; ++f) w_[f].assign(f < g.faces() ? n : 0, T(0));
  const StencilMatrix::Coefficients m = a.coefficients();
  with_grid_view(g, [&](auto view) {
    constexpr int nf = decltype(view)::kFaces;
    for_each_cell(view, [&](Index c, const auto& faces) {
      inv_diag_[c] = T(1.0 / m.diag[c]);
      for (int f = 0; f < nf; ++f) {
        const Face face = faces[f];
        if (face.kind != FaceKind::Interior) continue;
        w_[f][c] = T(transposed ? m.off[opposite_face(f)][face.neighbour] : m.off[f][c]);
      }
    });
  });
}

template <class T>
void GatherStencilT<T>::apply(const T* x, T* y) const {
  std::array<const T*, kMaxFaces> w{};
  for (int f = 0; f < kMaxFaces; ++f) w[f] = w_[f].data();
  const T* d = diag_.data();
  with_grid_view(*grid_, [&](auto view) {
    for_each_line_cell(view, -1, [&](const auto& l, Index start, Index step, Index nx) {
      run_line(start, step, nx, [&](auto ends, Index i) {
        constexpr bool Ends = decltype(ends)::value;
        const Index c = l.base + i;
        y[c] = gather<1, Ends>(w, l, i, nx, x, d[c] * x[c]);
      });
    });
  });
}

template <class T>
void GatherStencilT<T>::relax_colour(const T* b, T* x, int colour) const {
  std::array<const T*, kMaxFaces> w{};
  for (int f = 0; f < kMaxFaces; ++f) w[f] = w_[f].data();
  const T* inv = inv_diag_.data();
  with_grid_view(*grid_, [&](auto view) {
    for_each_line_cell(view, colour, [&](const auto& l, Index start, Index step, Index nx) {
      run_line(start, step, nx, [&](auto ends, Index i) {
        constexpr bool Ends = decltype(ends)::value;
        const Index c = l.base + i;
        x[c] = gather<-1, Ends>(w, l, i, nx, x, b[c]) * inv[c];
      });
    });
  });
}

template class GatherStencilT<double>;
template class GatherStencilT<float>;

}  // namespace mfg
