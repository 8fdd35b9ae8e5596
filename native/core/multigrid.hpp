// Geometric multigrid for the 2D/3D step systems A x = b and A^T x = b (A = I/dt - nu Lap + DG(u),
// a nonsymmetric M-matrix on a cell-centred grid), used as a preconditioner of BiCGStab.
//
// Coarse levels aggregate 2 x 2 (x 2) cells, W. Hackbusch, "Multi-Grid Methods and Applications",
// 1985, with Galerkin operators R A P, R = P^T the aggregate sum and P piecewise constant: on a
// (2d+1)-point stencil this stays a (2d+1)-point stencil, and upwind transport coarsens into upwind
// transport (it stays an M-matrix). Aggregation over-weights the diffusion by exactly a factor 2
// against a rediscretisation on the coarse grid (Braess, "Towards algebraic multigrid for elliptic
// problems of second order", Computing 55, 1995), so half of each coarse face's diffusion is removed
// and the diagonal adjusted to keep row sums. Red-black Gauss-Seidel smoothing (deterministic in
// parallel), dense LU on the coarsest level. The transposed system uses the transposed hierarchy.
//
// T is the precision of the cycle's vectors and smoothed copies of the operators: double, or float
// for the mixed-precision preconditioner (the Galerkin operators are formed in double either way).
#pragma once

#include <memory>
#include <vector>

#include "dense_lu.hpp"
#include "gather_stencil.hpp"
#include "stencil.hpp"

namespace mfg {

template <class T>
class MultigridT {
 public:
  // Builds the hierarchy of a (kept by pointer: it must outlive the next build).
  void build(const StencilMatrix& a);
  // One V-cycle for A x = b (or A^T x = b), from the x given.
  void vcycle(const T* b, T* x, bool transposed);
  int levels() const { return int(levels_.size()); }
  // y = A x (or A^T x) on the finest level, through its gather form (the fast matrix-vector product).
  void apply_finest(const T* x, T* y, bool transposed);

 private:
  struct Level {
    std::unique_ptr<Grid> owned_grid;    // coarse levels own their grid
    const Grid* grid = nullptr;
    StencilMatrix own;                   // coarse levels own their operator
    const StencilMatrix* a = nullptr;    // the operator of this level
    // Diffusion inside each interior off-diagonal (coarse levels; level 0 uses a->diffusion).
    std::array<std::vector<double>, kMaxFaces> diffusion;
    std::vector<Index> coarse_of;        // cell -> cell of the next level
    std::array<bool, kMaxDim> coarsened{};  // which axes the next level halves
    std::vector<T> r, b, x;
    bool parallel_smoothing = true;      // false when a periodic axis of odd length breaks red-black
    std::array<GatherStencilT<T>, 2> gather;  // [transposed]: built on first use after each build
  };

  const GatherStencilT<T>& gather(Level& level, bool transposed);

  // Appends the level below the last one; false when no axis can be coarsened any more.
  bool add_coarse_level();
  double face_diffusion(size_t k, int f, Index c, FaceKind kind) const;
  void smooth(Level& level, const T* b, T* x, bool transposed, bool reverse);
  // coarse.b = R (b - A x), computed per coarse cell from its children (parallel, deterministic).
  void restrict_residual(Level& fine, Level& coarse, const T* b);
  void cycle(size_t k, const T* b, T* x, bool transposed);

  std::vector<Level> levels_;
  DenseLU coarsest_;
  std::vector<double> coarse_b_, coarse_x_;  // the coarsest solve in double when T is float
};

extern template class MultigridT<double>;
extern template class MultigridT<float>;
using Multigrid = MultigridT<double>;

}  // namespace mfg
