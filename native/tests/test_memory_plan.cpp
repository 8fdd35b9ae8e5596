// Newton within a memory budget (models/mfg/memory.hpp): the plan keeps as many steps' operators as
// fit and the sweeps rebuild the others. What a user depends on: a run that fits only this way
// runs (instead of being refused) and gives exactly the answer of a run that kept everything; a
// run that cannot fit at all is refused with the numbers.
#include <doctest/doctest.h>

#include "helpers.hpp"
#include "models/mfg/memory.hpp"

using namespace mfg;

namespace {

Spec room(Index n, Index steps) {
  Spec spec = test::exit_room(n, steps);
  spec.viscosity = 0.05;
  spec.tolerance = 1e-8;
  return spec;
}

// A 3D problem whose Hamiltonian has curvature (|p|^1.5): its transport Hessian is applied from
// per-face data rather than assembled, the other path of a rebuilt step.
Spec ball(Index n, Index steps) {
  Spec spec = test::unit_box(3, n, steps, BoundaryKind::Wall);
  spec.obstacle = "(x-0.5)^2 + (y-0.5)^2 + (z-0.5)^2 < 0.04";
  spec.hamiltonian = HamiltonianKind::Power;
  spec.hamiltonian_exponent = 1.5;
  spec.viscosity = 0.1;
  spec.terminal_cost = "2*((x-0.85)^2 + (y-0.85)^2 + (z-0.85)^2)";
  spec.initial_density = "exp(-30*((x-0.2)^2 + (y-0.2)^2 + (z-0.2)^2))";
  spec.tolerance = 1e-6;
  return spec;
}

// The budget under which the plan keeps `kept` steps (one slot more for the rebuilt step, and the
// reserve for a 10-vector GMRES).
double budget_keeping(const Spec& spec, Index kept) {
  const MemoryPlan full = plan_memory(spec, 0.0);
  return full.fixed_bytes + double(kept + 1) * full.step_bytes + 12.0 * full.vector_bytes + 1.0;
}

struct Run {
  MfgState state;
  SolveResult result;
};

Run solve_within(const Problem& p, double budget) {
  Run run;
  SolveOptions options;
  options.memory_budget_bytes = budget;
  run.result = solve(p, options, run.state);
  return run;
}

// Solves with every step's operators kept, then with `kept` steps kept and with none: the same
// iterations and bitwise the same u and m each time.
void check_rebuilding_matches_keeping(const Spec& spec, Index kept) {
  const Problem p = test::problem_from(spec);
  const Run all = solve_within(p, 0.0);
  REQUIRE(all.result.status == Status::Converged);
  for (const double budget : {budget_keeping(spec, kept), plan_memory(spec, 0.0).minimum_bytes()}) {
    const Index kept_steps = plan_memory(spec, budget).kept_steps;
    INFO("kept steps " << kept_steps);
    CHECK(kept_steps < spec.steps);
    const Run rebuilt = solve_within(p, budget);
    CHECK(rebuilt.result.status == Status::Converged);
    CHECK(rebuilt.result.iterations == all.result.iterations);
    const test::StateDistance d = test::distance(rebuilt.state, all.state);
    CHECK(d.u == 0.0);
    CHECK(d.m == 0.0);
  }
}

}  // namespace

TEST_CASE("memory plan: unlimited keeps every step, a budget keeps what fits, the minimum rebuilds all") {
  const Spec spec = room(64, 20);
  const MemoryPlan full = plan_memory(spec, 0.0);
  CHECK(full.kept_steps == 20);
  CHECK(full.gmres_restart == 40);
  CHECK(full.step_bytes > 0.0);
  CHECK(plan_memory(spec, full.planned_bytes()).kept_steps == 20);

  Index previous = -1;
  for (double budget = full.minimum_bytes(); budget < full.planned_bytes(); budget += 0.05 * full.planned_bytes()) {
    const MemoryPlan plan = plan_memory(spec, budget);
    INFO("budget " << budget << " of " << full.planned_bytes());
    CHECK(plan.planned_bytes() <= budget + 1.0);
    CHECK(plan.kept_steps >= previous);
    CHECK((plan.gmres_restart == 0 || plan.gmres_restart >= 5));
    previous = plan.kept_steps;
  }
  const MemoryPlan least = plan_memory(spec, full.minimum_bytes());
  CHECK(least.kept_steps == 0);
  CHECK(least.gmres_restart == 0);
  CHECK(plan_memory(spec, budget_keeping(spec, 7)).kept_steps == 7);

  Spec picard = spec;
  picard.method = Method::Picard;
  CHECK(plan_memory(picard, 0.0).step_bytes == 0.0);
  CHECK(plan_memory(picard, 0.0).fixed_bytes < full.fixed_bytes);
}

TEST_CASE("memory plan: a run is refused only when even rebuilding every step does not fit, with the numbers") {
  MemoryEstimate e;
  e.plan = plan_memory(room(64, 20), 0.0);
  e.minimum_bytes = e.plan.minimum_bytes();
  e.available_bytes = e.minimum_bytes;  // 90% of it is the budget: too little
  e.budget_bytes = kMemoryBudgetFraction * e.available_bytes;
  const std::optional<SpecIssue> refusal = memory_refusal(e);
  REQUIRE(refusal.has_value());
  CHECK(refusal->path == "domain.points");
  CHECK(refusal->message.find(format_bytes(e.minimum_bytes)) != std::string::npos);
  CHECK(refusal->message.find("available") != std::string::npos);
  e.available_bytes = 2.0 * e.minimum_bytes;
  e.budget_bytes = kMemoryBudgetFraction * e.available_bytes;
  CHECK_FALSE(memory_refusal(e).has_value());
  e.budget_bytes = 0.0;  // unknown machine: never refused
  CHECK_FALSE(memory_refusal(e).has_value());
}

TEST_CASE("memory plan: Newton rebuilding some or all steps' operators gives bitwise the answer of keeping them (2D room)") {
  check_rebuilding_matches_keeping(room(64, 12), 5);
}

TEST_CASE("memory plan: the same with a curved Hamiltonian (matrix-free transport Hessian), 3D") {
  check_rebuilding_matches_keeping(ball(12, 4), 1);
}
