// A spec compiled for solving: the grid, the time step, the Hamiltonian and coupling, and the
// formulas evaluated on the grid. Building it is where bad formulas (NaN, negative density, zero
// mass) are refused, before any solver memory is allocated.
#pragma once

#include <string>
#include <vector>

#include "coupling.hpp"
#include "hamiltonian.hpp"
#include "spec_json.hpp"

namespace mfg {

struct Problem {
  Spec spec;
  Grid grid;
  Index steps = 0;  // time steps; time levels are 0..steps
  double dt = 0.0;
  Hamiltonian hamiltonian;
  Coupling coupling;

  std::vector<double> initial_density;  // normalised: cell_volume * sum = 1
  double initial_mass_given = 0.0;      // the mass of the formula before normalisation
  std::vector<double> terminal_cost;
  std::vector<double> potential;        // steps x cells when it depends on t (V at t_n), else cells
  bool potential_depends_on_time = false;
  std::vector<double> density_source;   // manufactured-solution tests only: steps x cells at t_{n+1}
  // Exit cost on each exit side: per face f (2 axis + side), one value per cell of that boundary
  // plane (Grid::plane_index), evaluated at the face centre; empty for sides that are not exits.
  std::array<std::vector<double>, kMaxFaces> exit_cost;
  Index solid_cells = 0;

  Index cells() const { return grid.size(); }
  double time(Index level) const { return dt * static_cast<double>(level); }
  const double* potential_at(Index n) const { return potential.data() + (potential_depends_on_time ? n * cells() : 0); }
  const double* source_at(Index n) const { return density_source.empty() ? nullptr : density_source.data() + n * cells(); }
  bool has_exits() const {
    for (const auto& plane : exit_cost)
      if (!plane.empty()) return true;
    return false;
  }

  // The time levels written to the run directory: every store_every-th, and always the last.
  std::vector<Index> stored_levels() const;
};

struct ProblemBuild {
  bool ok = false;
  Problem problem;
  std::vector<SpecIssue> issues;
};

// Compiles a spec; `file_mask` is the obstacle file already read (io::build_problem_with_files does
// that), one byte per cell, combined with the obstacle formula.
ProblemBuild build_problem(const Spec& spec, const std::vector<std::uint8_t>* file_mask = nullptr);

}  // namespace mfg
