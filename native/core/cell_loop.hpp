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

// color < 0: every cell; 0 or 1: the cells whose coordinate sum has that parity (red-black).
template <int D, class Body>
void for_each_cell_impl(const GridView<D>& v, int color, Body& body) {
  const Index nx = v.points(0), lines = v.size() / nx;
  const Index parts = (nx + kLineChunk - 1) / kLineChunk;
  const Index min_parallel_units = std::max<Index>(2, kParallelThreshold / std::min(nx, kLineChunk));
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
    for (int f = 2; f < 2 * D; ++f) {
      const Face t = v.face(base, k, f);
      faces[f].kind = t.kind;
      offset[f] = t.neighbour - base;
    }
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
        faces[0] = v.face(c, k, 0);
        faces[1] = v.face(c, k, 1);
      }
      for (int f = 2; f < 2 * D; ++f) faces[f].neighbour = c + offset[f];
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
