// Loops over the cells of a grid with the faces of each cell, line by line along x: the faces along
// y and z are the same for a whole line (computed once), only the cells at the two ends of a line
// need boundary logic for their x faces, and no division is needed per cell. Work is split into
// fixed chunks of lines, so results do not depend on the thread count. This is the loop every hot
// kernel (operators, smoothers) runs; `body(c, faces)` is a small pointwise function.
#pragma once

#include <algorithm>
#include <array>

#include "grid.hpp"

namespace mfg {

template <int D>
using CellFaces = std::array<Face, 2 * D>;

namespace detail {

constexpr Index kLineChunk = 2048;

// Faces into solid cells, and every face of a solid cell, become walls.
template <class Faces>
inline void apply_obstacles(const std::uint8_t* solid, Index c, Faces& faces) {
  const bool self = solid[c] != 0;
  for (auto& face : faces)
    if (face.kind == FaceKind::Interior && (self || solid[face.neighbour])) face = {c, FaceKind::Wall};
  if (self)
    for (auto& face : faces) face = {c, FaceKind::Wall};
}

// color < 0: every cell; 0 or 1: the cells whose coordinate sum has that parity (red-black).
template <int D, class Body>
void for_each_cell_impl(const GridView<D>& v, int color, Body& body) {
  const Index nx = v.points(0), lines = v.size() / nx;
  const Index parts = (nx + kLineChunk - 1) / kLineChunk;
  const Index min_parallel_units = std::max<Index>(2, kGridParallelThreshold / std::min(nx, kLineChunk));
  parallel_for_min(lines * parts, min_parallel_units, [&](Index work) {
    const Index line = work / parts, part = work - line * parts;
    const Index base = line * nx;
    typename GridView<D>::Coords k{};
    Index rest = line, transverse_sum = 0;
    for (int a = 1; a < D; ++a) {
      k[a] = rest % v.points(a);
      rest /= v.points(a);
      transverse_sum += k[a];
    }
    CellFaces<D> faces{};
    std::array<Index, 2 * D> offset{};
    std::array<FaceKind, 2 * D> line_kind{};
    for (int f = 2; f < 2 * D; ++f) {
      const Face t = v.domain_face(base, k, f);
      line_kind[f] = t.kind;
      offset[f] = t.neighbour - base;
    }
    const std::uint8_t* solid = v.solid();
    Index i = part * kLineChunk;
    const Index end = std::min(nx, i + kLineChunk), step = color < 0 ? 1 : 2;
    if (color >= 0 && ((i + transverse_sum) & 1) != color) ++i;
    for (; i < end; i += step) {
      const Index c = base + i;
      if (i > 0 && i + 1 < nx) {
        faces[0] = {c - 1, FaceKind::Interior};
        faces[1] = {c + 1, FaceKind::Interior};
      } else {
        k[0] = i;
        faces[0] = v.domain_face(c, k, 0);
        faces[1] = v.domain_face(c, k, 1);
      }
      for (int f = 2; f < 2 * D; ++f) faces[f] = {c + offset[f], line_kind[f]};
      if (solid) apply_obstacles(solid, c, faces);
      body(c, faces);
    }
  });
}

}  // namespace detail

template <int D, class Body>
void for_each_cell(const GridView<D>& v, Body&& body) {
  detail::for_each_cell_impl(v, -1, body);
}

template <int D, class Body>
void for_each_cell_of_color(const GridView<D>& v, int color, Body&& body) {
  detail::for_each_cell_impl(v, color, body);
}

}  // namespace mfg
