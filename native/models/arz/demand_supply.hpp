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

#include "kernels.hpp"
#include "law.hpp"

namespace mfg::arz {

// Q_w(r) = r max(0, w - p(r + alpha others)).
double curve_flow(const ClassLaw& law, double w, double others, double r);
// argmax of Q_w on r >= 0 (0 when the class cannot move at all).
double critical_density(const ClassLaw& law, double w, double others);
double class_demand(const ClassLaw& law, double w, double others, double rho);
// v_down: the class's velocity in the downstream cell (its equilibrium speed where it is in vacuum).
double class_supply(const ClassLaw& law, double w, double others_down, double v_down);

// The interior numerical flux made to respect what the model guarantees (Lebacque et al. 2007):
// vehicles never move backwards (each class's mass flux >= 0), and no class enters a cell faster
// than that cell's supply for it, so a class at its jam occupancy (s_i = 1, v_i = 0) receives
// nothing. HLL and Rusanov alone exceed that supply at the tail of a queue (they average across the
// 1-wave, and their wave-speed bounds cannot see a shock that moves backwards between two free
// states), and pack vehicles beyond the jam density. The supply is that of the downstream cell's
// average (`cell`: also with high-order face values, so that the bound holds cell by cell) for
// vehicles with the upstream face's w; where the cap binds the flux of rho w carries that w, as in
// the Godunov flux. The cap needs no Newton solve: it binds only where the middle state is
// congested, and there the supply is r_m v_down.
// Over n faces: `up` the upstream face states (and their w), `cell` the receiving cells (their v and
// total density).
void limit_to_supply(const RoadLaw& law, int n, const PointStates& up, const PointValues& up_values, const PointStates& cell,
                     const PointValues& cell_values, FaceFluxes& f);

}  // namespace mfg::arz
