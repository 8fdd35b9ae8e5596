// Exits and obstacles: the mass balance (mass in the domain + mass that left through exits) closes
// to round-off, m >= 0, no agent enters an obstacle, obstacles from formulas and from .npy/.pgm
// files agree, and bad mask files are refused with messages.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "helpers.hpp"
#include "io/mask_file.hpp"

using namespace mfg;
namespace fs = std::filesystem;

namespace {

Json room(Index n, const std::string& obstacle, const Json& boundary) {
  return Json{{"domain", {{"lower", {0, 0}}, {"upper", {1, 1}}, {"points", {n, n}}, {"boundary", boundary}, {"obstacle", obstacle}}},
              {"time", {{"horizon", 1.0}, {"steps", 20}}},
              {"physics", {{"viscosity", 0.01}, {"potential", "1"}, {"terminal_cost", "1"}, {"exit_cost", "0.2*y"},
                           {"initial_density", "exp(-20*((x-0.3)^2+(y-0.5)^2))"}}},
              {"solver", {{"tolerance", 1e-9}}}};
}

const Json kExitRight = Json::array({{{"lower", "wall"}, {"upper", "exit"}}, {{"lower", "wall"}, {"upper", "wall"}}});
const std::string kWallWithDoors = "(abs(x-0.7) < 0.05) * (abs(y-0.3) > 0.1) * (abs(y-0.7) > 0.1) + ((x-0.35)^2+(y-0.5)^2 < 0.01)";

std::string write_temp(const std::string& name, const std::string& bytes) {
  const fs::path path = fs::temp_directory_path() / ("mfg-test-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream(path, std::ios::binary) << bytes;
  return path.string();
}

std::string npy_uint8(const std::vector<std::uint8_t>& values, Index ny, Index nx) {
  std::string header = "{'descr': '|u1', 'fortran_order': False, 'shape': (" + std::to_string(ny) + ", " + std::to_string(nx) + "), }";
  while ((10 + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::string bytes = "\x93NUMPY";
  bytes += char(1);
  bytes += char(0);
  bytes += char(header.size() & 0xff);
  bytes += char(header.size() >> 8);
  return bytes + header + std::string(values.begin(), values.end());
}

}  // namespace

TEST_CASE("exits and obstacles: mass in the room plus mass that left is 1 to 1e-12, m >= 0, nothing enters obstacles") {
  const Problem p = test::problem_from(room(24, kWallWithDoors, kExitRight));
  REQUIRE(p.solid_cells > 0);
  MfgState s;
  const SolveResult r = solve(p, {}, s);
  REQUIRE(r.status == Status::Converged);
  CHECK(r.mass.max_relative_drift <= 1e-12);
  CHECK(r.mass.exited > 0.1);
  CHECK(r.mass.min_density >= 0.0);
  for (Index level = 0; level <= p.steps; ++level)
    for (Index c = 0; c < p.cells(); ++c)
      if (p.grid.is_solid(c)) CHECK(s.m.at(level)[c] == 0.0);
}

TEST_CASE("a room symmetric under y -> 1 - y has a symmetric solution") {
  Json spec = room(24, kWallWithDoors, kExitRight);
  spec["physics"]["exit_cost"] = "0";
  const Problem p = test::problem_from(spec);
  MfgState s;
  REQUIRE(solve(p, {}, s).status == Status::Converged);
  double asymmetry = 0.0;
  for (Index level = 0; level <= p.steps; ++level)
    for (Index j = 0; j < 24; ++j)
      for (Index i = 0; i < 24; ++i)
        asymmetry = std::max(asymmetry, std::fabs(s.m.at(level)[j * 24 + i] - s.m.at(level)[(23 - j) * 24 + i]));
  CHECK(asymmetry <= 1e-9);
}

TEST_CASE("an obstacle from a .npy file or a .pgm image equals the same obstacle from a formula") {
  const Problem from_formula = test::problem_from(room(16, "(x > 0.5) * (y < 0.5)", kExitRight));
  std::vector<std::uint8_t> mask(16 * 16);
  std::string pgm = "P5\n16 16\n255\n";
  for (Index j = 0; j < 16; ++j)
    for (Index i = 0; i < 16; ++i) mask[size_t(j * 16 + i)] = from_formula.grid.is_solid(j * 16 + i);
  for (Index row = 0; row < 16; ++row)  // the image's top row is the largest y
    for (Index i = 0; i < 16; ++i) pgm += char(mask[size_t((15 - row) * 16 + i)] ? 0 : 255);
  for (const std::string& path : {write_temp("mask.npy", npy_uint8(mask, 16, 16)), write_temp("mask.pgm", pgm)}) {
    INFO("file: " << path);
    Json spec = room(16, "0", kExitRight);
    spec["domain"]["obstacle_file"] = path;
    const ProblemBuild built = io::build_problem_with_files(parse_spec(spec).spec);
    REQUIRE(built.ok);
    CHECK(built.problem.grid.solid() == from_formula.grid.solid());
    fs::remove(path);
  }
}

TEST_CASE("bad obstacle files are refused with a message naming the file and what was expected") {
  Json spec = room(16, "0", kExitRight);
  auto issue_for = [&](const std::string& path) {
    spec["domain"]["obstacle_file"] = path;
    const ProblemBuild built = io::build_problem_with_files(parse_spec(spec).spec);
    REQUIRE_FALSE(built.ok);
    CHECK(built.issues.front().path == "domain.obstacle_file");
    return built.issues.front().message;
  };
  CHECK(issue_for("/nonexistent/mask.npy").find("could not read") != std::string::npos);
  const std::string wrong_shape = write_temp("shape.npy", npy_uint8(std::vector<std::uint8_t>(8 * 8), 8, 8));
  CHECK(issue_for(wrong_shape).find("expected an array of shape (16, 16)") != std::string::npos);
  const std::string garbage = write_temp("garbage.npy", "not numpy at all");
  CHECK(issue_for(garbage).find("expected a NumPy .npy file") != std::string::npos);
  const std::string text = write_temp("mask.txt", "1 0 1");
  CHECK(issue_for(text).find("expected a .npy array or a .pgm image") != std::string::npos);
  for (const auto& p : {wrong_shape, garbage, text}) fs::remove(p);
}

TEST_CASE("an obstacle covering every cell, or all the initial mass, is refused") {
  const ProblemBuild all = build_problem(parse_spec(room(8, "1", kExitRight)).spec);
  REQUIRE_FALSE(all.ok);
  CHECK(all.issues.front().path == "domain.obstacle");
  Json empty = room(16, "x < 0.9", kExitRight);  // open cells only at x > 0.9, where m0 is 0
  empty["physics"]["initial_density"] = "x < 0.5";
  const ProblemBuild none = build_problem(parse_spec(empty).spec);
  REQUIRE_FALSE(none.ok);
  CHECK(none.issues.front().message.find("outside the obstacles") != std::string::npos);
}
