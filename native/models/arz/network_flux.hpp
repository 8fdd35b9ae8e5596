// The fluxes at segment ends attached to junctions, sources and sinks, from the end cells' states
// (first order at nodes), the signals and the source demands.
//
// Junctions (Haut & Bastin 2007, Netw. Heterog. Media 2(2); the node model of node_model.hpp): per
// class, the demand of each incoming road (zero while its approach is red) and the supply of each
// outgoing road (demand_supply.hpp) go through the node model. w crosses the junction with the
// vehicles: an outgoing road receives the flow-weighted mean of the incoming w's, so that the fluxes
// of rho_i and rho_i w_i are both conserved through the junction (Herty & Rascle 2006, SIAM J. Math.
// Anal. 38(2)). That mean decides the outgoing supply, which decides the flows: with several incoming
// roads, the supply is computed from the demand-weighted mean, the flows allocated, and the supply
// and flows computed once more from the flow-weighted mean (a fixed-point step; one is exact for
// 1-1 and diverges, where the mean is the single incoming w).
// Sources: min(demand, supply) with the entering vehicles at equilibrium with the first cell
// (w = V_e + p there). Sinks: the last cell's demand, capped by the sink's capacity.
#pragma once

#include <vector>

#include "scenario.hpp"
#include "signal_plan.hpp"
#include "simulation.hpp"

namespace mfg::arz {

// source_demand[s * classes + c] in veh/s. Writes SegmentState::upstream_flux / downstream_flux.
void compute_node_fluxes(const Scenario& sc, const std::vector<SignalController>& signals, const double* source_demand,
                         std::vector<SegmentState>& states);

}  // namespace mfg::arz
