#include "checkpoint.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "records.hpp"
#include "run_dir.hpp"
#include "zarr.hpp"

namespace mfg::io {

namespace fs = std::filesystem;

namespace {

constexpr char kMagic[8] = {'M', 'F', 'G', 'S', 'T', 'A', 'T', '1'};

bool write_all(int fd, const void* data, size_t size) {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = ::write(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= size_t(n);
  }
  return true;
}

// The state as raw little-endian doubles, synced to disk before returning.
bool write_state(const std::string& path, const MfgState& state, std::string& error) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) {
    error = "could not create " + path + ": " + std::strerror(errno);
    return false;
  }
  const std::int64_t header[2] = {state.u.cells(), state.u.levels()};
  const size_t bytes = sizeof(double) * size_t(state.u.size());
  const bool ok = write_all(fd, kMagic, sizeof kMagic) && write_all(fd, header, sizeof header) && write_all(fd, state.u.data(), bytes) &&
                  write_all(fd, state.m.data(), bytes) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) error = "could not write " + path + ": " + std::strerror(errno);
  return ok;
}

bool read_state(const std::string& path, MfgState& state, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  char magic[8];
  std::int64_t header[2] = {0, 0};
  in.read(magic, sizeof magic);
  in.read(reinterpret_cast<char*>(header), sizeof header);
  if (!in || std::memcmp(magic, kMagic, sizeof magic) != 0 || header[0] <= 0 || header[1] <= 0) {
    error = path + ": not a checkpoint state file (or truncated)";
    return false;
  }
  state.u = SpaceTimeField(header[0], header[1]);
  state.m = SpaceTimeField(header[0], header[1]);
  const auto bytes = std::streamsize(sizeof(double) * size_t(state.u.size()));
  in.read(reinterpret_cast<char*>(state.u.data()), bytes);
  in.read(reinterpret_cast<char*>(state.m.data()), bytes);
  if (!in) {
    error = path + ": the checkpoint state file is truncated";
    return false;
  }
  return true;
}

Phase phase_from(const std::string& name) {
  for (Phase p : {Phase::Warmup, Phase::Continuation, Phase::Newton, Phase::Picard, Phase::FictitiousPlay})
    if (name == phase_name(p)) return p;
  return Phase::Newton;
}

}  // namespace

bool write_checkpoint(const std::string& run_dir, const ResumePoint& position, const std::vector<IterationRecord>& history,
                      const MfgState& state, std::string& error) {
  const fs::path dir = fs::path(run_dir) / "checkpoint";
  std::error_code ec;
  fs::create_directories(dir, ec);
  const int iteration = history.empty() ? 0 : history.back().iteration;
  const std::string state_file = "state-" + std::to_string(iteration) + ".bin";
  if (!write_state((dir / state_file).string(), state, error)) return false;
  Json records = Json::array();
  for (const auto& r : history) records.push_back(iteration_json(r));
  const Json document{{"format", "mfg-checkpoint"}, {"format_version", 1}, {"written_at", iso_now()}, {"state_file", state_file},
                      {"phase", phase_name(position.phase)}, {"stage", position.stage}, {"sweep", position.sweep},
                      {"iteration", iteration}, {"history", records}};
  if (!write_file_atomically((dir / "checkpoint.json").string(), document.dump(), error)) return false;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.path().extension() == ".bin" && entry.path().filename() != state_file) fs::remove(entry.path(), ec);
  return true;
}

bool read_checkpoint(const std::string& run_dir, Checkpoint& out, bool& found, std::string& error) {
  const fs::path dir = fs::path(run_dir) / "checkpoint";
  found = fs::exists(dir / "checkpoint.json");
  if (!found) return true;
  std::ifstream in(dir / "checkpoint.json");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Json doc;
  if (!parse_json(text, doc, error) || doc.value("format", "") != "mfg-checkpoint") {
    error = (dir / "checkpoint.json").string() + ": not a valid checkpoint (" + error + ")";
    return false;
  }
  out.position = {phase_from(doc.value("phase", "newton")), doc.value("stage", 0), doc.value("sweep", 0)};
  out.history.clear();
  for (const Json& r : doc.at("history")) {
    IterationRecord rec;
    rec.iteration = r.value("iteration", 0);
    rec.phase = phase_from(r.value("phase", "newton"));
    auto number = [&](const char* key) { return r.contains(key) && r.at(key).is_number() ? r.at(key).get<double>() : NAN; };
    rec.residual_hjb = number("residual_hjb");
    rec.residual_fp = number("residual_fp");
    rec.residual = number("residual");
    rec.change = number("change");
    rec.elapsed_s = number("elapsed_s");
    rec.linear_iterations = r.value("linear_iterations", 0);
    out.history.push_back(rec);
  }
  return read_state((dir / doc.value("state_file", "")).string(), out.state, error);
}

void remove_checkpoint(const std::string& run_dir) {
  std::error_code ec;
  fs::remove_all(fs::path(run_dir) / "checkpoint", ec);
}

}  // namespace mfg::io
