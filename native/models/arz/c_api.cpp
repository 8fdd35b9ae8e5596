// The C ABI (c_api.h) over the C++ API (simulation.hpp, batch.hpp, spec.hpp): argument checks,
// exceptions turned into status codes and a per-thread message.
#include "c_api.h"

#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#include "batch.hpp"
#include "measure.hpp"
#include "spec.hpp"

using mfg::arz::Batch;
using mfg::arz::Scenario;
using mfg::arz::Simulation;

struct mfg_arz_sim {
  Simulation* sim = nullptr;
  std::unique_ptr<Simulation> owned;  // empty for simulations borrowed from a batch
};

struct mfg_arz_batch {
  std::unique_ptr<Batch> batch;
  std::vector<mfg_arz_sim> views;
};

namespace {

thread_local std::string last_error;

struct Failure {
  int status;
  std::string message;
};

// Runs f, which returns nothing or throws; maps every outcome to a status.
template <class F>
int guarded(F&& f) {
  try {
    f();
    last_error.clear();
    return MFG_ARZ_OK;
  } catch (const Failure& e) {
    last_error = e.message;
    return e.status;
  } catch (const std::invalid_argument& e) {
    last_error = e.what();
    return MFG_ARZ_INVALID_ARGUMENT;
  } catch (const std::bad_alloc&) {
    last_error = "out of memory";
    return MFG_ARZ_INTERNAL;
  } catch (const std::exception& e) {
    last_error = std::string("internal error: ") + e.what();
    return MFG_ARZ_INTERNAL;
  } catch (...) {
    last_error = "internal error: unknown exception";
    return MFG_ARZ_INTERNAL;
  }
}

void require(bool ok, const std::string& message) {
  if (!ok) throw Failure{MFG_ARZ_INVALID_ARGUMENT, message};
}

std::shared_ptr<const Scenario> parse(const char* spec_json, std::vector<mfg::SpecIssue>* warnings = nullptr) {
  require(spec_json != nullptr, "spec_json is NULL; expected JSON text");
  auto parsed = mfg::arz::read_scenario(std::string(spec_json));
  if (warnings) *warnings = parsed.warnings;
  if (!parsed.ok) {
    std::string message = "the spec was refused:";
    for (const auto& issue : parsed.issues) message += "\n  " + mfg::format_issue(issue);
    throw Failure{MFG_ARZ_INVALID_SPEC, message};
  }
  return parsed.scenario;
}

const Simulation& sim_of(const mfg_arz_sim* s) {
  require(s != nullptr && s->sim != nullptr, "sim is NULL; expected a handle from mfg_arz_sim_create or mfg_arz_batch_sim");
  return *s->sim;
}

Simulation& sim_of(mfg_arz_sim* s) { return const_cast<Simulation&>(sim_of(static_cast<const mfg_arz_sim*>(s))); }

template <class T>
void require_out(T* out, const char* name) {
  require(out != nullptr, std::string(name) + " is NULL; expected a pointer to write the result to");
}

int32_t count_of(std::size_t n) { return static_cast<int32_t>(n); }

mfg_arz_detector_totals to_c(const mfg::arz::DetectorTotals& t) {
  mfg_arz_detector_totals o{};
  for (int c = 0; c < mfg::arz::kMaxClasses; ++c) o.count[c] = t.count[c], o.density_time[c] = t.density_time[c];
  o.occupancy_time = t.occupancy_time;
  o.time = t.time;
  return o;
}


template <class Fill>
int cell_values(const mfg_arz_sim* sim, int32_t segment, int32_t cls, double* out, size_t capacity, Fill fill) {
  return guarded([&] {
    require_out(out, "out");
    const Simulation& s = sim_of(sim);
    const Scenario& sc = s.scenario();
    require(segment >= 0 && segment < count_of(sc.segments.size()), "segment " + std::to_string(segment) + " is out of range");
    const auto cells = static_cast<size_t>(sc.segments[static_cast<std::size_t>(segment)].cells);
    require(capacity >= cells, "out holds " + std::to_string(capacity) + " values; the segment has " + std::to_string(cells) + " cells");
    fill(s, segment, cls, out);
  });
}


Batch& batch_of(const mfg_arz_batch* b) {
  require(b != nullptr && b->batch != nullptr, "batch is NULL; expected a handle from mfg_arz_batch_create");
  return *b->batch;
}

std::vector<mfg::arz::Zone> zones_of(const Batch& b, const mfg_arz_zone* zones, std::size_t zone_count) {
  require(zones != nullptr || zone_count == 0, "zones is NULL; expected zone_count zones");
  std::vector<mfg::arz::Zone> out(zone_count);
  for (std::size_t z = 0; z < zone_count; ++z) out[z] = {zones[z].segment, zones[z].first_cell, zones[z].cells};
  mfg::arz::check_zones(b[0].scenario(), out);
  return out;
}

void require_entries(std::size_t count, std::size_t needed, const char* name) {
  require(count >= needed, std::string(name) + " holds " + std::to_string(count) + " entries; expected at least " + std::to_string(needed));
}

void copy_zone_values(const std::vector<mfg::arz::ZoneValues>& in, mfg_arz_zone_values* out) {
  for (std::size_t k = 0; k < in.size(); ++k) {
    const auto& v = in[k];
    mfg_arz_zone_values& o = out[k];
    for (int c = 0; c < mfg::arz::kMaxClasses; ++c) {
      o.vehicles[c] = v.vehicles[c], o.halted[c] = v.halted[c], o.moving[c] = v.moving[c], o.delay[c] = v.delay[c];
      o.vehicle_time[c] = v.vehicle_time[c], o.halted_time[c] = v.halted_time[c], o.delay_time[c] = v.delay_time[c];
      o.stops[c] = v.stops[c];
    }
  }
}

void totals_to_c(const mfg::arz::NetworkTotals& t, mfg_arz_totals* out) {
  *out = {};
  for (int c = 0; c < mfg::arz::kMaxClasses; ++c) {
    out->inflow[c] = t.inflow[c], out->outflow[c] = t.outflow[c], out->queued[c] = t.queued[c];
    out->vehicle_seconds[c] = t.vehicle_seconds[c], out->on_network[c] = t.on_network[c];
  }
}

}  // namespace

extern "C" {

int mfg_arz_abi_version(void) { return MFG_ARZ_ABI_VERSION; }

const char* mfg_arz_last_error(void) { return last_error.c_str(); }

int mfg_arz_validate(const char* spec_json, char* warnings, size_t capacity) {
  std::vector<mfg::SpecIssue> found;
  const int status = guarded([&] { parse(spec_json, &found); });
  if (warnings && capacity > 0) {
    std::string text;
    for (const auto& w : found) text += mfg::format_issue(w) + "\n";
    const std::size_t n = std::min(text.size(), capacity - 1);
    std::memcpy(warnings, text.data(), n);
    warnings[n] = '\0';
  }
  return status;
}

int mfg_arz_sim_create(const char* spec_json, uint64_t seed, mfg_arz_sim** out) {
  return guarded([&] {
    require_out(out, "out");
    *out = nullptr;
    auto handle = std::make_unique<mfg_arz_sim>();
    handle->owned = std::make_unique<Simulation>(parse(spec_json), seed);
    handle->sim = handle->owned.get();
    *out = handle.release();
  });
}

void mfg_arz_sim_destroy(mfg_arz_sim* sim) {
  if (sim && sim->owned) delete sim;
}

int mfg_arz_sim_reset(mfg_arz_sim* sim, uint64_t seed) { return guarded([&] { sim_of(sim).reset(seed); }); }

int mfg_arz_sim_step(mfg_arz_sim* sim, double seconds) { return guarded([&] { sim_of(sim).step(seconds); }); }

int mfg_arz_sim_time(const mfg_arz_sim* sim, double* out) {
  return guarded([&] { require_out(out, "out"); *out = sim_of(sim).time(); });
}

int mfg_arz_sim_sizes(const mfg_arz_sim* sim, mfg_arz_sizes* out) {
  return guarded([&] {
    require_out(out, "out");
    const Scenario& sc = sim_of(sim).scenario();
    *out = {sc.class_count(), count_of(sc.segments.size()), count_of(sc.junctions.size()), count_of(sc.detectors.size()),
            count_of(sc.sources.size())};
  });
}

int mfg_arz_sim_index(const mfg_arz_sim* sim, int32_t kind, const char* id, int32_t* out) {
  return guarded([&] {
    require_out(out, "out");
    require(id != nullptr, "id is NULL; expected the id of a segment, junction, detector or source, or a class name");
    const Scenario& sc = sim_of(sim).scenario();
    std::vector<std::string> names;
    switch (kind) {
      case MFG_ARZ_SEGMENT: for (const auto& s : sc.segments) names.push_back(s.id); break;
      case MFG_ARZ_JUNCTION: for (const auto& j : sc.junctions) names.push_back(j.id); break;
      case MFG_ARZ_DETECTOR: for (const auto& d : sc.detectors) names.push_back(d.id); break;
      case MFG_ARZ_CLASS: for (const auto& c : sc.classes) names.push_back(c.name); break;
      case MFG_ARZ_SOURCE: for (const auto& s : sc.sources) names.push_back(s.id); break;
      default: require(false, "kind " + std::to_string(kind) + " is not an mfg_arz_kind (0 segment .. 4 source)");
    }
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == id) {
        *out = count_of(i);
        return;
      }
    std::string known;
    for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
    require(false, std::string("no object named '") + id + "' of that kind; the scenario has: " + (known.empty() ? "none" : known));
  });
}

int mfg_arz_sim_segment_cells(const mfg_arz_sim* sim, int32_t segment, int32_t* cells, double* dx) {
  return guarded([&] {
    const Scenario& sc = sim_of(sim).scenario();
    require(segment >= 0 && segment < count_of(sc.segments.size()), "segment " + std::to_string(segment) + " is out of range");
    if (cells) *cells = sc.segments[static_cast<std::size_t>(segment)].cells;
    if (dx) *dx = sc.segments[static_cast<std::size_t>(segment)].dx;
  });
}

int mfg_arz_sim_phase_count(const mfg_arz_sim* sim, int32_t junction, int32_t* out) {
  return guarded([&] {
    require_out(out, "out");
    const Scenario& sc = sim_of(sim).scenario();
    require(junction >= 0 && junction < count_of(sc.junctions.size()), "junction " + std::to_string(junction) + " is out of range");
    const auto& jn = sc.junctions[static_cast<std::size_t>(junction)];
    *out = jn.signalised ? count_of(jn.signal.phases.size()) : 0;
  });
}

int mfg_arz_sim_set_phase(mfg_arz_sim* sim, int32_t junction, int32_t phase) {
  return guarded([&] { sim_of(sim).set_phase(junction, phase); });
}

int mfg_arz_sim_signal(const mfg_arz_sim* sim, int32_t junction, mfg_arz_signal* out) {
  return guarded([&] {
    require_out(out, "out");
    const auto v = sim_of(sim).signal(junction);
    *out = {v.phase, v.target, static_cast<int32_t>(v.stage), v.green, v.time_in_stage};
  });
}

int mfg_arz_sim_detector_totals(const mfg_arz_sim* sim, int32_t detector, mfg_arz_detector_totals* out) {
  return guarded([&] {
    require_out(out, "out");
    *out = to_c(sim_of(sim).detector_totals(detector));
  });
}

int mfg_arz_sim_detector_record_count(const mfg_arz_sim* sim, int32_t detector, int32_t* out) {
  return guarded([&] { require_out(out, "out"); *out = count_of(sim_of(sim).detector_records(detector).size()); });
}

int mfg_arz_sim_detector_record(const mfg_arz_sim* sim, int32_t detector, int32_t index, mfg_arz_detector_record* out) {
  return guarded([&] {
    require_out(out, "out");
    const auto& records = sim_of(sim).detector_records(detector);
    require(index >= 0 && index < count_of(records.size()),
            "record " + std::to_string(index) + " is out of range (" + std::to_string(records.size()) + " completed intervals)");
    const auto& r = records[static_cast<std::size_t>(index)];
    *out = {};
    out->start = r.start, out->end = r.end, out->occupancy = r.occupancy;
    for (int c = 0; c < mfg::arz::kMaxClasses; ++c) out->flow[c] = r.flow[c], out->density[c] = r.density[c], out->speed[c] = r.speed[c];
  });
}


int mfg_arz_sim_density(const mfg_arz_sim* sim, int32_t segment, int32_t cls, double* out, size_t capacity) {
  return cell_values(sim, segment, cls, out, capacity, [](const Simulation& s, int g, int c, double* o) { s.density(g, c, o); });
}

int mfg_arz_sim_velocity(const mfg_arz_sim* sim, int32_t segment, int32_t cls, double* out, size_t capacity) {
  return cell_values(sim, segment, cls, out, capacity, [](const Simulation& s, int g, int c, double* o) { s.velocity(g, c, o); });
}

int mfg_arz_sim_vehicles(const mfg_arz_sim* sim, int32_t segment, int32_t cls, double speed, double* vehicles, double* halted) {
  return guarded([&] {
    const Simulation& s = sim_of(sim);
    if (vehicles) *vehicles = s.vehicles(segment, cls);
    if (halted) *halted = s.halted(segment, cls, speed);
  });
}

int mfg_arz_sim_totals(const mfg_arz_sim* sim, mfg_arz_totals* out) {
  return guarded([&] {
    require_out(out, "out");
    totals_to_c(sim_of(sim).totals(), out);
  });
}

int mfg_arz_batch_create(const char* spec_json, int32_t size, const uint64_t* seeds, mfg_arz_batch** out) {
  return guarded([&] {
    require_out(out, "out");
    *out = nullptr;
    require(size > 0, "size " + std::to_string(size) + ": expected at least 1 simulation");
    require(seeds != nullptr, "seeds is NULL; expected one seed per simulation");
    auto handle = std::make_unique<mfg_arz_batch>();
    handle->batch = std::make_unique<Batch>(parse(spec_json), std::vector<std::uint64_t>(seeds, seeds + size));
    handle->views.resize(static_cast<std::size_t>(size));
    for (int32_t i = 0; i < size; ++i) handle->views[static_cast<std::size_t>(i)].sim = &(*handle->batch)[i];
    *out = handle.release();
  });
}

void mfg_arz_batch_destroy(mfg_arz_batch* batch) { delete batch; }


int mfg_arz_batch_size(const mfg_arz_batch* batch, int32_t* out) {
  return guarded([&] { require_out(out, "out"); *out = batch_of(batch).size(); });
}

int mfg_arz_batch_step(mfg_arz_batch* batch, double seconds, int32_t threads) {
  return guarded([&] { batch_of(batch).step(seconds, threads); });
}

int mfg_arz_batch_set_phases(mfg_arz_batch* batch, const int32_t* phases, size_t count) {
  return guarded([&] {
    Batch& b = batch_of(batch);
    require(phases != nullptr, "phases is NULL; expected size x junctions entries");
    const Scenario& sc = b[0].scenario();
    const std::size_t junctions = sc.junctions.size();
    require(count == static_cast<std::size_t>(b.size()) * junctions,
            "phases has " + std::to_string(count) + " entries; expected " + std::to_string(b.size()) + " simulations x " +
                std::to_string(junctions) + " junctions");
    for (std::size_t k = 0; k < count; ++k) {
      const int32_t phase = phases[k];
      if (phase < 0) continue;
      const auto& jn = sc.junctions[k % junctions];
      require(jn.signalised && jn.signal.external,
              "phases[" + std::to_string(k) + "]: junction '" + jn.id + "' has no external signal; expected -1 there");
      require(phase < count_of(jn.signal.phases.size()), "phases[" + std::to_string(k) + "] = " + std::to_string(phase) +
                                                             ": junction '" + jn.id + "' has " + std::to_string(jn.signal.phases.size()) + " phases");
    }
    for (std::size_t k = 0; k < count; ++k)
      if (phases[k] >= 0) b[static_cast<int>(k / junctions)].set_phase(static_cast<int>(k % junctions), phases[k]);
  });
}

int mfg_arz_batch_reset(mfg_arz_batch* batch, int32_t index, uint64_t seed) {
  return guarded([&] {
    Batch& b = batch_of(batch);
    require(index >= 0 && index < b.size(), "index " + std::to_string(index) + " is out of range (batch of " + std::to_string(b.size()) + ")");
    b[index].reset(seed);
  });
}

int mfg_arz_batch_detector_totals(const mfg_arz_batch* batch, mfg_arz_detector_totals* out, size_t count) {
  return guarded([&] {
    require_out(out, "out");
    const Batch& b = batch_of(batch);
    const std::size_t detectors = b[0].scenario().detectors.size();
    require(count >= static_cast<std::size_t>(b.size()) * detectors,
            "out holds " + std::to_string(count) + " entries; expected " + std::to_string(b.size()) + " x " + std::to_string(detectors));
    for (int i = 0; i < b.size(); ++i)
      for (std::size_t d = 0; d < detectors; ++d)
        out[static_cast<std::size_t>(i) * detectors + d] = to_c(b[i].detector_totals(static_cast<int>(d)));
  });
}

int mfg_arz_batch_signals(const mfg_arz_batch* batch, mfg_arz_signal* out, size_t count) {
  return guarded([&] {
    require_out(out, "out");
    const Batch& b = batch_of(batch);
    const std::size_t junctions = b[0].scenario().junctions.size();
    require_entries(count, static_cast<std::size_t>(b.size()) * junctions, "out");
    for (int i = 0; i < b.size(); ++i)
      for (std::size_t j = 0; j < junctions; ++j) {
        mfg_arz_signal& o = out[static_cast<std::size_t>(i) * junctions + j];
        if (!b[0].scenario().junctions[j].signalised) {
          o = {-1, -1, MFG_ARZ_GREEN, 0xffffffffu, 0.0};  // an unsignalised junction: everything flows
          continue;
        }
        const auto v = b[i].signal(static_cast<int>(j));
        o = {v.phase, v.target, static_cast<int32_t>(v.stage), v.green, v.time_in_stage};
      }
  });
}

int mfg_arz_batch_totals(const mfg_arz_batch* batch, mfg_arz_totals* out, size_t count) {
  return guarded([&] {
    require_out(out, "out");
    const Batch& b = batch_of(batch);
    require_entries(count, static_cast<std::size_t>(b.size()), "out");
    for (int i = 0; i < b.size(); ++i) totals_to_c(b[i].totals(), out + i);
  });
}

int mfg_arz_batch_measure(const mfg_arz_batch* batch, const mfg_arz_zone* zones, size_t zone_count, double halt_speed,
                          mfg_arz_zone_values* out, size_t count) {
  return guarded([&] {
    require_out(out, "out");
    const Batch& b = batch_of(batch);
    const auto z = zones_of(b, zones, zone_count);
    require_entries(count, static_cast<std::size_t>(b.size()) * zone_count, "out");
    std::vector<mfg::arz::ZoneValues> values(zone_count);
    for (int i = 0; i < b.size(); ++i) {
      mfg::arz::measure_zones(b[i], z, halt_speed, values.data());
      copy_zone_values(values, out + static_cast<std::size_t>(i) * zone_count);
    }
  });
}

int mfg_arz_batch_advance(mfg_arz_batch* batch, double seconds, double sample, int32_t threads, const mfg_arz_zone* zones,
                          size_t zone_count, double halt_speed, mfg_arz_zone_values* out, size_t count, double* queue_time,
                          size_t queue_count) {
  return guarded([&] {
    Batch& b = batch_of(batch);
    const auto z = zones_of(b, zones, zone_count);
    const auto n = static_cast<std::size_t>(b.size());
    require(out != nullptr || zone_count == 0, "out is NULL; expected size x zone_count entries");
    require_entries(count, n * zone_count, "out");
    if (queue_time) require_entries(queue_count, n * static_cast<std::size_t>(b[0].scenario().class_count()), "queue_time");
    std::vector<mfg::arz::ZoneValues> values(n * zone_count);
    mfg::arz::advance_measured(b, seconds, sample, threads, z, halt_speed, values.data(), queue_time);
    if (zone_count > 0) copy_zone_values(values, out);
  });
}

int mfg_arz_batch_sim(mfg_arz_batch* batch, int32_t index, mfg_arz_sim** out) {
  return guarded([&] {
    require_out(out, "out");
    const Batch& b = batch_of(batch);
    require(index >= 0 && index < b.size(), "index " + std::to_string(index) + " is out of range (batch of " + std::to_string(b.size()) + ")");
    *out = &batch->views[static_cast<std::size_t>(index)];
  });
}

}  // extern "C"
