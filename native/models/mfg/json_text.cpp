#include <cmath>
#include <cstdlib>

#include "spec_json.hpp"

namespace mfg {

namespace {

const std::string kOverflowPrefix = "\\u0001mfg-overflow:";
const std::string kOverflowMarker = "\x01mfg-overflow:";

bool is_number_char(char c) { return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'; }

// Copies JSON text, replacing number tokens outside strings that overflow a double by a marker string.
std::string mark_overflowing_numbers(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < text.size()) out += text[++i];
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
      out += c;
      continue;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      std::size_t j = i;
      while (j < text.size() && is_number_char(text[j])) ++j;
      const std::string token = text.substr(i, j - i);
      if (std::isinf(std::strtod(token.c_str(), nullptr))) out += "\"" + kOverflowPrefix + token + "\"";
      else out += token;
      i = j - 1;
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

bool is_overflow_marker(const Json& value, std::string* original) {
  if (!value.is_string()) return false;
  const std::string& s = value.get_ref<const std::string&>();
  if (s.compare(0, kOverflowMarker.size(), kOverflowMarker) != 0) return false;
  if (original) *original = s.substr(kOverflowMarker.size());
  return true;
}

bool parse_json(const std::string& text, Json& out, std::string& error) {
  try {
    out = Json::parse(mark_overflowing_numbers(text));
    return true;
  } catch (const nlohmann::json::parse_error& e) {
    error = "the spec is not valid JSON (at byte " + std::to_string(e.byte) + "): " + e.what() + "; check for a missing comma, quote or bracket";
  } catch (const nlohmann::json::exception& e) {
    error = std::string("the spec is not valid JSON: ") + e.what();
  }
  return false;
}

}  // namespace mfg
