// The native validator and formula language agree with the TypeScript contract on the shared corpora
// (native/tests/corpus, produced from app/contract).
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>

#include "core/expr.hpp"
#include "helpers.hpp"

using namespace mfg;
namespace fs = std::filesystem;

namespace {

double corpus_number(const Json& v) {
  if (v.is_string()) {
    const std::string s = v.get<std::string>();
    if (s == "NaN") return NAN;
    return s == "Infinity" ? INFINITY : -INFINITY;
  }
  return v.get<double>();
}

void check_value(const std::string& source, double expected, double actual) {
  INFO("formula: " << source);
  if (std::isnan(expected)) CHECK(std::isnan(actual));
  else if (std::isinf(expected)) CHECK(actual == expected);
  else if (expected == 0.0) CHECK(actual == 0.0);
  else CHECK(std::fabs(actual - expected) <= 1e-12 * std::fabs(expected));
}

std::vector<fs::path> corpus_files(const std::string& folder) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(test::source_path("tests/corpus/specs/" + folder)))
    if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("formulas: parse positions and values agree with the TypeScript contract") {
  const Json cases = test::read_json(test::source_path("tests/corpus/formulas.json"));
  REQUIRE(cases.size() > 80);
  for (const Json& c : cases) {
    const std::string source = c.at("source").get<std::string>();
    const auto vars = c.at("variables").get<std::vector<std::string>>();
    const expr::CompileResult r = expr::compile(source, vars);
    INFO("formula: " << source << (r.ok ? "" : "  error: " + r.error.message));
    REQUIRE(r.ok == c.at("ok").get<bool>());
    if (!r.ok) {
      CHECK(r.error.position == c.at("position").get<std::size_t>());
      continue;
    }
    for (const Json& sample : c.at("samples")) {
      std::vector<double> values;
      for (const auto& name : vars) values.push_back(sample.at("at").value(name, 0.0));
      check_value(source, corpus_number(sample.at("value")), r.program.eval(values.data()));
    }
  }
}

TEST_CASE("specs: every valid corpus spec validates and normalises like the contract") {
  const auto files = corpus_files("valid");
  REQUIRE(files.size() >= 12);
  for (const auto& path : files) {
    INFO("spec: " << path.filename().string());
    const SpecParse parsed = parse_spec(test::read_text(path.string()));
    if (!parsed.ok) FAIL_CHECK(format_issue(parsed.issues.front()));
    if (!parsed.ok) continue;
    const Json normalised = test::read_json(test::source_path("tests/corpus/specs/normalized/" + path.filename().string()));
    // Compare as JSON values: key order and number spelling do not matter.
    CHECK(nlohmann::json::parse(spec_to_json(parsed.spec).dump()) == nlohmann::json::parse(normalised.dump()));
  }
}

TEST_CASE("specs: every invalid corpus spec is refused at the path the contract reports") {
  const auto files = corpus_files("invalid");
  REQUIRE(files.size() >= 40);
  for (const auto& path : files) {
    const Json c = test::read_json(path.string());
    INFO("spec: " << path.filename().string() << "  expected path: '" << c.at("path").get<std::string>() << "'");
    const SpecParse parsed = parse_spec(c.at("spec"));
    REQUIRE_FALSE(parsed.ok);
    INFO("first issue: " << format_issue(parsed.issues.front()));
    CHECK(parsed.issues.front().path == c.at("path").get<std::string>());
    CHECK_FALSE(parsed.issues.front().message.empty());
  }
}
