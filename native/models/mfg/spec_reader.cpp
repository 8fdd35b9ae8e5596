#include "spec_reader.hpp"

#include <cmath>
#include <sstream>

#include "../../core/suggest.hpp"

namespace mfg {

namespace {

std::string format_number(double v) {
  std::ostringstream s;
  s.precision(12);
  s << v;
  return s.str();
}

std::string range_text(const char* noun, double min, double max, bool min_exclusive, bool max_exclusive) {
  const bool has_min = std::isfinite(min), has_max = std::isfinite(max);
  std::string text = std::string("expected ") + noun;
  if (has_min && has_max) {
    text += std::string(" in ") + (min_exclusive ? "(" : "[") + format_number(min) + ", " + format_number(max) + (max_exclusive ? ")" : "]");
  } else if (has_min) {
    text += std::string(min_exclusive ? " > " : " >= ") + format_number(min);
  } else if (has_max) {
    text += std::string(max_exclusive ? " < " : " <= ") + format_number(max);
  }
  return text;
}

}  // namespace

std::string SpecReader::received(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return std::string(value.get<bool>() ? "true" : "false") + " (a boolean)";
    case Json::value_t::string: {
      std::string original;
      if (is_overflow_marker(value, &original)) return original + " (beyond the range of a double)";
      std::string s = value.get<std::string>();
      if (s.size() > 40) s = s.substr(0, 37) + "...";
      return "\"" + s + "\" (a string)";
    }
    case Json::value_t::array: return "an array of " + std::to_string(value.size());
    case Json::value_t::object: return "an object";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return value.dump();
    default: return "a value of an unsupported type";
  }
}

bool SpecReader::object(const Json& j, const std::string& path, std::initializer_list<const char*> allowed) {
  if (!j.is_object()) {
    report(path, "expected an object, received " + received(j));
    return false;
  }
  std::vector<std::string> names(allowed.begin(), allowed.end());
  for (const auto& item : j.items()) {
    bool known = false;
    for (const auto& n : names) known = known || item.key() == n;
    if (known) continue;
    std::string message = "unknown key '" + item.key() + "'" + (path.empty() ? "" : " in " + path);
    const std::string suggestion = closest_match(item.key(), names);
    message += suggestion.empty() ? "; allowed keys: " + join(names) : "; did you mean '" + suggestion + "'?";
    report(join_path(path, item.key()), message);
  }
  return true;
}

bool SpecReader::number(const Json& obj, const char* key, const std::string& path, double& out, double min, double max,
                        bool min_exclusive, bool max_exclusive) {
  if (!obj.contains(key)) return true;
  return number_value(obj.at(key), join_path(path, key), out, min, max, min_exclusive, max_exclusive);
}

bool SpecReader::number_value(const Json& v, const std::string& p, double& out, double min, double max, bool min_exclusive,
                              bool max_exclusive) {
  const double value = v.is_number() ? v.get<double>() : NAN;
  const bool in_range = v.is_number() && std::isfinite(value) && (min_exclusive ? value > min : value >= min) &&
                        (max_exclusive ? value < max : value <= max);
  if (!in_range) {
    report(p, range_text("a number", min, max, min_exclusive, max_exclusive) + ", received " + received(v));
    return false;
  }
  out = value;
  return true;
}

bool SpecReader::integer(const Json& obj, const char* key, const std::string& path, long long& out, long long min, long long max) {
  if (!obj.contains(key)) return true;
  return integer_value(obj.at(key), join_path(path, key), out, min, max);
}

bool SpecReader::integer_value(const Json& v, const std::string& p, long long& out, long long min, long long max) {
  bool ok = false;
  long long value = 0;
  if (v.is_number_integer()) {
    value = v.get<long long>();
    ok = value >= min && value <= max;
  } else if (v.is_number_float()) {
    const double d = v.get<double>();
    ok = std::isfinite(d) && d == std::floor(d) && d >= static_cast<double>(min) && d <= static_cast<double>(max);
    value = ok ? static_cast<long long>(d) : 0;
  }
  if (!ok) {
    report(p, range_text("an integer", static_cast<double>(min), static_cast<double>(max), false, false) + ", received " + received(v));
    return false;
  }
  out = value;
  return true;
}

// Unicode code points of a UTF-8 string (what JSON Schema's maxLength counts): every byte that is
// not a continuation byte (10xxxxxx) starts one.
static std::size_t code_points(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool SpecReader::string(const Json& obj, const char* key, const std::string& path, std::string& out, std::size_t max_length,
                        std::size_t min_length) {
  if (!obj.contains(key)) return true;
  const Json& v = obj.at(key);
  const std::string p = join_path(path, key);
  if (!v.is_string()) {
    report(p, "expected a string, received " + received(v));
    return false;
  }
  const std::string s = v.get<std::string>();
  const std::size_t length = code_points(s);
  if (length > max_length || length < min_length) {
    report(p, "expected a string of " + (min_length > 0 ? std::to_string(min_length) + " to " : std::string("at most ")) +
                  std::to_string(max_length) + " characters, received " + std::to_string(length));
    return false;
  }
  out = s;
  return true;
}

bool SpecReader::boolean(const Json& obj, const char* key, const std::string& path, bool& out) {
  if (!obj.contains(key)) return true;
  const Json& v = obj.at(key);
  if (!v.is_boolean()) {
    report(join_path(path, key), "expected true or false, received " + received(v));
    return false;
  }
  out = v.get<bool>();
  return true;
}

bool SpecReader::choice(const Json& obj, const char* key, const std::string& path, std::string& out,
                        std::initializer_list<const char*> options) {
  if (!obj.contains(key)) return true;
  const Json& v = obj.at(key);
  const std::string p = join_path(path, key);
  std::vector<std::string> names(options.begin(), options.end());
  std::string quoted;
  for (std::size_t i = 0; i < names.size(); ++i) quoted += (i ? ", \"" : "\"") + names[i] + "\"";
  if (v.is_string()) {
    const std::string s = v.get<std::string>();
    for (const auto& n : names)
      if (s == n) {
        out = s;
        return true;
      }
    const std::string suggestion = closest_match(s, names);
    report(p, "expected one of " + quoted + ", received " + received(v) + (suggestion.empty() ? "" : "; did you mean \"" + suggestion + "\"?"));
    return false;
  }
  report(p, "expected one of " + quoted + ", received " + received(v));
  return false;
}

}  // namespace mfg
