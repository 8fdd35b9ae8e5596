// The coupling f(m) between the density and the running cost.
//   congestion: lambda m^beta   (Lasry & Lions, "Mean field games", Jpn. J. Math. 2, 2007: a monotone
//               coupling, which gives uniqueness of the solution)
//   log:        lambda log m    (the ergodic-MFG coupling of Gueant, Lasry & Lions, 2011)
//   none:       0
#pragma once

#include <cmath>

#include "spec.hpp"

namespace mfg {

class Coupling {
 public:
  Coupling() = default;
  Coupling(CouplingKind kind, double strength, double exponent) : kind_(kind), lambda_(strength), beta_(exponent) {}

  // f(m). Newton iterates may carry tiny negative densities before they converge: congestion is
  // extended as an odd function, and log m is floored at kLogFloor so that it stays finite.
  double value(double m) const {
    switch (kind_) {
      case CouplingKind::Congestion:
        if (beta_ == 1.0) return lambda_ * m;
        return m >= 0 ? lambda_ * std::pow(m, beta_) : -lambda_ * std::pow(-m, beta_);
      case CouplingKind::Log: return lambda_ * std::log(std::max(m, kLogFloor));
      case CouplingKind::None:
      default: return 0.0;
    }
  }

  // f'(m).
  double derivative(double m) const {
    switch (kind_) {
      case CouplingKind::Congestion:
        if (beta_ == 1.0) return lambda_;
        return lambda_ * beta_ * std::pow(std::max(std::fabs(m), kDerivativeFloor), beta_ - 1.0);
      case CouplingKind::Log: return m > kLogFloor ? lambda_ / m : 0.0;
      case CouplingKind::None:
      default: return 0.0;
    }
  }

  bool active() const { return kind_ != CouplingKind::None && lambda_ != 0.0; }
  CouplingKind kind() const { return kind_; }

  static constexpr double kLogFloor = 1e-300;
  static constexpr double kDerivativeFloor = 1e-300;

 private:
  CouplingKind kind_ = CouplingKind::None;
  double lambda_ = 0.0, beta_ = 1.0;
};

}  // namespace mfg
