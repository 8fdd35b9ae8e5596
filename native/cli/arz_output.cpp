#include "arz_output.hpp"

#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>

#include "../core/parallel.hpp"
#include "../io/run_dir.hpp"
#include "../io/zarr.hpp"
#include "../models/arz/simulation.hpp"

namespace mfg::cli {

namespace {

using arz::Scenario;
using arz::Simulation;

constexpr double kToKmh = 3.6, kToPerKm = 1000.0, kToPerHour = 3600.0;

// Every stored level: per segment, per class, density (veh/km) then velocity (km/h) of each cell.
struct Stored {
  std::vector<double> times;
  std::vector<std::vector<double>> levels;  // [level][segment offset + (class * 2 + field) * cells + j]
  std::vector<std::size_t> offsets;         // per segment
};

void record(const Simulation& sim, Stored& out) {
  const Scenario& sc = sim.scenario();
  std::vector<double> level;
  std::vector<double> buffer;
  for (std::size_t s = 0; s < sc.segments.size(); ++s) {
    const auto n = static_cast<std::size_t>(sc.segments[s].cells);
    buffer.resize(n);
    for (int c = 0; c < sc.class_count(); ++c) {
      sim.density(static_cast<int>(s), c, buffer.data());
      for (double v : buffer) level.push_back(v * kToPerKm);
      sim.velocity(static_cast<int>(s), c, buffer.data());
      for (double v : buffer) level.push_back(v * kToKmh);
    }
  }
  out.times.push_back(sim.time());
  out.levels.push_back(std::move(level));
}

bool write_fields(const Scenario& sc, const Stored& st, const std::string& dir, std::string& error) {
  io::ZarrGroup group;
  if (!group.create(dir + "/fields.zarr", Json{{"model", "arz"}, {"units", {{"density", "veh/km"}, {"velocity", "km/h"}, {"t", "s"}, {"x", "m"}}}}, error))
    return false;
  const auto levels = static_cast<std::int64_t>(st.times.size());
  if (!group.write_array({"t", {"t"}, {levels}, {levels}, io::Dtype::Float64, Json{{"units", "s"}}},
                         [&](std::int64_t, double* v) { std::copy(st.times.begin(), st.times.end(), v); }, error))
    return false;
  std::size_t offset = 0;
  for (const auto& seg : sc.segments) {
    const std::int64_t n = seg.cells;
    const std::string x = "x." + seg.id;
    if (!group.write_array({x, {x}, {n}, {n}, io::Dtype::Float64, Json{{"units", "m"}, {"long_name", "cell centres of segment " + seg.id}}},
                           [&](std::int64_t, double* v) { for (std::int64_t j = 0; j < n; ++j) v[j] = (j + 0.5) * seg.dx; }, error))
      return false;
    for (int c = 0; c < sc.class_count(); ++c)
      for (int field = 0; field < 2; ++field) {
        const std::string name = std::string(field == 0 ? "density." : "velocity.") + sc.classes[static_cast<std::size_t>(c)].name + "." + seg.id;
        const std::size_t at = offset + static_cast<std::size_t>((c * 2 + field) * n);
        const Json attributes{{"units", field == 0 ? "veh/km" : "km/h"}, {"segment", seg.id}, {"class", sc.classes[static_cast<std::size_t>(c)].name}};
        if (!group.write_array({name, {"t", x}, {levels, n}, {1, n}, io::Dtype::Float64, attributes},
                               [&](std::int64_t k, double* v) {
                                 const auto& level = st.levels[static_cast<std::size_t>(k)];
                                 std::copy(level.begin() + static_cast<std::ptrdiff_t>(at), level.begin() + static_cast<std::ptrdiff_t>(at) + n, v);
                               },
                               error))
          return false;
      }
    offset += static_cast<std::size_t>(2 * sc.class_count() * n);
  }
  return group.consolidate(error);
}

std::string csv_text(const std::string& s) { return "\"" + s + "\""; }

std::string detectors_csv(const Simulation& sim) {
  const Scenario& sc = sim.scenario();
  std::ostringstream o;
  o.precision(10);
  o << "detector,segment,position_m,class,start_s,end_s,flow_veh_h,density_veh_km,speed_km_h,occupancy\n";
  for (std::size_t d = 0; d < sc.detectors.size(); ++d)
    for (const auto& r : sim.detector_records(static_cast<int>(d)))
      for (int c = 0; c < sc.class_count(); ++c)
        o << sc.detectors[d].id << "," << sc.segments[static_cast<std::size_t>(sc.detectors[d].segment)].id << "," << sc.detectors[d].position << ","
          << sc.classes[static_cast<std::size_t>(c)].name << "," << r.start << "," << r.end << "," << r.flow[c] * kToPerHour << ","
          << r.density[c] * kToPerKm << "," << r.speed[c] * kToKmh << "," << r.occupancy << "\n";
  return o.str();
}

std::string signals_csv(const Simulation& sim) {
  const Scenario& sc = sim.scenario();
  static const char* const kStages[] = {"green", "yellow", "all_red"};
  std::ostringstream o;
  o.precision(10);
  o << "time_s,junction,phase,phase_name,stage\n";
  for (const auto& e : sim.signal_log()) {
    const auto& jn = sc.junctions[static_cast<std::size_t>(e.junction)];
    o << e.time << "," << jn.id << "," << e.phase << "," << csv_text(jn.signal.phases[static_cast<std::size_t>(e.phase)].name) << ","
      << kStages[static_cast<int>(e.stage)] << "\n";
  }
  return o.str();
}

Json manifest(const Json& spec, const Simulation& sim, const std::string& status, const std::string& started, double elapsed, long long steps,
              std::uint64_t seed, std::size_t levels) {
  const Scenario& sc = sim.scenario();
  Json solver = io::build_info_json();
  solver["name"] = "arz-solve";
  Json segments = Json::array();
  for (const auto& s : sc.segments) segments.push_back({{"id", s.id}, {"length_m", s.length}, {"cells", s.cells}, {"dx_m", s.dx}, {"lanes", s.lanes}});
  Json classes = Json::array();
  for (const auto& c : sc.classes) classes.push_back(c.name);
  const arz::NetworkTotals t = sim.totals();
  Json totals = Json::object();
  for (int c = 0; c < sc.class_count(); ++c)
    totals[sc.classes[static_cast<std::size_t>(c)].name] = {{"inflow_veh", t.inflow[c]}, {"outflow_veh", t.outflow[c]}, {"queued_veh", t.queued[c]},
                                                            {"on_network_veh", t.on_network[c]}, {"vehicle_hours", t.vehicle_seconds[c] / 3600.0}};
  return Json{{"format", "mfg-run"}, {"format_version", 1}, {"model", "arz"}, {"status", status}, {"spec", spec},
              {"network", {{"segments", segments}, {"classes", classes}}}, {"time", {{"reached_s", sim.time()}, {"levels", levels}}},
              {"seed", seed}, {"totals", totals}, {"solver", solver}, {"host", io::host_info_json()}, {"threads", max_threads()},
              {"started_at", started}, {"finished_at", io::iso_now()}, {"timings", {{"total_s", elapsed}, {"steps", steps}}}};
}

}  // namespace

bool run_to_directory(const Json& spec, const arz::ScenarioParse& parsed, const std::string& dir, std::uint64_t seed, bool quiet,
                      std::atomic<bool>& cancel) {
  const Scenario& sc = *parsed.scenario;
  Simulation sim(parsed.scenario, seed);
  std::ofstream log(dir + "/log.txt");
  const std::string started = io::iso_now();
  log << started << " arz-solve: " << sc.segments.size() << " segments, " << sc.junctions.size() << " junctions, " << sc.class_count()
      << " classes, horizon " << sc.horizon << " s\n";
  for (const auto& w : parsed.warnings) log << "warning: " << format_issue(w) << "\n";
  if (!quiet) std::cout << Json{{"event", "start"}, {"model", "arz"}, {"segments", sc.segments.size()}, {"horizon_s", sc.horizon}, {"out", dir}}.dump() << std::endl;
  Stored stored;
  record(sim, stored);
  const auto start = std::chrono::steady_clock::now();
  long long steps = 0;
  bool cancelled = false;
  for (long long k = 1; sim.time() < sc.horizon; ++k) {
    if (cancel.load()) {
      cancelled = true;
      break;
    }
    const double next = std::min(sc.horizon, static_cast<double>(k) * sc.output_interval);
    steps += sim.step(next - sim.time());
    record(sim, stored);
    if (!quiet) std::cout << Json{{"event", "progress"}, {"t_s", sim.time()}, {"horizon_s", sc.horizon}, {"steps", steps}}.dump() << std::endl;
  }
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const std::string status = cancelled ? "cancelled" : "done";
  std::string error;
  const bool ok = write_fields(sc, stored, dir, error) && io::write_file_atomically(dir + "/detectors.csv", detectors_csv(sim), error) &&
                  io::write_file_atomically(dir + "/signals.csv", signals_csv(sim), error) &&
                  io::write_file_atomically(dir + "/run.json", manifest(spec, sim, status, started, elapsed, steps, seed, stored.times.size()).dump(2) + "\n", error);
  if (!ok) throw std::runtime_error("could not write the run directory: " + error);
  log << io::iso_now() << " " << status << " at t = " << sim.time() << " s after " << steps << " steps, " << elapsed << " s\n";
  std::cout << Json{{"event", "summary"}, {"status", status}, {"t_s", sim.time()}, {"steps", steps}, {"elapsed_s", elapsed}, {"out", dir}}.dump() << std::endl;
  return !cancelled;
}

}  // namespace mfg::cli
