#include "discretization.hpp"

#include <tuple>

namespace mfg {

namespace {

// The one-sided derivatives of u at cell c, their upwind parts s_f (min(q, 0) on upper faces,
// max(q, 0) on lower ones) and the radial profile of the Hamiltonian at |s|.
struct CellGradient {
  std::array<Face, kMaxFaces> face;
  std::array<double, kMaxFaces> diff;  // D_f
  std::array<double, kMaxFaces> s;
  std::array<bool, kMaxFaces> active;
  RadialProfile profile;
};

// Where the exit costs are: the grid (for plane indices) and one plane per exit face.
struct ExitCosts {
  const Grid& grid;
  const std::array<const double*, kMaxFaces>& planes;
  double at(int f, Index c) const { return planes[f][grid.plane_index(c, face_axis(f))]; }
};

// D_f = u_nb - u_c inside, 0 on walls (no flux), 2 (g_exit - u_c) on exits: the ghost value that
// puts the exit cost g_exit on the face itself.
template <class Faces>
inline void cell_gradient(const Faces& faces, const double* inv_h, const Hamiltonian& h, const ExitCosts& exits, const double* u, Index c,
                          CellGradient& out) {
  constexpr int nf = int(std::tuple_size<Faces>::value);
  double r2 = 0.0;
  for (int f = 0; f < nf; ++f) {
    const Face face = faces[f];
    out.face[f] = face;
    const double d = face.kind == FaceKind::Interior ? u[face.neighbour] - u[c] : face.kind == FaceKind::Exit ? 2.0 * (exits.at(f, c) - u[c]) : 0.0;
    out.diff[f] = d;
    const double q = face_sign(f) * d * inv_h[face_axis(f)];
    const bool upper = face_side(f) == 1;
    out.active[f] = upper ? q < 0.0 : q > 0.0;
    out.s[f] = out.active[f] ? q : 0.0;
    r2 += out.s[f] * out.s[f];
  }
  out.profile = h.profile(r2);
}

}  // namespace

Discretization::Discretization(const Problem& p) : grid_(p.grid), hamiltonian_(p.hamiltonian), nu_(p.spec.viscosity), dt_(p.dt) {
  for (int f = 0; f < kMaxFaces; ++f) exit_cost_[f] = p.exit_cost[f].empty() ? nullptr : p.exit_cost[f].data();
  for (int a = 0; a < grid_.dim(); ++a) {
    inv_h_[a] = grid_.inv_spacing(a);
    nu_inv_h2_[a] = nu_ * inv_h_[a] * inv_h_[a];
  }
}

double Discretization::self_slope(FaceKind kind, int f) const {
  const double slope = face_sign(f) * inv_h_[face_axis(f)];
  return kind == FaceKind::Interior ? -slope : kind == FaceKind::Exit ? -2.0 * slope : 0.0;
}

void Discretization::linearise(const double* u, double* op, StencilMatrix* a) const {
  const ExitCosts exits{grid_, exit_cost_};
  if (a && a->grid != &grid_) a->resize(grid_);
  if (a)
    for (int axis = 0; axis < grid_.dim(); ++axis) a->diffusion[axis] = nu_inv_h2_[axis];
  const double inv_dt = 1.0 / dt_;
  with_grid_view(grid_, [&](auto view) {
    constexpr int nf = decltype(view)::kFaces;
    for_each_cell(view, [&](Index c, const auto& faces) {
      CellGradient cg;
      cell_gradient(faces, inv_h_.data(), hamiltonian_, exits, u, c, cg);
      double laplacian = 0.0, diag = inv_dt;
      for (int f = 0; f < nf; ++f) {
        const int axis = face_axis(f);
        laplacian += nu_inv_h2_[axis] * cg.diff[f];
        if (!a) continue;
        // dG/dq_f = psi s_f, times dq_f/du_nb = sign_f / h; the diffusion adds -nu / h^2.
        const double transport = cg.profile.psi * cg.s[f] * face_sign(f) * inv_h_[axis];
        const FaceKind kind = cg.face[f].kind;
        if (kind == FaceKind::Interior) {
          a->off[f][c] = transport - nu_inv_h2_[axis];
          diag += nu_inv_h2_[axis] - transport;
        } else {
          a->off[f][c] = 0.0;
          if (kind == FaceKind::Exit) diag += 2.0 * (nu_inv_h2_[axis] - transport);
        }
      }
      if (a) a->diag[c] = diag;
      if (op) op[c] = cg.profile.phi - laplacian;
    });
  });
}

template <class View>
void Discretization::freeze_hessian(const View& view, const double* u, const double* m, TransportHessian& h) const {
  const ExitCosts exits{grid_, exit_cost_};
  constexpr int nf = View::kFaces;
  if (!h.assembled) {
    if (!h.diagonal.sized_for(grid_)) {
      h.diagonal.resize(grid_);
      h.s.resize(grid_);
      h.m_kappa.resize(size_t(grid_.size()));
    }
    for_each_cell(view, [&](Index c, const auto& faces) {
      CellGradient cg;
      cell_gradient(faces, inv_h_.data(), hamiltonian_, exits, u, c, cg);
      for (int f = 0; f < nf; ++f) {
        h.diagonal.w[f][c] = cg.active[f] ? m[c] * cg.profile.psi : 0.0;
        h.s.w[f][c] = cg.s[f];
      }
      h.m_kappa[c] = m[c] * cg.profile.kappa;
    });
    return;
  }
  // Diagonal Hessian: each face f of cell c with weight d = m_c psi [active] adds d Dq_f^T Dq_f, i.e.
  // d / h^2 (e_nb - e_c)(e_nb - e_c)^T for an interior face, 4 d / h^2 e_c e_c^T for an exit. Row c
  // collects its own faces and, through the opposite face, the faces of its neighbours.
  if (h.matrix.grid != &grid_) h.matrix.resize(grid_);
  if (!h.diagonal.sized_for(grid_)) h.diagonal.resize(grid_);
  for_each_cell(view, [&](Index c, const auto& faces) {
    CellGradient cg;
    cell_gradient(faces, inv_h_.data(), hamiltonian_, exits, u, c, cg);
    for (int f = 0; f < nf; ++f) h.diagonal.w[f][c] = cg.active[f] ? m[c] * cg.profile.psi : 0.0;
  });
  for_each_cell(view, [&](Index c, const auto& faces) {
    double diag = 0.0;
    for (int f = 0; f < nf; ++f) {
      const Face face = faces[f];
      const double inv_h2 = inv_h_[face_axis(f)] * inv_h_[face_axis(f)];
      const double own = h.diagonal.w[f][c] * inv_h2;
      if (face.kind == FaceKind::Interior) {
        const double theirs = h.diagonal.w[opposite_face(f)][face.neighbour] * inv_h2;
        h.matrix.off[f][c] = -(own + theirs);
        diag += own + theirs;
      } else {
        h.matrix.off[f][c] = 0.0;
        if (face.kind == FaceKind::Exit) diag += 4.0 * own;
      }
    }
    h.matrix.diag[c] = diag;
  });
}

void Discretization::transport_hessian(const double* u, const double* m, TransportHessian& h) const {
  h.assembled = !hamiltonian_.has_curvature();
  with_grid_view(grid_, [&](auto view) { freeze_hessian(view, u, m, h); });
}

template <class View>
void Discretization::apply_hessian_matrix_free(const View& view, const TransportHessian& h, const double* du, double* out,
                                              FaceScratch& scratch) const {
  constexpr int nf = View::kFaces;
  // Pass 1, per cell: w_f = m_c (psi diag(active) + kappa s s^T) dq, with dq = (dq_f/du) du.
  for_each_cell(view, [&](Index c, const auto& faces) {
    std::array<double, kMaxFaces> dq{};
    double s_dot_dq = 0.0;
    for (int f = 0; f < nf; ++f) {
      const Face face = faces[f];
      const double self = self_slope(face.kind, f) * du[c];
      dq[f] = face.kind == FaceKind::Interior ? self + face_sign(f) * inv_h_[face_axis(f)] * du[face.neighbour] : self;
      s_dot_dq += h.s.w[f][c] * dq[f];
    }
    for (int f = 0; f < nf; ++f) scratch.w[f][c] = h.diagonal.w[f][c] * dq[f] + h.m_kappa[c] * h.s.w[f][c] * s_dot_dq;
  });
  // Pass 2, per cell j: out_j = sum over cells c and faces f of w_f[c] dq_f[c]/du_j (a gather, no races).
  for_each_cell(view, [&](Index j, const auto& faces) {
    double sum = 0.0;
    for (int f = 0; f < nf; ++f) {
      const Face face = faces[f];
      sum += self_slope(face.kind, f) * scratch.w[f][j];
      if (face.kind == FaceKind::Interior) {
        const int back = opposite_face(f);
        sum += face_sign(back) * inv_h_[face_axis(back)] * scratch.w[back][face.neighbour];
      }
    }
    out[j] = sum;
  });
}

void Discretization::apply_transport_hessian(const TransportHessian& h, const double* du, double* out, FaceScratch& scratch) const {
  if (h.assembled) {
    h.matrix.apply(du, out);
    return;
  }
  if (!scratch.sized_for(grid_)) scratch.resize(grid_);
  with_grid_view(grid_, [&](auto view) { apply_hessian_matrix_free(view, h, du, out, scratch); });
}

}  // namespace mfg
