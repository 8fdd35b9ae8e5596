// arz-bench: the ARZ benchmark of issue 18 (bench/arz.mjs runs it and adds the machine).
//   arz-bench <folder of the arz presets> [--quick]
// Prints one JSON document: per problem the median wall time and the median CPU time of the thread
// (the machines are shared: wall time includes waiting for a core, CPU time is what one core
// spends), steps, ns per cell and step, the target and a baseline measured in the same run (real
// time for the simulated interval; one thread for the batch). Timings only; nothing asserts them.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/parallel.hpp"
#include "models/arz/batch.hpp"
#include "models/arz/spec.hpp"

using namespace mfg::arz;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

// Wall and CPU seconds of f(), and what it returned.
template <class F>
auto timed(F f, double& wall, double& cpu) {
  const auto start = Clock::now();
  const double cpu_start = thread_cpu_seconds();
  auto result = f();
  cpu = thread_cpu_seconds() - cpu_start;
  wall = seconds_since(start);
  return result;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

mfg::Json read_preset(const std::string& folder, const std::string& name) {
  std::ifstream in(folder + "/" + name, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  mfg::Json j;
  std::string error;
  if (!mfg::parse_json(text.str(), j, error)) throw std::runtime_error(name + ": " + error);
  return j;
}

std::shared_ptr<const Scenario> scenario(mfg::Json spec, const char* reconstruction, const char* integrator) {
  spec["numerics"] = {{"reconstruction", reconstruction}, {"time_integrator", integrator}, {"cfl", 0.5}};
  const ScenarioParse parsed = read_scenario(spec);
  if (!parsed.ok) throw std::runtime_error(mfg::format_issue(parsed.issues.front()));
  return parsed.scenario;
}

long long total_cells(const Scenario& sc) {
  long long n = 0;
  for (const auto& s : sc.segments) n += s.cells;
  return n;
}

std::string scheme_name(const char* r, const char* i) { return std::string(r) + " + " + i; }

// One decision interval of the seed corridor, after a warm-up into its periodic regime.
std::string corridor(const mfg::Json& spec, const char* r, const char* i, double target, int decisions) {
  Simulation sim(scenario(spec, r, i), 1);
  sim.step(600.0);
  std::vector<double> walls, cpus;
  long long steps = 0;
  for (int k = 0; k < decisions; ++k) {
    double wall, cpu;
    steps += timed([&] { return sim.step(60.0); }, wall, cpu);
    walls.push_back(wall);
    cpus.push_back(cpu);
  }
  const double s = median(walls), c = median(cpus), per_step = static_cast<double>(steps) / decisions;
  const double cells = static_cast<double>(total_cells(sim.scenario()));
  std::ostringstream o;
  o << "{\"problem\": \"seed corridor: one 60 s decision interval\", \"size\": \"200 cells x 2 classes\", \"scheme\": \""
    << scheme_name(r, i) << "\", \"seconds\": " << s << ", \"cpu_seconds\": " << c << ", \"min_seconds\": " << *std::min_element(walls.begin(), walls.end())
    << ", \"steps\": " << per_step << ", \"ns_per_cell_step\": " << s / per_step / cells * 1e9 << ", \"cpu_ns_per_cell_step\": " << c / per_step / cells * 1e9
    << ", \"target_s\": " << target << ", \"meets_target_cpu\": " << (c <= target ? "true" : "false")
    << ", \"meets_target_wall\": " << (s <= target ? "true" : "false") << ", \"baseline\": {\"name\": \"real time (60 s)\", \"seconds\": 60}"
    << ", \"ratio\": " << 60.0 / s << ", \"decisions_timed\": " << decisions << "}";
  return o.str();
}

std::string grid_hour(const mfg::Json& spec, const char* r, const char* i, int repeats) {
  std::vector<double> walls, cpus;
  long long steps = 0;
  long long cells = 0;
  for (int k = 0; k < repeats; ++k) {
    Simulation sim(scenario(spec, r, i), 1);
    cells = total_cells(sim.scenario());
    double wall, cpu;
    steps = timed([&] { return sim.step(3600.0); }, wall, cpu);
    walls.push_back(wall);
    cpus.push_back(cpu);
  }
  const double s = median(walls), c = median(cpus);
  std::ostringstream o;
  o << "{\"problem\": \"4-junction signalised grid: one hour\", \"size\": \"" << cells << " cells x 2 classes, 12 segments, 4 junctions\", \"scheme\": \""
    << scheme_name(r, i) << "\", \"seconds\": " << s << ", \"cpu_seconds\": " << c << ", \"steps\": " << steps
    << ", \"ns_per_cell_step\": " << s / steps / cells * 1e9 << ", \"cpu_ns_per_cell_step\": " << c / steps / cells * 1e9
    << ", \"target_s\": 1, \"meets_target_cpu\": " << (c <= 1.0 ? "true" : "false") << ", \"meets_target_wall\": " << (s <= 1.0 ? "true" : "false")
    << ", \"baseline\": {\"name\": \"real time (3600 s)\", \"seconds\": 3600}, \"ratio\": " << 3600.0 / s << "}";
  return o.str();
}

// The RL issue's vectorised case: 256 corridors, 5 s decisions, on every thread vs one.
std::string batch_throughput(const mfg::Json& spec, int threads, int decisions) {
  const auto sc = scenario(spec, "first_order", "euler");
  std::vector<std::uint64_t> seeds(256);
  for (std::size_t k = 0; k < seeds.size(); ++k) seeds[k] = k + 1;
  auto measure = [&](int team) {
    Batch batch(sc, seeds);
    batch.step(60.0, team);
    const auto start = Clock::now();
    for (int k = 0; k < decisions; ++k) batch.step(5.0, team);
    return seconds_since(start);
  };
  const double one = measure(1), all = measure(threads);
  const double rate = 256.0 * decisions / all;
  std::ostringstream o;
  o << "{\"problem\": \"batch of 256 seed corridors, 5 s decisions (first_order + euler)\", \"size\": \"256 x 200 cells x 2 classes\", \"threads\": "
    << threads << ", \"seconds\": " << all << ", \"decision_steps_per_s\": " << rate
    << ", \"baseline\": {\"name\": \"the same batch on 1 thread\", \"seconds\": " << one << "}, \"ratio\": " << one / all << "}";
  return o.str();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: arz-bench <folder of the arz presets> [--quick]\n");
    return 2;
  }
  const std::string folder = argv[1];
  const bool quick = argc > 2 && std::string(argv[2]) == "--quick";
  try {
    const mfg::Json corridor_spec = read_preset(folder, "arz-seed-corridor.json");
    const mfg::Json grid_spec = read_preset(folder, "arz-grid-4-signals.json");
    const int decisions = quick ? 5 : 60;
    std::vector<std::string> results{
        corridor(corridor_spec, "first_order", "euler", 0.001, decisions),
        corridor(corridor_spec, "muscl_mc", "ssprk3", 0.010, decisions),
        corridor(corridor_spec, "weno5z", "ssprk3", 0.010, decisions),
        grid_hour(grid_spec, "first_order", "euler", quick ? 1 : 5),
        grid_hour(grid_spec, "weno5z", "ssprk3", quick ? 1 : 3),
        batch_throughput(corridor_spec, mfg::max_threads(), quick ? 4 : 24),
    };
    std::printf("{\"benchmark\": \"arz\", \"threads\": %d, \"results\": [\n", mfg::max_threads());
    for (std::size_t k = 0; k < results.size(); ++k) std::printf("  %s%s\n", results[k].c_str(), k + 1 < results.size() ? "," : "");
    std::printf("]}\n");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "arz-bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
