// Sparse matrices with one coefficient per cell and per face: the (2 d + 1)-point stencils of the
// finite-difference operators. Row c holds diag[c] and, for each face f, off[f][c]: the coefficient
// of the cell across that face (unused when the face is a wall or an exit).
// The transpose is applied without forming it: row j of A^T gathers off[opposite(f)][neighbour].
#pragma once

#include <vector>

#include "cell_loop.hpp"

namespace mfg {

struct StencilMatrix {
  const Grid* grid = nullptr;
  std::vector<double> diag;
  std::array<std::vector<double>, kMaxFaces> off;
  // The diffusion coefficient (nu / h^2 per axis) included in every interior off-diagonal, so that
  // multigrid can coarsen the diffusion and the transport parts differently; 0 when unknown.
  std::array<double, kMaxDim> diffusion{};

  void resize(const Grid& g) {
    grid = &g;
    diag.assign(static_cast<size_t>(g.size()), 0.0);
    for (int f = 0; f < kMaxFaces; ++f) off[f].assign(f < g.faces() ? static_cast<size_t>(g.size()) : 0, 0.0);
  }

  // Raw pointers to the coefficient arrays, hoisted out of the kernels (the compiler cannot prove
  // that the stores into y leave the vectors' own pointers unchanged).
  struct Coefficients {
    const double* diag;
    std::array<const double*, kMaxFaces> off;
  };
  Coefficients coefficients() const {
    Coefficients c{diag.data(), {}};
    for (int f = 0; f < kMaxFaces; ++f) c.off[f] = off[f].data();
    return c;
  }

  // y = A x
  void apply(const double* x, double* y) const {
    const Coefficients a = coefficients();
    with_grid_view(*grid, [&](auto view) {
      constexpr int nf = decltype(view)::kFaces;
      for_each_cell(view, [&](Index c, const auto& faces) {
        double s = a.diag[c] * x[c];
        for (int f = 0; f < nf; ++f)
          if (faces[f].kind == FaceKind::Interior) s += a.off[f][c] * x[faces[f].neighbour];
        y[c] = s;
      });
    });
  }

  // y = A^T x
  void apply_transposed(const double* x, double* y) const {
    const Coefficients a = coefficients();
    with_grid_view(*grid, [&](auto view) {
      constexpr int nf = decltype(view)::kFaces;
      for_each_cell(view, [&](Index c, const auto& faces) {
        double s = a.diag[c] * x[c];
        for (int f = 0; f < nf; ++f) {
          const Face face = faces[f];
          if (face.kind == FaceKind::Interior) s += a.off[opposite_face(f)][face.neighbour] * x[face.neighbour];
        }
        y[c] = s;
      });
    });
  }
};

}  // namespace mfg
