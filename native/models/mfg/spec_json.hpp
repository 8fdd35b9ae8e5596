// Reading and writing specs as JSON, with messages that say where, what was expected and what was
// received (STYLE.md: sharp's argument checks).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include "spec.hpp"

namespace mfg {

using Json = nlohmann::ordered_json;

struct SpecIssue {
  std::string path;  // dotted, e.g. "physics.viscosity" or "domain.points.0"; "" for the document
  std::string message;
};

struct SpecParse {
  bool ok = false;
  Spec spec;
  std::vector<SpecIssue> issues;
};

SpecParse parse_spec(const std::string& text);

// Parses JSON text; numbers too large for a double (1e999) become markers that the validator reports
// as "beyond the range of a double" at their own path (JSON.parse in the app gives Infinity there).
// On failure returns false with a message that says where and what to check.
bool parse_json(const std::string& text, Json& out, std::string& error);
bool is_overflow_marker(const Json& value, std::string* original = nullptr);
SpecParse parse_spec(const Json& document);

// The full spec, every default filled in (what run.json records).
Json spec_to_json(const Spec& spec);

std::string format_issue(const SpecIssue& issue);

}  // namespace mfg
