// A compiled ARZ scenario: the network, its controllers and the numerics, in SI units (m, s, veh/m,
// m/s, veh/s), read once from a spec (spec.hpp) and shared, immutable, by every simulation of it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/expr.hpp"
#include "law.hpp"
#include "reconstruct.hpp"
#include "kernels.hpp"
#include "signal_plan.hpp"

namespace mfg::arz {

struct VehicleClass {
  std::string name;
  double K = 0.0;        // pressure scale, m/s
  double gamma = 2.0;
  double alpha = 1.0;    // weight of the other classes in this class's pressure
  double tau = 10.0;     // relaxation time, s
  double creep = 0.0;    // creep speed, m/s
  double length = 5.0;   // effective vehicle length for occupancy, m
  std::vector<double> vmax;  // free speed per road category, m/s
};

// What a segment end is attached to.
enum class EndKind : unsigned char { Transmissive, Periodic, Junction, Source, Sink };

struct SegmentEnd {
  EndKind kind = EndKind::Transmissive;
  int node = -1;  // index of the junction, source or sink
};

struct Segment {
  std::string id;
  double length = 0.0, dx = 0.0;
  int cells = 0;
  int lanes = 1;
  RoadLaw law;
  std::vector<double> vmax[kMaxClasses];  // per cell: min(category's free speed, speed limit), m/s
  std::vector<double> initial_rho[kMaxClasses], initial_y[kMaxClasses];  // cell averages
  SegmentEnd upstream, downstream;
};

// A demand q(t) in veh/s: a constant, a formula in t (s), or a piecewise-linear table.
struct DemandProfile {
  enum class Kind : unsigned char { Constant, Formula, Table } kind = Kind::Constant;
  double value = 0.0;
  expr::Program formula;  // in veh/h, variable t
  std::vector<double> times, values;  // values in veh/s
  double at(double t) const;
  // An upper bound of the total over [0, horizon] (veh), for the empty-scenario check.
  double total(double horizon) const;
};

struct Source {
  std::string id;
  int segment = -1;
  DemandProfile demand[kMaxClasses];
  double noise = 0.0;            // relative standard deviation of the demand (log-normal factor)
  double noise_interval = 60.0;  // s: one random factor per source, class and interval
};

struct Sink {
  std::string id;
  int segment = -1;
  double capacity = INFINITY;  // veh/s, all classes together
};

struct Junction {
  std::string id;
  std::vector<int> in, out;      // segments
  std::vector<double> turning;   // in.size() x out.size(), rows sum to 1
  std::vector<double> priority;  // per incoming segment
  bool signalised = false;
  SignalPlan signal;
};

struct Detector {
  std::string id;
  int segment = -1;
  double position = 0.0;  // m from the segment's start
  int face = 0;           // the cell face it counts vehicles through (0..cells)
  double interval = 60.0; // aggregation interval, s
  double loop_length = 2.0;  // m, added to vehicle lengths for occupancy
};

enum class TimeIntegrator : unsigned char { ForwardEuler, SspRk3 };

// What is reconstructed besides rho_i: rho_i w_i (conservative: needed for fifth order, since a
// primitive value computed from cell averages is only second-order accurate) or w_i itself
// (primitive: w is the Riemann invariant the vehicles carry, and reconstructing it keeps contacts and
// fronts next to vacuum free of the overshoots that the ratio of two limited reconstructions makes).
enum class Variables : unsigned char { Conservative, Primitive };

struct Numerics {
  Reconstruction reconstruction = Reconstruction::Weno5z;
  FluxKind flux = FluxKind::Hll;
  TimeIntegrator integrator = TimeIntegrator::SspRk3;
  Variables variables = Variables::Conservative;
  double cfl = 0.5;
};

struct Scenario {
  std::string name, description;
  std::vector<VehicleClass> classes;
  double rho_jam = 0.25;  // veh/m per lane
  bool relaxation = true;
  // Per class, the upper bound of w: the largest of K, the largest free speed and the initial w. The
  // transport keeps it (Aw & Rascle 2000: w is carried by the vehicles and mixed convexly at
  // junctions; high-order face values may overshoot and are clipped to it) and so does the relaxation
  // (V_e + p <= max(K, Vmax) for s <= 1 and gamma >= 1), except through the creep speed, which at the
  // class's own jam (s_i = 1) would push v above 0: w is clipped there too, so a class stops at its
  // own jam occupancy when K >= Vmax (docs/traffic.md, "jam density").
  double w_cap[kMaxClasses] = {INFINITY, INFINITY};
  std::vector<Segment> segments;
  std::vector<Junction> junctions;
  std::vector<Source> sources;
  std::vector<Sink> sinks;
  std::vector<Detector> detectors;
  Numerics numerics;
  double horizon = 3600.0, output_interval = 60.0;  // s

  int class_count() const { return static_cast<int>(classes.size()); }
  int segment_index(const std::string& id) const;
  int junction_index(const std::string& id) const;
  int detector_index(const std::string& id) const;
};

}  // namespace mfg::arz
