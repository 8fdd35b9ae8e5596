// Coarse-grid continuation: the viscosity-continuation stages of Newton's method are solved on grids
// with half (then a quarter of) the cells per axis, and each stage's solution is interpolated to the
// next grid as its starting point (nested iteration: W. Hackbusch, "Multi-Grid Methods and
// Applications", 1985, section 5.2; for MFG systems Y. Achdou and M. Lauriere, "Mean field games and
// applications: numerical aspects", LNM 2281, 2020, section 3, pair it with continuation). The stages
// only have to bring Newton close to the solution, which a coarse grid does at 1/4 (2D) or 1/8 (3D)
// of the cost per cell; the real problem is always solved on the grid the spec asks for, to its
// tolerance, so the answer is the same discrete solution as without coarse stages.
#pragma once

#include "problem.hpp"
#include "state.hpp"

namespace mfg {

// A coarse grid keeps at least this many cells on every axis: below it the stage's solution carries
// too little of the fine problem (measured: see docs/performance.md). It also leaves the small
// presets and the tests' grids on their own grid.
constexpr Index kMinCoarsePoints = 32;

// The problem on the grid with half the cells per axis: same domain, time grid, formulas and
// boundaries; a coarse cell is solid when most of its fine cells are (ties stay open, so one-cell
// doors stay open). False (coarse untouched) when the problem is 1D, an axis has an odd number of
// points or would fall below kMinCoarsePoints, or the coarse spec does not compile.
bool coarsen_problem(const Problem& fine, Problem& coarse);

// `to` <- the state `from` of problem `coarse` interpolated onto the grid of `fine` (multilinear in
// the cell centres, from open cells only), with the fine problem's initial density at level 0 and
// terminal cost at the last level. Both problems have the same time grid.
void prolong_state(const Problem& coarse, const MfgState& from, const Problem& fine, MfgState& to);

}  // namespace mfg
