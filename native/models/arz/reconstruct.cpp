#include "reconstruct.hpp"

namespace mfg::arz {

namespace {

template <class Slope>
void muscl(const double* q, int first, int last, double* minus, double* plus, Slope slope) {
  for (int j = first; j <= last; ++j) {
    const double s = 0.5 * slope(q[j] - q[j - 1], q[j + 1] - q[j]);
    minus[j] = q[j] - s;
    plus[j] = q[j] + s;
  }
}

}  // namespace

void reconstruct(Reconstruction scheme, const double* q, int first, int last, double* minus, double* plus) {
  switch (scheme) {
    case Reconstruction::FirstOrder:
      for (int j = first; j <= last; ++j) minus[j] = plus[j] = q[j];
      return;
    case Reconstruction::MusclMinmod: muscl(q, first, last, minus, plus, minmod); return;
    case Reconstruction::MusclMc: muscl(q, first, last, minus, plus, mc_slope); return;
    case Reconstruction::Weno5z:
      for (int j = first; j <= last; ++j) {
        plus[j] = weno5z_right(q[j - 2], q[j - 1], q[j], q[j + 1], q[j + 2]);
        minus[j] = weno5z_right(q[j + 2], q[j + 1], q[j], q[j - 1], q[j - 2]);
      }
      return;
  }
}

}  // namespace mfg::arz
