#include "args.hpp"

#include <cstdlib>

namespace mfg::cli {

std::string usage() {
  return "usage: mfg-solve SPEC.json --out RUN_DIR [--threads N] [--memory SIZE] [--quiet] [--force]\n"
         "       mfg-solve --resume RUN_DIR [--threads N] [--memory SIZE] [--quiet]\n"
         "       mfg-solve --check SPEC.json\n"
         "       mfg-solve --version | --capabilities | --help\n"
         "\n"
         "Solves the mean field game described by SPEC.json (docs/spec.md; '-' reads standard input) and\n"
         "writes a run directory (docs/run-directory.md). Progress is printed as JSON lines on stdout.\n"
         "\n"
         "  --out DIR      the run directory to write (refused if it exists and is not empty, unless --force)\n"
         "  --threads N    OpenMP threads (default: all cores)\n"
         "  --memory SIZE  memory the run may use, e.g. 16G or 800M (default: what the machine, or the job's\n"
         "                 cgroup, has available); Newton rebuilds per-step operators to fit, or the run is refused\n"
         "  --quiet        print only the summary line\n"
         "  --force        replace the run files of an existing run directory (other files are kept)\n"
         "  --resume DIR   continue the run in DIR from its last checkpoint (from the start if it has none)\n"
         "  --check        validate SPEC.json and print it with every default filled in\n"
         "  --capabilities print what this build can do, as JSON\n"
         "\n"
         "Checkpoints (solver.checkpoint in the spec) go to RUN_DIR/checkpoint. SIGUSR1 writes one and stops\n"
         "with exit code 6 (for cluster preemption and time limits); SIGINT/SIGTERM stop without one.\n"
         "\n"
         "exit codes: 0 converged, 1 internal or I/O error, 2 bad input, 3 not converged,\n"
         "            4 diverged (NaN/Inf), 5 cancelled (SIGINT/SIGTERM), 6 interrupted with a checkpoint (SIGUSR1)\n";
}

namespace {

bool parse_threads(const std::string& text, int& out, std::string& error) {
  char* end = nullptr;
  const long n = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || n < 1 || n > 4096) {
    error = "--threads: expected an integer between 1 and 4096, received '" + text + "'";
    return false;
  }
  out = static_cast<int>(n);
  return true;
}

// "16G", "800M", "1.5T", "2048K" or plain bytes.
bool parse_memory(const std::string& text, double& out, std::string& error) {
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  const std::string unit = end ? std::string(end) : std::string();
  const double scale = unit.empty() ? 1.0 : unit == "K" ? 1024.0 : unit == "M" ? 1048576.0 : unit == "G" ? 1073741824.0 : unit == "T" ? 1099511627776.0 : -1.0;
  if (text.empty() || end == text.c_str() || scale < 0.0 || !(value > 0.0) || value * scale < 1048576.0 || value * scale > 1e18) {
    error = "--memory: expected a size such as 16G, 800M or 1.5T (at least 1M), received '" + text + "'";
    return false;
  }
  out = value * scale;
  return true;
}

}  // namespace

bool parse_args(const std::vector<std::string>& argv, Args& args, std::string& error) {
  std::vector<std::string> positional;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    auto value = [&](const char* flag, std::string& out) {
      if (i + 1 >= argv.size()) {
        error = std::string(flag) + ": expected a value after it";
        return false;
      }
      out = argv[++i];
      return true;
    };
    if (a == "--help" || a == "-h") args.command = Command::Help;
    else if (a == "--version") args.command = Command::Version;
    else if (a == "--capabilities") args.command = Command::Capabilities;
    else if (a == "--check") args.command = Command::Check;
    else if (a == "--resume") args.command = Command::Resume;
    else if (a == "--quiet") args.quiet = true;
    else if (a == "--force") args.force = true;
    else if (a == "--out" || a == "-o") {
      if (!value("--out", args.out_dir)) return false;
    } else if (a == "--threads") {
      std::string text;
      if (!value("--threads", text) || !parse_threads(text, args.threads, error)) return false;
    } else if (a == "--memory") {
      std::string text;
      if (!value("--memory", text) || !parse_memory(text, args.memory_bytes, error)) return false;
    } else if (a.size() > 1 && a[0] == '-') {
      error = "unknown option '" + a + "'";
      return false;
    } else {
      positional.push_back(a);
    }
  }
  if (args.command == Command::Help || args.command == Command::Version || args.command == Command::Capabilities) return true;
  if (args.command != Command::Resume && positional.size() != 1) {
    error = positional.empty() ? "expected a spec file (SPEC.json, or - for standard input)"
                               : "expected one spec file, received " + std::to_string(positional.size()) + " arguments";
    return false;
  }
  if (args.command == Command::Resume) {
    if (positional.size() != 1) {
      error = "--resume: expected one run directory";
      return false;
    }
    args.out_dir = positional[0];
    return true;
  }
  args.spec_path = positional[0];
  if (args.command == Command::Solve && args.out_dir.empty()) {
    error = "expected --out RUN_DIR: the run directory to write";
    return false;
  }
  return true;
}

}  // namespace mfg::cli
