// Internal to the spec reader (spec.cpp and spec_*.cpp): the reading context and one reader per part.
#pragma once

#include <string>
#include <vector>

#include "models/mfg/spec_reader.hpp"
#include "spec.hpp"

namespace mfg::arz {

struct SpecContext {
  SpecReader& r;
  std::vector<SpecIssue>& warnings;
  Scenario& sc;
  void warn(const std::string& path, const std::string& message) { warnings.push_back({path, message}); }
};

void read_physics(SpecContext& ctx, const Json& spec);
void read_classes(SpecContext& ctx, const Json& spec);
void read_numerics_and_time(SpecContext& ctx, const Json& spec);
void read_segments(SpecContext& ctx, const Json& spec);
void read_junctions(SpecContext& ctx, const Json& spec);
void read_sources_sinks_detectors(SpecContext& ctx, const Json& spec);

// An array under `key` (absent: empty); reports anything else.
const Json* optional_array(SpecContext& ctx, const Json& obj, const char* key, const std::string& path);
// A formula in the given variables, compiled; reports its parse error at `path`.
bool compile_formula(SpecContext& ctx, const Json& value, const std::string& path, const std::vector<std::string>& variables,
                     expr::Program& out);
// The index of the segment whose id is the value v (reported at path when unknown), and of obj[key].
int segment_id(SpecContext& ctx, const Json& v, const std::string& path);
// The index of the segment named by obj[key], reported at path.key when unknown.
int segment_ref(SpecContext& ctx, const Json& obj, const char* key, const std::string& path);
std::string number_text(double v);
// An id (or class name) under obj[key]: 1 to 100 letters, digits, '-', '_' or '.', not starting with
// '.', since ids name files (fields.zarr arrays) and CSV fields. Absent: `out` is left as it is.
bool read_id(SpecContext& ctx, const Json& obj, const char* key, const std::string& path, std::string& out);

}  // namespace mfg::arz
