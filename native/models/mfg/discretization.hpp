// The finite-difference operators of the scheme of Achdou & Capuzzo-Dolcetta (SIAM J. Numer. Anal.
// 48(3), 2010), on the cell-centred grids of core/grid.hpp:
//
//   HJB, backward:  (u^n - u^{n+1})/dt - nu Lap u^n + G(D u^n) = f(m^{n+1}) + V(t_n)
//   FP,  forward:   (m^{n+1} - m^n)/dt - nu Lap m^{n+1} + DG(u^n)^T m^{n+1} = 0
//
// The Fokker-Planck operator is the transpose of the linearised HJB operator (the discrete adjoint),
// which is what makes the scheme conserve mass to round-off and keep m >= 0: the step matrix
// A = I/dt - nu Lap + DG(u) is an M-matrix whose rows sum to 1/dt, so 1^T (A^T m) = 1^T m / dt.
//
// Per face f of a cell c the difference is D_f = u_nb - u_c (interior), 0 (wall: no flux) or
// 2 (g_exit - u_c) (exit: the ghost value that puts g_exit on the face); the one-sided derivative is
// q_f = sign_f D_f / h (forward difference on upper faces, backward on lower ones).
#pragma once

#include <array>
#include <vector>

#include "../../core/stencil.hpp"
#include "problem.hpp"

namespace mfg {

// Per-face arrays (one value per cell and face).
struct FaceArrays {
  std::array<std::vector<double>, kMaxFaces> w;
  void resize(const Grid& g) {
    for (int f = 0; f < g.faces(); ++f) w[f].resize(size_t(g.size()));
  }
  bool sized_for(const Grid& g) const { return w[0].size() == size_t(g.size()); }
};
using FaceScratch = FaceArrays;

// The transport Hessian C(u, m) of one time step, frozen so that it can be applied many times
// (once per GMRES iteration). C = sum over cells and faces of Dq^T (m Hess_q G) Dq. When the Hessian
// of G in q is diagonal (kappa = 0: the quadratic Hamiltonian without a cap) C is a (2d+1)-point
// stencil and is assembled; otherwise its rank-one part couples diagonal neighbours and C is applied
// matrix-free from per-face data: diagonal = m psi [q_f active], s_f, and m kappa per cell.
struct TransportHessian {
  bool assembled = false;
  StencilMatrix matrix;
  FaceArrays diagonal, s;
  std::vector<double> m_kappa;
};

class Discretization {
 public:
  explicit Discretization(const Problem& problem);

  // out = -nu Lap u + G(D u): the spatial part of the HJB equation.
  void hjb_operator(const double* u, double* out) const { linearise(u, out, nullptr); }

  // A = I/dt - nu Lap + DG(u): the Jacobian of u/dt + hjb_operator(u). A^T is the FP step matrix.
  void step_matrix(const double* u, StencilMatrix& a) const { linearise(u, nullptr, &a); }

  // Both of the above in one pass over the grid; either output may be null.
  void linearise(const double* u, double* op, StencilMatrix* a) const;

  // C(u, m) is the Hessian of m . G(D u) with respect to u: the derivative of the FP transport term
  // DG(u)^T m along du (needed by Newton on the coupled system). Freeze it, then apply it.
  void transport_hessian(const double* u, const double* m, TransportHessian& out) const;
  void apply_transport_hessian(const TransportHessian& h, const double* du, double* out, FaceScratch& scratch) const;

  const Grid& grid() const { return grid_; }
  double dt() const { return dt_; }

 private:
  // The derivative of q_f of cell c with respect to u_c (the cell's own value).
  double self_slope(FaceKind kind, int f) const;

  template <class View>
  void freeze_hessian(const View& view, const double* u, const double* m, TransportHessian& h) const;
  template <class View>
  void apply_hessian_matrix_free(const View& view, const TransportHessian& h, const double* du, double* out, FaceScratch& scratch) const;

  const Grid& grid_;
  const Hamiltonian& hamiltonian_;
  std::array<const double*, kMaxFaces> exit_cost_{};  // per face, the exit plane's costs (or null)
  double nu_, dt_;
  std::array<double, kMaxDim> inv_h_{}, nu_inv_h2_{};
};

}  // namespace mfg
