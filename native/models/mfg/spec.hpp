// The problem spec as a plain struct (docs/spec.md). Parsed and validated from JSON in spec_json.cpp;
// the zod contract in app/contract/spec.ts is the source of truth and tests check that both agree.
#pragma once

#include <array>
#include <optional>
#include <string>

#include "../../core/grid.hpp"
#include "../../core/step_solver.hpp"

namespace mfg {

enum class HamiltonianKind { Quadratic, Power };
enum class CouplingKind { Congestion, Log, None };
enum class Method { Newton, Picard, FictitiousPlay };
enum class Precision { Float64, Float32 };

struct Spec {
  int version = 1;
  std::string model = "mfg";
  std::string name = "untitled";
  std::string description;

  GridShape domain;
  std::string obstacle = "0";       // cells where this formula is non-zero are solid
  std::string obstacle_file;        // .npy or .pgm mask of solid cells ("" for none)

  double horizon = 1.0;
  Index steps = 100;

  double viscosity = 0.01;
  HamiltonianKind hamiltonian = HamiltonianKind::Quadratic;
  double hamiltonian_exponent = 2.0;
  std::optional<double> speed_cap;
  CouplingKind coupling = CouplingKind::Congestion;
  double coupling_strength = 0.5;
  double coupling_exponent = 1.0;
  std::string potential = "0";
  std::string terminal_cost = "0";
  std::string initial_density = "1";
  std::string exit_cost = "0";

  Method method = Method::Newton;
  double tolerance = 1e-10;
  int max_iterations = 100;
  double relaxation = 0.5;
  int warmup_iterations = 3;
  bool continuation = true;
  bool coarse_grids = true;  // continuation stages on coarser grids where the grid allows
  ComputePrecision compute_precision = ComputePrecision::Float64;  // solver.precision
  long long checkpoint_every_iterations = 0;  // 0: never
  double checkpoint_every_seconds = 600.0;    // 0: never

  Index store_every = 1;
  Precision precision = Precision::Float64;

  // Not part of the JSON format: a source term added to the Fokker-Planck equation, in x (y, z), t.
  // Used only by the method-of-manufactured-solutions tests (native/tests).
  std::string manufactured_density_source;
};

const char* method_name(Method m);
const char* precision_name(Precision p);

}  // namespace mfg
