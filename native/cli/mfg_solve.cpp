// mfg-solve: solve one spec into a run directory (docs/run-directory.md). The executable behind
// `mfgw solve`, mpirun/srun and SLURM jobs; the app's live solves use the same library in-process.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "build_info.hpp"
#include "../io/checkpoint.hpp"
#include "../io/mask_file.hpp"
#include "../io/records.hpp"
#include "../io/safe_file.hpp"
#include "../io/run_dir.hpp"
#include "../models/mfg/memory.hpp"
#include "args.hpp"
#include "signals.hpp"

using namespace mfg;

namespace {

enum ExitCode { kConverged = 0, kInternal = 1, kBadInput = 2, kNotConverged = 3, kDiverged = 4, kCancelled = 5, kInterrupted = 6 };

// Invalid UTF-8 (from a spec's bytes quoted in a message) is replaced, never thrown on.
void print_line(const Json& j) {
  std::cout << j.dump(-1, ' ', false, Json::error_handler_t::replace) << "\n";
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

// A spec is a small JSON document; formulas and names keep it far below this.
constexpr std::size_t kMaxSpecBytes = std::size_t(16) << 20;
constexpr std::size_t kMaxManifestBytes = std::size_t(64) << 20;

bool read_spec_text(const std::string& path, std::string& text, std::string& error) {
  const io::ReadRequest request{"the spec file", kMaxSpecBytes, io::Links::Follow};
  return path == "-" ? io::read_stream_limited(stdin, request, text, error) : io::read_regular_file(path, request, text, error);
}

Json capabilities() {
  Json c = io::build_info_json();
  c["max_threads"] = max_threads();
  c["dimensions"] = Json::array({1, 2, 3});
  c["methods"] = Json::array({"newton", "picard", "fictitious_play"});
  return c;
}

int exit_code(Status s) {
  switch (s) {
    case Status::Converged: return kConverged;
    case Status::NotConverged: return kNotConverged;
    case Status::Diverged: return kDiverged;
    case Status::Cancelled: return kCancelled;
    case Status::Interrupted: return kInterrupted;
    default: return kInternal;
  }
}

Json iteration_line(const IterationRecord& r) {
  Json line{{"event", "iteration"}};
  line.update(io::iteration_json(r));
  return line;
}

// Refuses a run that cannot fit even with Newton rebuilding every step's operators (memory.hpp).
bool memory_fits(const Spec& spec, double limit_bytes, std::vector<SpecIssue>& issues) {
  const std::optional<SpecIssue> refusal = memory_refusal(estimate_memory(spec, limit_bytes));
  if (refusal) issues.push_back(*refusal);
  return !refusal;
}

// Solves into the run directory (fresh, or resumed from `resume` when given).
int solve(const cli::Args& args, const Problem& problem, io::RunDirectory& dir, const Checkpoint* resume) {
  std::string error;
  io::RunContext ctx;
  ctx.threads = max_threads();
  ctx.backend = openmp_enabled() ? "openmp" : "serial";
  ctx.started_at = io::iso_now();
  if (resume) ctx.provenance["resumed_from_iteration"] = resume->history.empty() ? 0 : resume->history.back().iteration;
  dir.log("mfg-solve " + std::string(build::kVersion) + " (" + build::kGitHash + "), " + std::to_string(ctx.threads) + " threads");
  dir.log("problem: " + problem.grid.describe() + ", " + std::to_string(problem.steps) + " time steps, method " + method_name(problem.spec.method));
  if (resume) dir.log("resuming from the checkpoint after iteration " + std::to_string(resume->history.size()));
  const MemoryEstimate memory = estimate_memory(problem.spec, args.memory_bytes);
  ctx.memory = memory;
  dir.log("memory: about " + format_bytes(memory.solver_bytes) + " planned, " + format_bytes(memory.available_bytes) + " available" +
          (memory.plan.kept_steps < memory.plan.steps ? "; Newton keeps the operators of " + std::to_string(memory.plan.kept_steps) + " of " +
                                                            std::to_string(memory.plan.steps) + " time steps and rebuilds the others per sweep"
                                                      : ""));
  if (!dir.write_manifest(io::run_manifest(problem, nullptr, Status::Running, ctx), error)) {
    std::cerr << "mfg-solve: " << error << "\n";
    return kInternal;
  }
  if (!args.quiet)
    print_line({{"event", "start"}, {"cells", problem.cells()}, {"time_levels", problem.steps + 1}, {"threads", ctx.threads},
                {"method", method_name(problem.spec.method)}, {"out", args.out_dir}, {"resumed", resume != nullptr}});
  cli::install_signal_handlers();
  SolveOptions options;
  options.cancel = &cli::cancel_flag();
  options.checkpoint_request = &cli::checkpoint_flag();
  options.resume = resume;
  options.memory_budget_bytes = memory.budget_bytes;
  options.on_iteration = [&](const IterationRecord& r) {
    if (!args.quiet) print_line(iteration_line(r));
  };
  const std::string fingerprint = io::spec_fingerprint(problem.spec);
  options.write_checkpoint = [&](const ResumePoint& at, const std::vector<IterationRecord>& history, const MfgState& state) {
    std::string failure;
    const bool ok = io::write_checkpoint(dir.path(), at, history, state, fingerprint, failure);
    dir.log(ok ? "checkpoint after iteration " + std::to_string(history.size()) : "could not write a checkpoint: " + failure);
    // The history so far, for whoever watches a long run (it matches the checkpoint).
    if (ok && !dir.write_convergence(history, failure)) dir.log("could not write convergence.csv: " + failure);
    return ok;
  };
  MfgState state;
  const SolveResult result = mfg::solve(problem, options, state);
  if (!dir.write_result(problem, result, io::levels_of(problem, state), ctx, error)) {
    std::cerr << "mfg-solve: could not write the run directory: " << error << "\n";
    return kInternal;
  }
  if (result.status == Status::Converged) io::remove_checkpoint(dir.path());
  print_line({{"event", "summary"}, {"status", status_name(result.status)}, {"message", result.message}, {"iterations", result.iterations},
              {"residual", result.residual.max()}, {"elapsed_s", result.total_s}, {"out", args.out_dir}});
  return exit_code(result.status);
}

// The checkpoint of a run directory, checked against the problem it must continue (issue 12: a
// checkpoint is untrusted data). False with a message for the user when it cannot be used.
bool usable_checkpoint(const std::string& run_dir, const Problem& problem, Checkpoint& checkpoint, bool& found, std::string& error) {
  io::CheckpointRead read;
  if (!io::read_checkpoint(run_dir, io::state_file_bytes(problem.cells(), problem.steps + 1), checkpoint, read, error)) return false;
  found = read.found;
  if (!found) return true;
  if (read.verified && read.spec_fingerprint != io::spec_fingerprint(problem.spec)) {
    error = run_dir + "/run.json: its spec is not the one the checkpoint was written for (run.json was edited after the run started); "
            "restore it, or solve the edited spec as a new run";
    return false;
  }
  const std::string mismatch = checkpoint_mismatch(problem, checkpoint);
  if (!mismatch.empty()) error = run_dir + "/checkpoint: " + mismatch + "; delete the checkpoint folder to solve from the start";
  return mismatch.empty();
}

// --resume: the spec is the one run.json recorded; the state is the last checkpoint's (or none).
int resume_run(const cli::Args& args) {
  std::string text, error;
  const std::string manifest_path = args.out_dir + "/run.json";
  if (!io::read_regular_file(manifest_path, {"run.json", kMaxManifestBytes, io::Links::Refuse}, text, error))
    return usage_error(args.out_dir + " is not a run directory we can resume (" + error + "); expected the --out of an earlier mfg-solve");
  Json manifest;
  if (!parse_json(text, manifest, error) || !manifest.is_object() || !manifest.contains("spec"))
    return usage_error(manifest_path + " is damaged: " + (error.empty() ? "it has no spec" : error));
  const SpecParse parsed = parse_spec(manifest.at("spec"));
  if (!parsed.ok) return bad_input(parsed.issues);
  const ProblemBuild built = io::build_problem_with_files(parsed.spec);
  if (!built.ok) return bad_input(built.issues);
  Checkpoint checkpoint;
  bool found = false;
  if (!usable_checkpoint(args.out_dir, built.problem, checkpoint, found, error)) return usage_error(error);
  const Json status = manifest.value("status", Json());
  // A converged run is the answer already (a requeued cluster task ends here): say so, change nothing.
  if (!found && status == "converged") {
    const std::string note = args.out_dir + " has converged already and has no checkpoint: nothing to resume (the run is unchanged; "
                             "to solve it again, run mfg-solve on its spec with --out and --force)";
    std::cerr << "mfg-solve: " << note << "\n";
    print_line({{"event", "summary"}, {"status", "converged"}, {"message", note}, {"iterations", manifest.value("iterations", Json(0))},
                {"resumed", false}, {"out", args.out_dir}});
    return kConverged;
  }
  if (!found) std::cerr << "mfg-solve: " << args.out_dir << " has no checkpoint: solving from the start\n";
  io::RunDirectory dir(args.out_dir);
  if (!found) dir.log("--resume found no checkpoint: solving from the start");
  return solve(args, built.problem, dir, found ? &checkpoint : nullptr);
}

int run(const cli::Args& args) {
  if (args.command == cli::Command::Help) return std::cout << cli::usage(), kConverged;
  if (args.command == cli::Command::Version) return std::cout << "mfg-solve " << build::kVersion << " (" << build::kGitHash << ")\n", kConverged;
  if (args.command == cli::Command::Capabilities) return print_line(capabilities()), kConverged;
  if (args.threads > 0) set_threads(args.threads);
  if (args.command == cli::Command::Resume) return resume_run(args);
  std::string text, error;
  if (!read_spec_text(args.spec_path, text, error)) return usage_error(error);
  const SpecParse parsed = parse_spec(text);
  if (!parsed.ok) return bad_input(parsed.issues);
  if (args.command == cli::Command::Check) return print_line(spec_to_json(parsed.spec)), kConverged;
  std::vector<SpecIssue> issues;
  if (!memory_fits(parsed.spec, args.memory_bytes, issues)) return bad_input(issues);
  const ProblemBuild built = io::build_problem_with_files(parsed.spec);
  if (!built.ok) return bad_input(built.issues);
  io::RunDirectory dir(args.out_dir);
  if (!dir.prepare(args.force, error)) return usage_error(error);
  return solve(args, built.problem, dir, nullptr);
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
