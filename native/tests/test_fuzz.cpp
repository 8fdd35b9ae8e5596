// Bad input never crashes anything: thousands of mutated specs (from the valid corpus) and random
// formulas go through validation, problem building and a short solve; each either works or is
// refused with an issue that names a field and says what was expected.
#include <doctest/doctest.h>

#include <filesystem>
#include <random>

#include "core/expr.hpp"
#include "helpers.hpp"

using namespace mfg;

namespace {

const Json kOddValues[] = {nullptr, true, -1, 0, 1e308, -1e308, 3.5, 1e-320, "", "x", "((", "1/0", "log(-1)", Json::array(), Json::object(),
                           Json::array({1, 2, 3, 4}), 2147483648LL, -0.0, "exp(1000*x)", "0^-1"};

// Visits every value in the document and collects pointers to them.
void collect(Json& j, std::vector<Json*>& out) {
  out.push_back(&j);
  if (j.is_object() || j.is_array())
    for (auto& child : j) collect(child, out);
}

void mutate(Json& spec, std::mt19937& rng) {
  std::vector<Json*> nodes;
  collect(spec, nodes);
  Json& target = *nodes[std::uniform_int_distribution<size_t>(0, nodes.size() - 1)(rng)];
  switch (std::uniform_int_distribution<int>(0, 3)(rng)) {
    case 0: target = kOddValues[std::uniform_int_distribution<size_t>(0, std::size(kOddValues) - 1)(rng)]; break;
    case 1: if (target.is_object() && !target.empty()) target.erase(target.begin()); break;
    case 2: if (target.is_object()) target["unexpected_" + std::to_string(rng() % 100)] = 1; break;
    default: if (target.is_number()) target = target.get<double>() * -1e6; break;
  }
}

void check_never_crashes(const Json& spec) {
  const SpecParse parsed = parse_spec(spec);
  if (!parsed.ok) {
    REQUIRE_FALSE(parsed.issues.empty());
    CHECK_FALSE(parsed.issues.front().message.empty());
    return;
  }
  Spec small = parsed.spec;
  // Keep the solve cheap whatever the mutation asked for.
  for (int a = 0; a < small.domain.dim; ++a) small.domain.points[a] = std::min<Index>(small.domain.points[a], 16);
  small.steps = std::min<Index>(small.steps, 8);
  small.max_iterations = 3;
  const ProblemBuild built = build_problem(small);
  if (!built.ok) {
    CHECK_FALSE(built.issues.front().message.empty());
    return;
  }
  MfgState state;
  const SolveResult r = solve(built.problem, {}, state);
  CHECK(r.status != Status::Running);
}

}  // namespace

TEST_CASE("fuzz: mutated specs are validated, built and solved without crashing") {
  std::mt19937 rng(2026);
  std::vector<Json> seeds;
  for (const auto& e : std::filesystem::directory_iterator(test::source_path("tests/corpus/specs/valid"))) seeds.push_back(test::read_json(e.path().string()));
  REQUIRE_FALSE(seeds.empty());
  for (int i = 0; i < 3000; ++i) {
    Json spec = seeds[size_t(i) % seeds.size()];
    const int mutations = 1 + int(rng() % 3);
    for (int k = 0; k < mutations; ++k) mutate(spec, rng);
    INFO("spec: " << spec.dump());
    check_never_crashes(spec);
  }
}

TEST_CASE("fuzz: random byte strings as formulas and as JSON never crash the parsers") {
  std::mt19937 rng(11);
  const std::string alphabet = "0123456789.eE+-*/^()<>=!, xyztpiexplogsincosabsminmaxif\t\n\x01\xff";
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    const size_t length = rng() % 40;
    for (size_t k = 0; k < length; ++k) s += alphabet[rng() % alphabet.size()];
    const auto r = expr::compile(s, {"x", "t"});
    if (r.ok) {
      const double at[2] = {0.25, 0.5};
      (void)r.program.eval(at);
    } else {
      CHECK(r.error.position <= s.size());
    }
    (void)parse_spec(s);  // as a JSON document
  }
}

TEST_CASE("fuzz: deeply nested formulas are refused, not overflowing the stack") {
  const std::string deep = std::string(5000, '(') + "1" + std::string(5000, ')');
  const auto r = expr::compile(deep.substr(0, 1999), {"x"});
  CHECK_FALSE(r.ok);
  const auto too_long = expr::compile(deep, {"x"});
  CHECK_FALSE(too_long.ok);
  CHECK(too_long.error.position == expr::kMaxFormulaLength);
}
