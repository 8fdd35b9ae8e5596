#include "grid.hpp"

#include <sstream>

namespace mfg {

const char* boundary_name(BoundaryKind kind) {
  switch (kind) {
    case BoundaryKind::Periodic: return "periodic";
    case BoundaryKind::Exit: return "exit";
    case BoundaryKind::Wall:
    default: return "wall";
  }
}

Grid::Grid(const GridShape& shape) : shape_(shape) {
  size_ = 1;
  cell_volume_ = 1.0;
  for (int a = 0; a < kMaxDim; ++a) {
    if (a >= shape_.dim) {
      shape_.points[a] = 1;
      continue;
    }
    stride_[a] = size_;
    size_ *= shape_.points[a];
    h_[a] = (shape_.upper[a] - shape_.lower[a]) / static_cast<double>(shape_.points[a]);
    inv_h_[a] = 1.0 / h_[a];
    cell_volume_ *= h_[a];
  }
}

std::string Grid::describe() const {
  std::ostringstream s;
  static const char* names = "xyz";
  for (int a = 0; a < shape_.dim; ++a) {
    if (a) s << " x ";
    s << names[a] << " in [" << shape_.lower[a] << ", " << shape_.upper[a] << "] with " << shape_.points[a] << " cells ("
      << boundary_name(shape_.boundary[a][0]) << "/" << boundary_name(shape_.boundary[a][1]) << ")";
  }
  return s.str();
}

}  // namespace mfg
