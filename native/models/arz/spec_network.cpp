// The spec's junctions (with their signals), sources, sinks and detectors (spec.hpp).
#include <cmath>
#include <limits>

#include "node_model.hpp"
#include "spec_read.hpp"

namespace mfg::arz {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

const char* end_name(bool upstream) { return upstream ? "upstream (start)" : "downstream (end)"; }

// Attaches a segment end to a node, refusing a second attachment or a periodic segment.
void attach(SpecContext& ctx, int segment, bool upstream, EndKind kind, int node, const std::string& path) {
  Segment& seg = ctx.sc.segments[static_cast<std::size_t>(segment)];
  SegmentEnd& end = upstream ? seg.upstream : seg.downstream;
  if (end.kind == EndKind::Periodic) {
    ctx.r.report(path, "segment '" + seg.id + "' is periodic; expected a segment whose ends are free to attach");
  } else if (end.kind != EndKind::Transmissive) {
    ctx.r.report(path, "the " + std::string(end_name(upstream)) + " of segment '" + seg.id +
                           "' is already attached to another junction, source or sink; expected each end used once");
  } else {
    end = {kind, node};
  }
}

std::vector<int> segment_list(SpecContext& ctx, const Json& obj, const char* key, const std::string& path) {
  std::vector<int> out;
  const std::string p = path + "." + key;
  if (!obj.contains(key) || !obj.at(key).is_array() || obj.at(key).empty() || obj.at(key).size() > kMaxJunctionRoads) {
    ctx.r.report(p, "expected an array of 1 to " + std::to_string(kMaxJunctionRoads) + " segment ids, received " +
                        (obj.contains(key) ? SpecReader::received(obj.at(key)) : std::string("nothing")));
    return out;
  }
  const Json& list = obj.at(key);
  for (std::size_t k = 0; k < list.size(); ++k) {
    out.push_back(segment_id(ctx, list[k], p + "." + std::to_string(k)));
  }
  return out;
}

void read_turning(SpecContext& ctx, const Json& obj, const std::string& path, Junction& jn) {
  const std::size_t ni = jn.in.size(), no = jn.out.size();
  jn.turning.assign(ni * no, no == 1 ? 1.0 : 0.0);
  if (!obj.contains("turning")) {
    if (no > 1) ctx.r.report(path + ".turning", "missing required key 'turning' (a junction with several outgoing segments); expected " +
                                                   std::to_string(ni) + " rows of " + std::to_string(no) + " ratios, one row per incoming segment");
    return;
  }
  const Json& t = obj.at("turning");
  if (!t.is_array() || t.size() != ni) {
    ctx.r.report(path + ".turning", "expected " + std::to_string(ni) + " rows (one per incoming segment), received " + SpecReader::received(t));
    return;
  }
  for (std::size_t a = 0; a < ni; ++a) {
    const std::string rp = path + ".turning." + std::to_string(a);
    if (!t[a].is_array() || t[a].size() != no) {
      ctx.r.report(rp, "expected " + std::to_string(no) + " ratios (one per outgoing segment), received " + SpecReader::received(t[a]));
      continue;
    }
    double sum = 0.0;
    for (std::size_t b = 0; b < no; ++b) {
      double ratio = 0.0;
      ctx.r.number_value(t[a][b], rp + "." + std::to_string(b), ratio, 0.0, 1.0);
      jn.turning[a * no + b] = ratio;
      sum += ratio;
    }
    if (std::fabs(sum - 1.0) > 1e-9) ctx.r.report(rp, "expected ratios that sum to 1, received a sum of " + number_text(sum));
  }
}

void read_signal(SpecContext& ctx, const Json& s, const std::string& path, Junction& jn) {
  if (!ctx.r.object(s, path, {"control", "phases", "yellow", "all_red", "offset", "initial_phase"})) return;
  SignalPlan& plan = jn.signal;
  std::string control = "fixed";
  ctx.r.choice(s, "control", path, control, {"fixed", "external"});
  plan.external = control == "external";
  ctx.r.number(s, "yellow", path, plan.yellow, 0.0, 600.0);
  ctx.r.number(s, "all_red", path, plan.all_red, 0.0, 600.0);
  ctx.r.number(s, "offset", path, plan.offset, -1e9, 1e9);
  const Json* phases = optional_array(ctx, s, "phases", path);
  if (!phases || phases->empty() || phases->size() > 32) {
    ctx.r.report(path + ".phases", "expected an array of 1 to 32 phases, each {\"green\": [incoming segment ids], \"duration\": s}");
    return;
  }
  for (std::size_t k = 0; k < phases->size(); ++k) {
    const std::string pp = path + ".phases." + std::to_string(k);
    const Json& ph = (*phases)[k];
    if (!ctx.r.object(ph, pp, {"name", "green", "duration"})) continue;
    SignalPhase phase;
    phase.name = "phase " + std::to_string(k);
    ctx.r.string(ph, "name", pp, phase.name, 100, 1);
    ctx.r.number(ph, "duration", pp, phase.duration, 0.0, 1e6, true);
    const Json* green = optional_array(ctx, ph, "green", pp);
    for (std::size_t g = 0; green && g < green->size(); ++g) {
      const int seg = segment_id(ctx, (*green)[g], pp + ".green." + std::to_string(g));
      bool found = false;
      for (std::size_t a = 0; a < jn.in.size(); ++a)
        if (jn.in[a] == seg) phase.green |= 1U << a, found = true;
      if (seg >= 0 && !found)
        ctx.r.report(pp + ".green." + std::to_string(g), "expected an incoming segment of junction '" + jn.id + "', received \"" +
                                                             ctx.sc.segments[static_cast<std::size_t>(seg)].id + "\"");
    }
    plan.phases.push_back(phase);
  }
  long long initial = 0;
  ctx.r.integer(s, "initial_phase", path, initial, 0, static_cast<long long>(plan.phases.size()) - 1);
  plan.initial_phase = static_cast<int>(initial);
  jn.signalised = true;
}

void read_junction(SpecContext& ctx, const Json& obj, const std::string& path, int index) {
  if (!ctx.r.object(obj, path, {"id", "in", "out", "turning", "priority", "signal"})) return;
  Junction jn;
  jn.id = "junction-" + std::to_string(index);
  read_id(ctx, obj, "id", path, jn.id);
  if (ctx.sc.junction_index(jn.id) >= 0) ctx.r.report(path + ".id", "expected an id not used by another junction, received \"" + jn.id + "\"");
  jn.in = segment_list(ctx, obj, "in", path);
  jn.out = segment_list(ctx, obj, "out", path);
  if (!ctx.r.ok()) return;
  for (std::size_t a = 0; a < jn.in.size(); ++a) attach(ctx, jn.in[a], false, EndKind::Junction, index, path + ".in." + std::to_string(a));
  for (std::size_t b = 0; b < jn.out.size(); ++b) attach(ctx, jn.out[b], true, EndKind::Junction, index, path + ".out." + std::to_string(b));
  read_turning(ctx, obj, path, jn);
  for (int a : jn.in) jn.priority.push_back(ctx.sc.segments[static_cast<std::size_t>(a)].lanes);
  if (const Json* pr = optional_array(ctx, obj, "priority", path)) {
    if (pr->size() != jn.in.size()) ctx.r.report(path + ".priority", "expected " + std::to_string(jn.in.size()) + " priorities (one per incoming segment), received " + SpecReader::received(*pr));
    for (std::size_t a = 0; a < pr->size() && a < jn.in.size(); ++a)
      ctx.r.number_value((*pr)[a], path + ".priority." + std::to_string(a), jn.priority[a], 0.0, 1e6, true);
  }
  if (obj.contains("signal")) read_signal(ctx, obj.at("signal"), path + ".signal", jn);
  ctx.sc.junctions.push_back(std::move(jn));
}

void read_demand(SpecContext& ctx, const Json& v, const std::string& path, DemandProfile& d) {
  if (v.is_number()) {
    double q = 0.0;
    if (ctx.r.number_value(v, path, q, 0.0, 1e6)) d = {DemandProfile::Kind::Constant, q * kPerHour, {}, {}, {}};
    return;
  }
  if (v.is_string()) {
    d.kind = DemandProfile::Kind::Formula;
    compile_formula(ctx, v, path, {"t"}, d.formula);
    return;
  }
  if (!v.is_array() || v.empty()) {
    ctx.r.report(path, "expected a demand in veh/h: a number, a formula in t (s), or [[t, q], ...] pairs, received " + SpecReader::received(v));
    return;
  }
  d.kind = DemandProfile::Kind::Table;
  for (std::size_t k = 0; k < v.size(); ++k) {
    const std::string pp = path + "." + std::to_string(k);
    double t = 0.0, q = 0.0;
    if (!v[k].is_array() || v[k].size() != 2) {
      ctx.r.report(pp, "expected a pair [t in s, q in veh/h], received " + SpecReader::received(v[k]));
      continue;
    }
    if (!ctx.r.number_value(v[k][0], pp + ".0", t, 0.0, 1e9) || !ctx.r.number_value(v[k][1], pp + ".1", q, 0.0, 1e6)) continue;
    if (!d.times.empty() && !(t > d.times.back()))
      ctx.r.report(pp + ".0", "expected times in increasing order, received " + number_text(t) + " after " + number_text(d.times.back()));
    d.times.push_back(t);
    d.values.push_back(q * kPerHour);
  }
}

void read_source(SpecContext& ctx, const Json& obj, const std::string& path, int index) {
  if (!ctx.r.object(obj, path, {"id", "segment", "demand", "noise", "noise_interval"})) return;
  Source src;
  src.id = "source-" + std::to_string(index);
  read_id(ctx, obj, "id", path, src.id);
  src.segment = segment_ref(ctx, obj, "segment", path);
  ctx.r.number(obj, "noise", path, src.noise, 0.0, 2.0);
  ctx.r.number(obj, "noise_interval", path, src.noise_interval, 0.0, 1e9, true);
  if (!obj.contains("demand") || !obj.at("demand").is_object()) {
    ctx.r.report(path + ".demand", "expected an object with a demand (veh/h) per class name, e.g. {\"" + ctx.sc.classes.front().name + "\": 600}");
    return;
  }
  for (const auto& item : obj.at("demand").items()) {
    int c = -1;
    for (int k = 0; k < ctx.sc.class_count(); ++k)
      if (ctx.sc.classes[static_cast<std::size_t>(k)].name == item.key()) c = k;
    if (c < 0) {
      ctx.r.report(path + ".demand." + item.key(), "expected a class name, received \"" + item.key() + "\"");
      continue;
    }
    read_demand(ctx, item.value(), path + ".demand." + item.key(), src.demand[c]);
  }
  if (src.segment >= 0) attach(ctx, src.segment, true, EndKind::Source, static_cast<int>(ctx.sc.sources.size()), path + ".segment");
  ctx.sc.sources.push_back(std::move(src));
}

void read_sink(SpecContext& ctx, const Json& obj, const std::string& path, int index) {
  if (!ctx.r.object(obj, path, {"id", "segment", "capacity"})) return;
  Sink sink;
  sink.id = "sink-" + std::to_string(index);
  read_id(ctx, obj, "id", path, sink.id);
  sink.segment = segment_ref(ctx, obj, "segment", path);
  double capacity = kInf;
  if (obj.contains("capacity") && ctx.r.number(obj, "capacity", path, capacity, 0.0, 1e6, true)) sink.capacity = capacity * kPerHour;
  if (sink.segment >= 0) attach(ctx, sink.segment, false, EndKind::Sink, static_cast<int>(ctx.sc.sinks.size()), path + ".segment");
  ctx.sc.sinks.push_back(sink);
}

void read_detector(SpecContext& ctx, const Json& obj, const std::string& path, int index) {
  if (!ctx.r.object(obj, path, {"id", "segment", "position", "interval", "loop_length"})) return;
  Detector d;
  d.id = "detector-" + std::to_string(index);
  read_id(ctx, obj, "id", path, d.id);
  if (ctx.sc.detector_index(d.id) >= 0) ctx.r.report(path + ".id", "expected an id not used by another detector, received \"" + d.id + "\"");
  d.segment = segment_ref(ctx, obj, "segment", path);
  ctx.r.number(obj, "interval", path, d.interval, 0.0, 1e9, true);
  ctx.r.number(obj, "loop_length", path, d.loop_length, 0.0, 100.0);
  if (d.segment < 0) return;
  const Segment& seg = ctx.sc.segments[static_cast<std::size_t>(d.segment)];
  if (!obj.contains("position")) ctx.r.report(path + ".position", "missing required key 'position'; expected m from the segment's start");
  if (!ctx.r.number(obj, "position", path, d.position, 0.0, seg.length)) return;
  d.face = static_cast<int>(std::lround(d.position / seg.dx));
  ctx.sc.detectors.push_back(d);
}

template <class Reader>
void read_list(SpecContext& ctx, const Json& spec, const char* key, Reader reader) {
  if (const Json* list = optional_array(ctx, spec, key, ""))
    for (std::size_t i = 0; i < list->size(); ++i) reader(ctx, (*list)[i], std::string(key) + "." + std::to_string(i), static_cast<int>(i));
}

}  // namespace

void read_junctions(SpecContext& ctx, const Json& spec) { read_list(ctx, spec, "junctions", read_junction); }

void read_sources_sinks_detectors(SpecContext& ctx, const Json& spec) {
  read_list(ctx, spec, "sources", read_source);
  read_list(ctx, spec, "sinks", read_sink);
  read_list(ctx, spec, "detectors", read_detector);
}

}  // namespace mfg::arz
