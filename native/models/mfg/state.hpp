// Space-time fields: one array per unknown, time level n at offset n * cells.
#pragma once

#include <vector>

#include "../../core/parallel.hpp"

namespace mfg {

class SpaceTimeField {
 public:
  SpaceTimeField() = default;
  SpaceTimeField(Index cells, Index levels) : cells_(cells), levels_(levels), data_(size_t(cells * levels), 0.0) {}

  double* at(Index level) { return data_.data() + level * cells_; }
  const double* at(Index level) const { return data_.data() + level * cells_; }
  double* data() { return data_.data(); }
  const double* data() const { return data_.data(); }
  Index cells() const { return cells_; }
  Index levels() const { return levels_; }
  Index size() const { return cells_ * levels_; }

 private:
  Index cells_ = 0, levels_ = 0;
  std::vector<double> data_;
};

// The unknowns of the coupled system: u at levels 0..N (u^N = terminal cost) and m at levels 0..N
// (m^0 = initial density).
struct MfgState {
  SpaceTimeField u, m;
};

}  // namespace mfg
