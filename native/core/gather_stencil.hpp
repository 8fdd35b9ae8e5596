// A stencil matrix in "gather" form, for the hot loops of the iterative step solvers (the matrix-
// vector product of BiCGStab and the Gauss-Seidel smoother of multigrid, ~85% of a 2D/3D solve).
//
// StencilMatrix stores, per cell and face, the coefficient of the neighbour across that face, valid
// only where the face is interior; the generic kernels therefore build each cell's faces (boundary
// kind, obstacles) and branch per face, and A^T gathers from the neighbour's opposite face. Here the
// coefficients are copied once per matrix in the orientation needed (A or A^T) with zeros on every
// face that is not interior (walls, exits, faces into or out of obstacles). The kernels then need no
// face kinds: inside a line along x the neighbours are c +- 1 and c +- stride, the two cells at the
// ends of a line take their x neighbour from the grid (periodic wrap, or the cell itself with a zero
// coefficient). Same arithmetic in the same order as the generic kernels, so results are bitwise
// those of StencilMatrix::apply / apply_transposed and independent of the thread count.
//
// T is the precision of the copy and of the vectors: double, or float for the mixed-precision
// multigrid preconditioner (solver.precision = "mixed"), which halves the bytes its smoother streams.
#pragma once

#include <array>
#include <vector>

#include "stencil.hpp"

namespace mfg {

template <class T>
class GatherStencilT {
 public:
  // Copies a (or its transpose) into gather form. `a` may change afterwards; call build again.
  void build(const StencilMatrix& a, bool transposed);
  bool built_for(const StencilMatrix& a, bool transposed) const { return source_ == &a && transposed_ == transposed && fresh_; }
  void invalidate() { fresh_ = false; }

  // y = M x, M the matrix in the orientation it was built for.
  void apply(const T* x, T* y) const;
  // One Gauss-Seidel half sweep over the cells of one colour (red-black: parity of the coordinate
  // sum), in place: x_c = (b_c - sum_f w_f x_nb) / diag_c. Only valid where red-black is a
  // 2-colouring (no periodic axis of odd length).
  void relax_colour(const T* b, T* x, int colour) const;

  const Grid& grid() const { return *grid_; }

 private:
  const Grid* grid_ = nullptr;
  const StencilMatrix* source_ = nullptr;
  bool transposed_ = false;
  bool fresh_ = false;
  std::vector<T> diag_, inv_diag_;
  std::array<std::vector<T>, kMaxFaces> w_;
};

extern template class GatherStencilT<double>;
extern template class GatherStencilT<float>;
using GatherStencil = GatherStencilT<double>;

}  // namespace mfg
