// arz-solve: run one ARZ traffic spec ({"model": "arz"}, docs/traffic.md) to its horizon into a run
// directory: run.json, fields.zarr (density and velocity per segment and class, dims [t, x],
// coordinates in s and m), detectors.csv, signals.csv, log.txt. A sibling of mfg-solve with its
// conventions (JSON progress lines on stdout, exit codes, SIGINT/SIGTERM -> cancelled) until the run
// directory and checkpoints become model-agnostic in native/io; --resume is not offered yet.
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "build_info.hpp"
#include "../core/parallel.hpp"
#include "../io/run_dir.hpp"
#include "../io/safe_file.hpp"
#include "../io/zarr.hpp"
#include "../models/arz/spec.hpp"
#include "../models/arz/simulation.hpp"
#include "arz_output.hpp"
#include "signals.hpp"

using namespace mfg;

namespace {

enum ExitCode { kDone = 0, kInternal = 1, kBadInput = 2, kCancelled = 5 };

struct Options {
  std::string spec_path, out_dir;
  int threads = 0;
  std::uint64_t seed = 0;
  bool quiet = false, force = false, check = false, help = false, version = false;
};

const char* const kUsage =
    "usage: arz-solve SPEC.json --out DIR [--force] [--quiet] [--threads N] [--seed S]\n"
    "       arz-solve SPEC.json --check     (validate; print warnings)\n"
    "       arz-solve --help | --version\n"
    "Runs an ARZ traffic spec (\"model\": \"arz\", docs/traffic.md) to time.horizon and writes the run\n"
    "directory DIR: run.json, fields.zarr, detectors.csv, signals.csv, log.txt. Progress is printed as JSON\n"
    "lines. Exit codes: 0 done, 1 internal error, 2 bad input, 5 cancelled (SIGINT/SIGTERM).\n";

void print_line(const Json& j) {
  std::cout << j.dump(-1, ' ', false, Json::error_handler_t::replace) << "\n";
  std::cout.flush();
}

int bad_input(const std::vector<SpecIssue>& issues) {
  Json list = Json::array();
  for (const auto& i : issues) {
    std::cerr << "arz-solve: " << format_issue(i) << "\n";
    list.push_back({{"path", i.path}, {"message", i.message}});
  }
  print_line({{"event", "error"}, {"code", "bad_input"}, {"issues", list}});
  return kBadInput;
}

bool parse_options(int argc, char** argv, Options& o, std::string& error) {
  for (int k = 1; k < argc; ++k) {
    const std::string a = argv[k];
    auto value = [&](const char* name) -> std::string {
      if (k + 1 >= argc) throw std::invalid_argument(std::string(name) + " needs a value");
      return argv[++k];
    };
    try {
      if (a == "--out") o.out_dir = value("--out");
      else if (a == "--threads") o.threads = std::stoi(value("--threads"));
      else if (a == "--seed") o.seed = std::stoull(value("--seed"));
      else if (a == "--quiet") o.quiet = true;
      else if (a == "--force") o.force = true;
      else if (a == "--check") o.check = true;
      else if (a == "--help" || a == "-h") o.help = true;
      else if (a == "--version") o.version = true;
      else if (!a.empty() && a[0] == '-' && a != "-") throw std::invalid_argument("unknown option " + a);
      else if (o.spec_path.empty()) o.spec_path = a;
      else throw std::invalid_argument("one spec file expected, received a second: " + a);
    } catch (const std::exception& e) {
      error = e.what();
      return false;
    }
  }
  if (o.help || o.version) return true;
  if (o.spec_path.empty()) error = "no spec file given";
  else if (!o.check && o.out_dir.empty()) error = "--out DIR is required (where the run directory goes)";
  return error.empty();
}

// The same safe reader as mfg-solve's (io/safe_file.hpp): regular files only, no FIFO hangs, capped.
bool read_text(const std::string& path, std::string& text, std::string& error) {
  const io::ReadRequest request{"the spec file", std::size_t(16) << 20, io::Links::Follow};
  return path == "-" ? io::read_stream_limited(stdin, request, text, error) : io::read_regular_file(path, request, text, error);
}

int run(const Options& o) {
  if (o.help) return std::cout << kUsage, kDone;
  if (o.version) return std::cout << "arz-solve " << build::kVersion << " (" << build::kGitHash << ")\n", kDone;
  if (o.threads > 0) set_threads(o.threads);
  std::string text, error;
  if (!read_text(o.spec_path, text, error)) return bad_input({{"", error}});
  Json spec;
  if (!parse_json(text, spec, error)) return bad_input({{"", error}});
  const arz::ScenarioParse parsed = arz::read_scenario(spec);
  for (const auto& w : parsed.warnings) std::cerr << "arz-solve: warning: " << format_issue(w) << "\n";
  if (!parsed.ok) return bad_input(parsed.issues);
  if (o.check) {
    Json warnings = Json::array();
    for (const auto& w : parsed.warnings) warnings.push_back({{"path", w.path}, {"message", w.message}});
    print_line({{"event", "valid"}, {"warnings", warnings}});
    return kDone;
  }
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(o.out_dir, ec) && !fs::is_empty(o.out_dir, ec) && !o.force)
    return bad_input({{"", o.out_dir + " exists and is not empty; pass --force to replace it"}});
  fs::remove_all(o.out_dir, ec);
  fs::create_directories(o.out_dir, ec);
  if (ec) return bad_input({{"", "could not create " + o.out_dir + ": " + ec.message()}});
  cli::install_signal_handlers();
  return cli::run_to_directory(spec, parsed, o.out_dir, o.seed, o.quiet, cli::cancel_flag()) ? kDone : kCancelled;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  std::string error;
  if (!parse_options(argc, argv, o, error)) {
    std::cerr << "arz-solve: " << error << "\n" << kUsage;
    return bad_input({{"", error}});
  }
  try {
    return run(o);
  } catch (const std::bad_alloc&) {
    std::cerr << "arz-solve: out of memory; reduce the cells or time.horizon / time.output_interval\n";
    return kInternal;
  } catch (const std::exception& e) {
    std::cerr << "arz-solve: internal error: " << e.what() << "\n";
    return kInternal;
  }
}
