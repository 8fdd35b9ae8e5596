#include "node_model.hpp"

#include <algorithm>
#include <cmath>

namespace mfg::arz {

void allocate_junction_flows(int n_in, int n_out, const double* demand, const double* turning, const double* priority,
                             const double* supply, double* flow) {
  bool done[kMaxJunctionRoads];
  double remaining[kMaxJunctionRoads];
  for (int a = 0; a < n_in; ++a) {
    done[a] = !(demand[a] > 0.0);
    for (int b = 0; b < n_out; ++b) flow[a * n_out + b] = 0.0;
  }
  for (int b = 0; b < n_out; ++b) remaining[b] = std::max(supply[b], 0.0);
  // Each round settles at least one incoming road, so n_in rounds suffice.
  for (int round = 0; round < n_in; ++round) {
    int most_restrictive = -1;
    double share = INFINITY;  // supply per unit of priority on the most restrictive outgoing road
    for (int b = 0; b < n_out; ++b) {
      double weight = 0.0;
      for (int a = 0; a < n_in; ++a)
        if (!done[a] && turning[a * n_out + b] > 0.0) weight += priority[a] * turning[a * n_out + b];
      if (weight <= 0.0) continue;
      const double s = remaining[b] / weight;
      if (s < share) share = s, most_restrictive = b;
    }
    if (most_restrictive < 0) break;
    const int b = most_restrictive;
    // Roads whose whole demand fits in their share flow freely; if none, every road using b is
    // held to its share (and, by FIFO, so are its other movements).
    bool any_free = false;
    for (int a = 0; a < n_in; ++a)
      if (!done[a] && turning[a * n_out + b] > 0.0 && demand[a] <= share * priority[a]) any_free = true;
    for (int a = 0; a < n_in; ++a) {
      if (done[a] || !(turning[a * n_out + b] > 0.0)) continue;
      const bool is_free = demand[a] <= share * priority[a];
      if (any_free && !is_free) continue;
      const double q = is_free ? demand[a] : share * priority[a];
      for (int c = 0; c < n_out; ++c) {
        const double movement = turning[a * n_out + c] * q;
        flow[a * n_out + c] = movement;
        remaining[c] = std::max(0.0, remaining[c] - movement);
      }
      done[a] = true;
    }
  }
}

}  // namespace mfg::arz
