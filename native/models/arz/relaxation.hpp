// The relaxation source rho_i (V_e,i - v_i) / tau_i, integrated exactly.
//
// Over a source step the densities do not change, so neither do p_i and V_e,i, and
// (rho_i w_i)_t = rho_i (V_e,i - v_i) / tau_i is the linear ODE v_t = (V_e - v) / tau:
//   v(t + h) = V_e + (v(t) - V_e) exp(-h / tau)
// exact for any h (no stiffness limit on dt when tau is small). It is Strang-split around each
// transport step (Strang 1968, SIAM J. Numer. Anal. 5(3)): h/2, transport dt, h/2, and the two half
// steps that meet between consecutive transport steps are done as one (the flows compose exactly).
#pragma once

#include "scenario.hpp"
#include "simulation.hpp"

namespace mfg::arz {

// Over h seconds; decay[c] = exp(-h / tau_c). A class at rest because w < p (v = max(0, w - p) = 0)
// follows the same ODE with v clamped at 0: w grows at V_e / tau until v can become positive.
void relax(const Segment& seg, const Scenario& sc, SegmentState& st, double h, const double* decay);
// Every segment over h seconds (nothing when the scenario's relaxation is off or h <= 0).
void relax_network(const Scenario& sc, std::vector<SegmentState>& segments, double h);

}  // namespace mfg::arz
