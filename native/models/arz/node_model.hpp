// Flow allocation at a junction from demands and supplies: the generic first-order node model of
// Tampère, Corthout, Cattrysse & Immers 2011 (Transp. Res. B 45(1)), with FIFO per incoming road and
// the supply-constraint interaction rule: the most restrictive outgoing road is shared among the
// incoming roads that use it in proportion to their priorities (oriented capacities C_a beta_ab).
// It maximises the flow subject to these rules and reduces to min(D, S) (1-1), to the FIFO diverge
// q = min(D, min_b S_b / beta_b) (1-n) and to the priority merge (n-1).
// For the second-order model the demands and supplies are those of demand_supply.hpp (Lebacque,
// Haj-Salem & Mammar 2007; Haut & Bastin 2007).
#pragma once

namespace mfg::arz {

constexpr int kMaxJunctionRoads = 8;  // incoming, and outgoing, segments of one junction

// demand[a], turning[a * n_out + b] (rows sum to 1), priority[a] > 0, supply[b] -> flow[a * n_out + b].
void allocate_junction_flows(int n_in, int n_out, const double* demand, const double* turning, const double* priority,
                             const double* supply, double* flow);

}  // namespace mfg::arz
