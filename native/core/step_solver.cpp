#include "step_solver.hpp"

#include <cstdlib>
#include <string>

#include "krylov_step_solver.hpp"

namespace mfg {

std::unique_ptr<StepSolver> make_step_solver(const Grid& grid, std::shared_ptr<BicgstabWorkspace> workspace, ComputePrecision precision) {
  if (grid.dim() == 1) return std::make_unique<TridiagonalStepSolverAdapter>();
  if (!workspace) workspace = std::make_shared<BicgstabWorkspace>();
  static const bool jacobi = std::getenv("MFG_STEP_PRECONDITIONER") && std::string(std::getenv("MFG_STEP_PRECONDITIONER")) == "jacobi";
  if (jacobi) return std::make_unique<KrylovStepSolver>(std::move(workspace), Preconditioner::Jacobi);
  return std::make_unique<KrylovStepSolver>(std::move(workspace),
                                            precision == ComputePrecision::Mixed ? Preconditioner::MultigridFloat : Preconditioner::Multigrid);
}

}  // namespace mfg
