// ARZ on a smooth problem: both classes at one constant velocity on a ring, no relaxation. Then
// w_i = v + p_i(rho(x - v t)) is carried unchanged and the exact solution is a translation: after one
// lap the initial cell averages again. The L1 error of the density shows each reconstruction's order:
// 1 (first order), 2 (MUSCL), 5 (WENO5-Z with SSP-RK3 and dt ~ dx^(5/3), so that time errors stay
// below the spatial ones).
#include <doctest/doctest.h>

#include <cmath>
#include <sstream>

#include "arz_helpers.hpp"

namespace mfg::arz {
namespace {

constexpr double kLength = 1000.0, kSpeed = 72.0;  // m, km/h (20 m/s: one lap in 50 s)
constexpr double kLap = kLength / (kSpeed / 3.6);

// Cell averages of a + b sin(2 pi x / L + phase) in veh/m, exactly.
double exact_average(double a, double b, double phase, double x0, double x1) {
  const double k = 2.0 * M_PI / kLength;
  return 1e-3 * (a - b * (std::cos(k * x1 + phase) - std::cos(k * x0 + phase)) / (k * (x1 - x0)));
}

Json ring_spec(int cells, const char* reconstruction, const char* integrator, const char* variables, double cfl, bool two_classes) {
  Json classes = Json::array({{{"name", "cars"}}});
  Json initial = {{"cars", {{"density", "40 + 20 * sin(2 * pi * x / L)"}, {"velocity", kSpeed}}}};
  if (two_classes) {
    classes.push_back({{"name", "motorcycles"}, {"type", "motorcycle"}});
    initial["motorcycles"] = {{"density", "30 + 15 * sin(2 * pi * x / L + 1)"}, {"velocity", kSpeed}};
  }
  return {{"model", "arz"},
          {"physics", {{"relaxation", false}}},
          {"classes", classes},
          {"segments", {{{"length", kLength}, {"cells", cells}, {"boundary", "periodic"}, {"initial", initial}}}},
          {"time", {{"horizon", kLap}}},
          {"numerics", {{"reconstruction", reconstruction}, {"time_integrator", integrator}, {"variables", variables}, {"cfl", cfl}}}};
}

struct Run {
  const char* reconstruction;
  const char* integrator;
  const char* variables;
  bool fifth_order_dt;  // cfl ~ dx^(2/3): dt ~ dx^(5/3)
  double min_order;
};

void check_order(const Run& run, bool two_classes, const std::vector<int>& resolutions) {
  std::vector<double> errors;
  for (int cells : resolutions) {
    const double cfl = run.fifth_order_dt ? 0.5 * std::pow(static_cast<double>(resolutions.front()) / cells, 2.0 / 3.0) : 0.5;
    Simulation sim(test::scenario_of(ring_spec(cells, run.reconstruction, run.integrator, run.variables, cfl, two_classes)));
    sim.step(kLap);
    const double dx = kLength / cells;
    double error = 0.0;
    for (int c = 0; c < sim.scenario().class_count(); ++c) {
      const auto rho = test::density_of(sim, 0, c);
      const double a = c == 0 ? 40 : 30, b = c == 0 ? 20 : 15, phase = c == 0 ? 0 : 1;
      for (int j = 0; j < cells; ++j) error += std::fabs(rho[static_cast<std::size_t>(j)] - exact_average(a, b, phase, j * dx, (j + 1) * dx)) * dx;
    }
    errors.push_back(error);
  }
  const double order = test::observed_order(errors);
  std::ostringstream list;
  list.precision(3);
  for (double e : errors) list << " " << e;
  const std::string name = std::string(run.reconstruction) + " (" + run.variables + ") + " + run.integrator;
  // The errors and the order show when a check fails (docs/traffic.md lists the measured values).
  INFO(name << std::string(two_classes ? ", two classes" : ", one class") << ": L1 errors" << list.str() << " (veh), observed order " << order);
  CHECK(order >= run.min_order);
}

const Run kRuns[] = {
    {"first_order", "euler", "conservative", false, 0.9},
    {"muscl_minmod", "ssprk3", "primitive", false, 1.6},  // limiters clip the sine's extrema: 1.7-1.8 measured
    {"muscl_mc", "ssprk3", "primitive", false, 1.7},
    {"weno5z", "ssprk3", "conservative", true, 4.7},
};

}  // namespace

TEST_CASE("ARZ smooth translation on a ring, one class: orders 1, 2, 2 and 5 (WENO5-Z + SSP-RK3)") {
  for (const Run& run : kRuns) check_order(run, false, run.fifth_order_dt ? std::vector<int>{20, 40, 80, 160} : std::vector<int>{40, 80, 160, 320});
}

TEST_CASE("ARZ smooth translation on a ring, motorcycles and cars: orders 1, 2, 2 and 5 for the coupled system") {
  for (const Run& run : kRuns) check_order(run, true, run.fifth_order_dt ? std::vector<int>{20, 40, 80, 160} : std::vector<int>{40, 80, 160, 320});
}

TEST_CASE("ARZ WENO5-Z on primitive variables is second order only (cell averages are not point values)") {
  check_order({"weno5z", "ssprk3", "primitive", true, 1.7}, false, {20, 40, 80, 160});
}

}  // namespace mfg::arz
