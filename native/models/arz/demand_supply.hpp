// Demand and supply of one vehicle class at a road end, for junctions, sources and sinks.
//
// For the ARZ model the flow of a class along its own density r, at fixed w (vehicles keep their w
// across the 1-wave) and with the other classes' densities frozen, is Q_w(r) = r (w - p(r)). The
// interface flux of the single-class Riemann problem is min(D, S) with (Lebacque, Haj-Salem & Mammar
// 2007, "Second order traffic flow modeling: supply-demand analysis of the inhomogeneous Riemann
// problem and of boundary conditions", Proc. EWGT; Haut & Bastin 2007, Netw. Heterog. Media 2(2)):
//   demand of the upstream state (r_u, w_u):  Q_w(min(r_u, r*(w_u)))   (capacity once congested)
//   supply of the downstream state (v_d) for vehicles arriving with w:  the middle state r_m on the
//   w curve with velocity v_d (the 2-contact moves at v_d >= 0), p(r_m) = w - v_d; supply = Q_w(r*)
//   if r_m <= r*(w) (free), else r_m v_d.
// With one class this is the exact Godunov flux. With two, each class's demand and supply is taken
// with the other class frozen: an approximation of the 4 x 4 junction Riemann problem that keeps the
// gap filling (motorcycles still find supply in a car queue, through alpha < 1 and their creep speed).
#pragma once

#include "law.hpp"

namespace mfg::arz {

// Q_w(r) = r max(0, w - p(r + alpha others)).
double curve_flow(const ClassLaw& law, double w, double others, double r);
// argmax of Q_w on r >= 0 (0 when the class cannot move at all).
double critical_density(const ClassLaw& law, double w, double others);
double class_demand(const ClassLaw& law, double w, double others, double rho);
// v_down: the class's velocity in the downstream cell (its equilibrium speed where it is in vacuum).
double class_supply(const ClassLaw& law, double w, double others_down, double v_down);

}  // namespace mfg::arz
