// Rectangular, cell-centred grids in 1, 2 or 3 dimensions (1D is the first instance of the same code).
// Cell c has centre lower + (k + 1/2) h along each axis; cells are numbered with x fastest.
// Each cell has 2 d faces, numbered f = 2 axis + side (side 0: towards -e_axis, 1: towards +e_axis).
// What lies across a face is another cell (possibly wrapped, for periodic axes), a wall, or an exit.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "parallel.hpp"

namespace mfg {

constexpr int kMaxDim = 3;
constexpr int kMaxFaces = 2 * kMaxDim;

enum class BoundaryKind : std::uint8_t { Wall = 0, Periodic = 1, Exit = 2 };
enum class FaceKind : std::uint8_t { Interior = 0, Wall = 1, Exit = 2 };

struct Face {
  Index neighbour;  // the cell across the face (only meaningful for Interior)
  FaceKind kind;
};

inline constexpr int face_axis(int f) { return f >> 1; }
inline constexpr int face_side(int f) { return f & 1; }
inline constexpr int opposite_face(int f) { return f ^ 1; }
// +1 for upper faces, -1 for lower faces: the sign that turns "neighbour minus self" into the
// one-sided derivative of that face (forward difference for upper, backward for lower).
inline constexpr double face_sign(int f) { return (f & 1) ? 1.0 : -1.0; }

const char* boundary_name(BoundaryKind kind);

struct GridShape {
  int dim = 1;
  std::array<Index, kMaxDim> points{1, 1, 1};
  std::array<double, kMaxDim> lower{0.0, 0.0, 0.0};
  std::array<double, kMaxDim> upper{1.0, 1.0, 1.0};
  std::array<std::array<BoundaryKind, 2>, kMaxDim> boundary{};
};

class Grid {
 public:
  Grid() = default;
  explicit Grid(const GridShape& shape);

  int dim() const { return shape_.dim; }
  int faces() const { return 2 * shape_.dim; }
  Index size() const { return size_; }
  Index points(int axis) const { return shape_.points[axis]; }
  double lower(int axis) const { return shape_.lower[axis]; }
  double upper(int axis) const { return shape_.upper[axis]; }
  double spacing(int axis) const { return h_[axis]; }
  double inv_spacing(int axis) const { return inv_h_[axis]; }
  double cell_volume() const { return cell_volume_; }
  BoundaryKind boundary(int axis, int side) const { return shape_.boundary[axis][side]; }
  const GridShape& shape() const { return shape_; }

  double centre(int axis, Index k) const { return shape_.lower[axis] + (static_cast<double>(k) + 0.5) * h_[axis]; }

  // Axis indices of cell c.
  std::array<Index, kMaxDim> coords(Index c) const {
    std::array<Index, kMaxDim> k{0, 0, 0};
    if (shape_.dim == 1) {
      k[0] = c;
      return k;
    }
    for (int a = 0; a < shape_.dim; ++a) {
      k[a] = c % shape_.points[a];
      c /= shape_.points[a];
    }
    return k;
  }

  // The face f of the cell c whose axis indices are k.
  Face face(Index c, const std::array<Index, kMaxDim>& k, int f) const {
    const Face face = domain_face(c, k, f);
    // A face into a solid cell, and every face of a solid cell, is a wall.
    if (!solid_.empty() && face.kind == FaceKind::Interior && (solid_[c] || solid_[face.neighbour])) return {c, FaceKind::Wall};
    if (!solid_.empty() && solid_[c]) return {c, FaceKind::Wall};
    return face;
  }

  Face face(Index c, int f) const { return face(c, coords(c), f); }

  std::string describe() const;
  Index stride(int axis) const { return stride_[axis]; }

  // Solid cells (obstacles): one byte per cell, or empty for none.
  void set_solid(std::vector<std::uint8_t> solid) { solid_ = std::move(solid); }
  const std::vector<std::uint8_t>& solid() const { return solid_; }
  bool is_solid(Index c) const { return !solid_.empty() && solid_[c] != 0; }

  // The face as the box's boundaries alone define it (obstacles ignored).
  Face domain_face(Index c, const std::array<Index, kMaxDim>& k, int f) const {
    const int a = face_axis(f);
    const bool up = face_side(f) == 1;
    const Index n = shape_.points[a];
    if (up ? k[a] + 1 < n : k[a] > 0) return {c + (up ? stride_[a] : -stride_[a]), FaceKind::Interior};
    switch (shape_.boundary[a][up ? 1 : 0]) {
      case BoundaryKind::Periodic:
        return {c + (up ? -(n - 1) : (n - 1)) * stride_[a], FaceKind::Interior};
      case BoundaryKind::Exit:
        return {c, FaceKind::Exit};
      case BoundaryKind::Wall:
      default:
        return {c, FaceKind::Wall};
    }
  }

  // The index of cell c within the boundary plane normal to `axis` (its coordinates on the other
  // axes): where per-face boundary data (exit costs) is stored.
  Index plane_index(Index c, int axis) const {
    const Index below = stride_[axis], n = shape_.points[axis];
    return (c % below) + below * (c / (below * n));
  }
  Index plane_size(int axis) const { return size_ / shape_.points[axis]; }

 private:
  std::vector<std::uint8_t> solid_;
  GridShape shape_;
  std::array<Index, kMaxDim> stride_{1, 1, 1};
  std::array<double, kMaxDim> h_{1.0, 1.0, 1.0};
  std::array<double, kMaxDim> inv_h_{1.0, 1.0, 1.0};
  Index size_ = 1;
  double cell_volume_ = 1.0;
};

// A view of a grid with the dimension known at compile time, for hot kernels: the face loops unroll
// and a 1D grid needs no division to find a cell's position. Kernels are written once as generic
// lambdas taking a view and dispatched with with_grid_view.
template <int D>
class GridView {
 public:
  static constexpr int kFaces = 2 * D;
  using Coords = std::array<Index, D>;

  explicit GridView(const Grid& g) : solid_(g.solid().empty() ? nullptr : g.solid().data()) {
    for (int a = 0; a < D; ++a) {
      n_[a] = g.points(a);
      stride_[a] = g.stride(a);
      bc_[a] = {g.boundary(a, 0), g.boundary(a, 1)};
    }
  }

  // Solid cells, or null. A face into a solid cell and every face of a solid cell is a wall.
  const std::uint8_t* solid() const { return solid_; }

  Coords coords(Index c) const {
    Coords k{};
    if constexpr (D == 1) {
      k[0] = c;
    } else {
      for (int a = 0; a < D; ++a) {
        k[a] = c % n_[a];
        c /= n_[a];
      }
    }
    return k;
  }

  Index points(int a) const { return n_[a]; }
  Index size() const {
    Index n = 1;
    for (int a = 0; a < D; ++a) n *= n_[a];
    return n;
  }

  Face face(Index c, const Coords& k, int f) const {
    const Face face = domain_face(c, k, f);
    if (solid_ && (solid_[c] || (face.kind == FaceKind::Interior && solid_[face.neighbour]))) return {c, FaceKind::Wall};
    return face;
  }

  Face domain_face(Index c, const Coords& k, int f) const {
    const int a = face_axis(f);
    const bool up = face_side(f) == 1;
    if (up ? k[a] + 1 < n_[a] : k[a] > 0) return {c + (up ? stride_[a] : -stride_[a]), FaceKind::Interior};
    const BoundaryKind b = bc_[a][up ? 1 : 0];
    if (b == BoundaryKind::Periodic) return {c + (up ? -(n_[a] - 1) : (n_[a] - 1)) * stride_[a], FaceKind::Interior};
    return {c, b == BoundaryKind::Exit ? FaceKind::Exit : FaceKind::Wall};
  }

 private:
  const std::uint8_t* solid_ = nullptr;
  std::array<Index, D> n_{}, stride_{};
  std::array<std::array<BoundaryKind, 2>, D> bc_{};
};

template <class F>
decltype(auto) with_grid_view(const Grid& g, F&& kernel) {
  switch (g.dim()) {
    case 3: return kernel(GridView<3>(g));
    case 2: return kernel(GridView<2>(g));
    default: return kernel(GridView<1>(g));
  }
}

}  // namespace mfg
