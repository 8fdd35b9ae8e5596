// mfg-solve: solve one spec into a run directory (docs/run-directory.md). The executable behind
// `mfgw solve`, mpirun/srun and SLURM jobs; the app's live solves use the same library in-process.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "build_info.hpp"
#include "../io/mask_file.hpp"
#include "../io/run_dir.hpp"
#include "args.hpp"
#include "signals.hpp"

using namespace mfg;

namespace {

enum ExitCode { kConverged = 0, kInternal = 1, kBadInput = 2, kNotConverged = 3, kDiverged = 4, kCancelled = 5 };

void print_line(const Json& j) {
  std::cout << j.dump() << "\n";
  std::cout.flush();
}

int bad_input(const std::vector<SpecIssue>& issues) {
  Json list = Json::array();
  for (const auto& i : issues) {
    std::cerr << "mfg-solve: " << format_issue(i) << "\n";
    list.push_back({{"path", i.path}, {"message", i.message}});
  }
  print_line({{"event", "error"}, {"code", "bad_input"}, {"issues", list}});
  return kBadInput;
}

int usage_error(const std::string& message) {
  std::cerr << "mfg-solve: " << message << "\n(run mfg-solve --help for usage)\n";
  return bad_input({{"", message}});
}

bool read_spec_text(const std::string& path, std::string& text, std::string& error) {
  std::stringstream s;
  if (path == "-") {
    s << std::cin.rdbuf();
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      error = "could not read the spec file '" + path + "': no such file or not readable";
      return false;
    }
    s << in.rdbuf();
  }
  text = s.str();
  return true;
}

Json capabilities() {
  Json c = io::build_info_json();
  c["max_threads"] = max_threads();
  c["dimensions"] = Json::array({1});
  c["methods"] = Json::array({"newton", "picard", "fictitious_play"});
  return c;
}

int exit_code(Status s) {
  switch (s) {
    case Status::Converged: return kConverged;
    case Status::NotConverged: return kNotConverged;
    case Status::Diverged: return kDiverged;
    case Status::Cancelled: return kCancelled;
    default: return kInternal;
  }
}

Json iteration_line(const IterationRecord& r) {
  return {{"event", "iteration"}, {"iteration", r.iteration}, {"phase", phase_name(r.phase)}, {"residual_hjb", r.residual_hjb},
          {"residual_fp", r.residual_fp}, {"residual", r.residual}, {"change", r.change}, {"elapsed_s", r.elapsed_s},
          {"linear_iterations", r.linear_iterations}};
}

bool memory_fits(const Spec& spec, std::vector<SpecIssue>& issues) {
  const MemoryEstimate e = estimate_memory(spec);
  if (e.available_bytes <= 0.0 || e.solver_bytes <= 0.9 * e.available_bytes) return true;
  issues.push_back({"domain.points", "this run needs about " + format_bytes(e.solver_bytes) + " of memory, but the machine has " +
                                         format_bytes(e.available_bytes) + " available; reduce domain.points or time.steps, or use " +
                                         "solver.method \"picard\"/\"fictitious_play\" (less memory than Newton)"});
  return false;
}

int solve(const cli::Args& args, const Problem& problem) {
  io::RunDirectory dir(args.out_dir);
  std::string error;
  if (!dir.prepare(args.force, error)) return usage_error(error);
  io::RunContext ctx;
  ctx.threads = max_threads();
  ctx.backend = openmp_enabled() ? "openmp" : "serial";
  ctx.started_at = io::iso_now();
  dir.log("mfg-solve " + std::string(build::kVersion) + " (" + build::kGitHash + "), " + std::to_string(ctx.threads) + " threads");
  dir.log("problem: " + problem.grid.describe() + ", " + std::to_string(problem.steps) + " time steps, method " + method_name(problem.spec.method));
  if (!dir.write_manifest(io::run_manifest(problem, nullptr, Status::Running, ctx), error)) {
    std::cerr << "mfg-solve: " << error << "\n";
    return kInternal;
  }
  if (!args.quiet)
    print_line({{"event", "start"}, {"cells", problem.cells()}, {"time_levels", problem.steps + 1}, {"threads", ctx.threads},
                {"method", method_name(problem.spec.method)}, {"out", args.out_dir}});
  cli::install_signal_handlers();
  SolveOptions options;
  options.cancel = &cli::cancel_flag();
  options.on_iteration = [&](const IterationRecord& r) {
    if (!args.quiet) print_line(iteration_line(r));
  };
  MfgState state;
  const SolveResult result = solve(problem, options, state);
  if (!dir.write_result(problem, result, io::levels_of(problem, state), ctx, error)) {
    std::cerr << "mfg-solve: could not write the run directory: " << error << "\n";
    return kInternal;
  }
  print_line({{"event", "summary"}, {"status", status_name(result.status)}, {"message", result.message}, {"iterations", result.iterations},
              {"residual", result.residual.max()}, {"elapsed_s", result.total_s}, {"out", args.out_dir}});
  return exit_code(result.status);
}

int run(const cli::Args& args) {
  if (args.command == cli::Command::Help) return std::cout << cli::usage(), kConverged;
  if (args.command == cli::Command::Version) return std::cout << "mfg-solve " << build::kVersion << " (" << build::kGitHash << ")\n", kConverged;
  if (args.command == cli::Command::Capabilities) return print_line(capabilities()), kConverged;
  std::string text, error;
  if (!read_spec_text(args.spec_path, text, error)) return usage_error(error);
  const SpecParse parsed = parse_spec(text);
  if (!parsed.ok) return bad_input(parsed.issues);
  if (args.command == cli::Command::Check) return print_line(spec_to_json(parsed.spec)), kConverged;
  std::vector<SpecIssue> issues;
  if (!memory_fits(parsed.spec, issues)) return bad_input(issues);
  if (args.threads > 0) set_threads(args.threads);
  const ProblemBuild built = io::build_problem_with_files(parsed.spec);
  if (!built.ok) return bad_input(built.issues);
  return solve(args, built.problem);
}

}  // namespace

int main(int argc, char** argv) {
  cli::Args args;
  std::string error;
  if (!cli::parse_args(std::vector<std::string>(argv + 1, argv + argc), args, error)) return usage_error(error);
  try {
    return run(args);
  } catch (const std::bad_alloc&) {
    std::cerr << "mfg-solve: out of memory; reduce domain.points or time.steps\n";
    return kInternal;
  } catch (const std::exception& e) {
    std::cerr << "mfg-solve: internal error: " << e.what() << "\n";
    return kInternal;
  }
}
