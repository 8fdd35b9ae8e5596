// One stage of the finite-volume transport on one segment: ghost cells, face values
// (reconstruct.hpp, with a positivity limiter and a first-order fallback next to vacuum), numerical
// fluxes (kernels.hpp; the end faces come from the network where the end is attached to a node), and
// the conservative update of (rho_i, rho_i w_i).
#pragma once

#include "scenario.hpp"
#include "simulation.hpp"

namespace mfg::arz {

// Zero-gradient ghosts at open and node ends (nodes set the end fluxes; the ghosts only feed the
// reconstruction of the faces next to them); copies of the other end on periodic segments.
void fill_ghosts(const Segment& seg, int classes, SegmentState& st);
// Fluxes through faces 0..cells into work.faces.
void compute_face_fluxes(const Segment& seg, const Numerics& numerics, int classes, SegmentState& st, Workspace& work);
// U <- a U0 + b (U - dt/dx (F_{j+1/2} - F_{j-1/2})): forward Euler (a = 0, b = 1) and the Shu-Osher stages.
void update_cells(const Segment& seg, int classes, double dt, double a, double b, SegmentState& st, const Workspace& work);
// Keeps the state in the model's domain without touching the densities: w reset to its equilibrium
// value where a class is in vacuum (there it is undefined), and w <= Scenario::w_cap elsewhere (the
// bound the exact solution keeps, which high-order face values can overshoot).
void sanitize(const Segment& seg, const Scenario& sc, SegmentState& st);
// The largest characteristic speed (absolute value) over the segment's cells.
double max_speed(const Segment& seg, int classes, SegmentState& st);
// The cells' pressures (computed when the densities changed since) as PointValues starting at
// cell `first` (-1 or 0): p, slope, total valid; the rest is what the last derive wrote.
PointValues cell_values(const Segment& seg, int classes, SegmentState& st, int first);

// Velocity of class c in cell j, and the equilibrium speed there.
double cell_velocity(const Segment& seg, const Scenario& sc, const SegmentState& st, int c, int j);
double cell_equilibrium_speed(const Segment& seg, const Scenario& sc, const SegmentState& st, int c, int j);

}  // namespace mfg::arz
