// Path-tracking helpers for validating one JSON object at a time.
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

#include "spec_json.hpp"

namespace mfg {

class SpecReader {
 public:
  explicit SpecReader(std::vector<SpecIssue>& issues) : issues_(issues) {}

  // Reports a problem unless j is an object whose keys are all in allowed; returns whether j is an object.
  bool object(const Json& j, const std::string& path, std::initializer_list<const char*> allowed);

  // Each getter leaves `out` at its default when the key is absent, reports and returns false on a bad value.
  bool number(const Json& obj, const char* key, const std::string& path, double& out, double min, double max,
              bool min_exclusive = false, bool max_exclusive = false);
  bool integer(const Json& obj, const char* key, const std::string& path, long long& out, long long min, long long max);
  // The same checks for a value that is not under a key (array elements); path names the value itself.
  bool number_value(const Json& v, const std::string& path, double& out, double min, double max, bool min_exclusive = false,
                    bool max_exclusive = false);
  bool integer_value(const Json& v, const std::string& path, long long& out, long long min, long long max);
  bool string(const Json& obj, const char* key, const std::string& path, std::string& out, std::size_t max_length,
              std::size_t min_length = 0);
  bool boolean(const Json& obj, const char* key, const std::string& path, bool& out);
  bool choice(const Json& obj, const char* key, const std::string& path, std::string& out,
              std::initializer_list<const char*> options);

  void report(const std::string& path, const std::string& message) { issues_.push_back({path, message}); }
  bool ok() const { return issues_.empty(); }

  static std::string join_path(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }
  static std::string received(const Json& value);

 private:
  std::vector<SpecIssue>& issues_;
};

}  // namespace mfg
