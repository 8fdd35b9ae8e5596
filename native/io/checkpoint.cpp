#include "checkpoint.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "records.hpp"
#include "run_dir.hpp"
#include "safe_file.hpp"
#include "zarr.hpp"

namespace mfg::io {

namespace fs = std::filesystem;

namespace {

constexpr char kMagic[8] = {'M', 'F', 'G', 'S', 'T', 'A', 'T', '1'};
constexpr std::size_t kHeaderBytes = sizeof kMagic + 2 * sizeof(std::int64_t);
constexpr int kFormatVersion = 2;  // 2: state checksum and spec fingerprint; 1 had neither
constexpr std::size_t kMaxDocumentBytes = std::size_t(256) << 20;

// FNV-1a, 64-bit (Fowler, Noll, Vo; IETF draft-eastlake-fnv): an integrity check against damage and
// accidental edits, not a defence against someone who rewrites the checkpoint on purpose.
std::uint64_t fnv1a(const char* data, std::size_t size) {
  std::uint64_t h = 14695981039346656037ull;
  for (std::size_t i = 0; i < size; ++i) h = (h ^ std::uint8_t(data[i])) * 1099511628211ull;
  return h;
}

std::string hex(std::uint64_t v) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(v));
  return text;
}

// The state file's bytes: magic, cells and levels, then u and m as little-endian doubles.
std::string state_bytes(const MfgState& state) {
  const std::int64_t header[2] = {state.u.cells(), state.u.levels()};
  const std::size_t field = sizeof(double) * std::size_t(state.u.size());
  std::string bytes(kHeaderBytes + 2 * field, '\0');
  std::memcpy(&bytes[0], kMagic, sizeof kMagic);
  std::memcpy(&bytes[sizeof kMagic], header, sizeof header);
  std::memcpy(&bytes[kHeaderBytes], state.u.data(), field);
  std::memcpy(&bytes[kHeaderBytes + field], state.m.data(), field);
  return bytes;
}

// Written and synced before checkpoint.json points at it.
bool write_state(const std::string& path, const std::string& bytes, std::string& error) {
  const int fd = open_for_writing(path, error);
  if (fd < 0) return false;
  const bool ok = write_all(fd, bytes.data(), bytes.size()) && ::fsync(fd) == 0;
  if (!ok) error = "could not write " + path + ": " + std::strerror(errno);
  ::close(fd);
  return ok;
}

bool parse_state(const std::string& bytes, const std::string& path, MfgState& state, std::string& error) {
  std::int64_t header[2] = {0, 0};
  if (bytes.size() >= kHeaderBytes) std::memcpy(header, &bytes[sizeof kMagic], sizeof header);
  if (bytes.size() < kHeaderBytes || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0 || header[0] <= 0 || header[1] <= 0 ||
      state_file_bytes(header[0], header[1]) != bytes.size()) {
    error = path + ": not a checkpoint state file, or truncated (" + std::to_string(bytes.size()) + " bytes)";
    return false;
  }
  state.u = SpaceTimeField(header[0], header[1]);
  state.m = SpaceTimeField(header[0], header[1]);
  const std::size_t field = sizeof(double) * std::size_t(state.u.size());
  std::memcpy(state.u.data(), &bytes[kHeaderBytes], field);
  std::memcpy(state.m.data(), &bytes[kHeaderBytes + field], field);
  return true;
}

// Typed access to checkpoint.json: a missing or mistyped key is a damaged checkpoint, named.
struct Fields {
  const Json& doc;
  std::string where;
  std::string& error;
  bool integer(const char* key, int& out) const {
    if (doc.contains(key) && doc.at(key).is_number_integer() && doc.at(key).get<long long>() >= INT32_MIN && doc.at(key).get<long long>() <= INT32_MAX) {
      out = int(doc.at(key).get<long long>());
      return true;
    }
    return fail(key, "an integer");
  }
  bool text(const char* key, std::string& out) const {
    if (doc.contains(key) && doc.at(key).is_string()) {
      out = doc.at(key).get<std::string>();
      return true;
    }
    return fail(key, "a string");
  }
  bool phase(const char* key, Phase& out) const {
    std::string name;
    if (!text(key, name)) return false;
    for (Phase p : {Phase::Warmup, Phase::Continuation, Phase::Newton, Phase::Picard, Phase::FictitiousPlay})
      if (name == phase_name(p)) return out = p, true;
    return fail(key, "one of warmup, continuation, newton, picard, fictitious_play");
  }
  double number(const char* key) const { return doc.contains(key) && doc.at(key).is_number() ? doc.at(key).get<double>() : NAN; }
  bool fail(const char* key, const char* expected) const {
    error = where + ": the checkpoint is damaged: expected '" + key + "' to be " + expected +
            (doc.contains(key) ? ", found " + doc.at(key).dump(-1, ' ', false, Json::error_handler_t::replace) : ", found none") +
            "; delete the checkpoint folder to solve from the start";
    return false;
  }
};

bool read_history(const Json& records, const std::string& where, std::vector<IterationRecord>& out, std::string& error) {
  if (!records.is_array()) return Fields{Json::object(), where, error}.fail("history", "an array");
  out.clear();
  for (const Json& r : records) {
    if (!r.is_object()) return Fields{Json::object(), where, error}.fail("history", "an array of objects");
    const Fields f{r, where + " (history entry " + std::to_string(out.size() + 1) + ")", error};
    IterationRecord rec;
    if (!f.integer("iteration", rec.iteration) || !f.phase("phase", rec.phase)) return false;
    rec.residual_hjb = f.number("residual_hjb");
    rec.residual_fp = f.number("residual_fp");
    rec.residual = f.number("residual");
    rec.change = f.number("change");
    rec.elapsed_s = f.number("elapsed_s");
    if (r.contains("linear_iterations") && !f.integer("linear_iterations", rec.linear_iterations)) return false;
    out.push_back(rec);
  }
  return true;
}

// The state file's name must be one this writer makes: a plain name inside the checkpoint folder.
bool plain_state_name(const std::string& name) {
  if (name.size() < 11 || name.compare(0, 6, "state-") != 0 || name.compare(name.size() - 4, 4, ".bin") != 0) return false;
  return name.find_first_not_of("0123456789", 6) == name.size() - 4;
}

}  // namespace

std::size_t state_file_bytes(Index cells, Index levels) {
  return kHeaderBytes + 2 * sizeof(double) * std::size_t(cells) * std::size_t(levels);
}

std::string spec_fingerprint(const Spec& spec) {
  const std::string canonical = spec_to_json(spec).dump(-1, ' ', false, Json::error_handler_t::replace);
  return "fnv1a64:" + hex(fnv1a(canonical.data(), canonical.size()));
}

bool write_checkpoint(const std::string& run_dir, const ResumePoint& position, const std::vector<IterationRecord>& history,
                      const MfgState& state, const std::string& spec_hash, std::string& error) {
  const fs::path dir = fs::path(run_dir) / "checkpoint";
  std::error_code ec;
  fs::create_directories(dir, ec);
  const int iteration = history.empty() ? 0 : history.back().iteration;
  const std::string state_file = "state-" + std::to_string(iteration) + ".bin";
  const std::string bytes = state_bytes(state);
  if (!write_state((dir / state_file).string(), bytes, error)) return false;
  Json records = Json::array();
  for (const auto& r : history) records.push_back(iteration_json(r));
  const Json document{{"format", "mfg-checkpoint"}, {"format_version", kFormatVersion}, {"written_at", iso_now()}, {"state_file", state_file},
                      {"state_checksum", "fnv1a64:" + hex(fnv1a(bytes.data(), bytes.size()))}, {"spec_fingerprint", spec_hash},
                      {"phase", phase_name(position.phase)}, {"stage", position.stage}, {"sweep", position.sweep},
                      {"iteration", iteration}, {"history", records}};
  if (!write_file_atomically((dir / "checkpoint.json").string(), document.dump(), error)) return false;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.path().extension() == ".bin" && entry.path().filename() != state_file) fs::remove(entry.path(), ec);
  return true;
}

bool read_checkpoint(const std::string& run_dir, std::size_t max_state_bytes, Checkpoint& out, CheckpointRead& read, std::string& error) {
  const fs::path dir = fs::path(run_dir) / "checkpoint";
  const std::string where = (dir / "checkpoint.json").string();
  std::error_code ec;
  read = CheckpointRead{};
  read.found = fs::symlink_status(dir / "checkpoint.json", ec).type() != fs::file_type::not_found;
  if (!read.found) return true;
  std::string text, bytes;
  Json doc;
  if (!read_regular_file(where, {"the checkpoint", kMaxDocumentBytes, Links::Refuse}, text, error)) return false;
  if (!parse_json(text, doc, error) || !doc.is_object() || !doc.contains("format") || doc.at("format") != "mfg-checkpoint") {
    error = where + ": not a checkpoint written by mfg-solve (" + (error.empty() ? "no format 'mfg-checkpoint'" : error) +
            "); delete the checkpoint folder to solve from the start";
    return false;
  }
  const Fields f{doc, where, error};
  int version = 0;
  std::string state_name, checksum;
  if (!f.integer("format_version", version)) return false;
  if (version != 1 && version != kFormatVersion) return f.fail("format_version", "1 or 2 (this mfg-solve reads no later format)");
  if (!f.phase("phase", out.position.phase) || !f.integer("stage", out.position.stage) || !f.integer("sweep", out.position.sweep)) return false;
  if (!f.text("state_file", state_name)) return false;
  if (!plain_state_name(state_name)) return f.fail("state_file", "a file name of the form state-N.bin inside the checkpoint folder");
  if (version >= 2 && (!f.text("state_checksum", checksum) || !f.text("spec_fingerprint", read.spec_fingerprint))) return false;
  if (!doc.contains("history") || !read_history(doc.at("history"), where, out.history, error)) {
    if (error.empty()) f.fail("history", "an array");
    return false;
  }
  const std::string state_path = (dir / state_name).string();
  if (!read_regular_file(state_path, {"the checkpoint state", max_state_bytes, Links::Refuse}, bytes, error)) return false;
  if (version >= 2 && checksum != "fnv1a64:" + hex(fnv1a(bytes.data(), bytes.size()))) {
    error = state_path + ": the checkpoint state does not match its checksum (the file was damaged or changed after it was written); "
            "delete the checkpoint folder to solve from the start";
    return false;
  }
  read.verified = version >= 2;
  return parse_state(bytes, state_path, out.state, error);
}

void remove_checkpoint(const std::string& run_dir) {
  std::error_code ec;
  fs::remove_all(fs::path(run_dir) / "checkpoint", ec);
}

}  // namespace mfg::io
