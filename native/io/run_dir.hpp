// The run directory (docs/run-directory.md): run.json, fields.zarr, convergence.csv, log.txt. The
// same writer serves mfg-solve, the Node-API addon ("Save run") and, later, MPI and cluster runs.
#pragma once

#include <fstream>
#include <functional>
#include <optional>
#include <string>

#include "../models/mfg/memory.hpp"
#include "../models/mfg/solve.hpp"

namespace mfg::io {

// Who ran the solve, where and how: recorded in run.json.
struct RunContext {
  std::string solver_name = "mfg-solve";
  std::string backend = "serial";
  int threads = 1;
  int ranks = 1;
  std::string started_at;   // ISO 8601 UTC
  std::string finished_at;  // empty while running
  double output_s = 0.0;
  Json provenance = Json::object();  // extra fields (job id, cluster, node...), merged into run.json
  std::optional<MemoryEstimate> memory;  // the plan the solve ran with (estimated when writing if none)
};

std::string iso_now();
Json build_info_json();
Json host_info_json();

// The grid block of run.json (points, bounds, spacing, time levels).
Json grid_json(const Problem& problem);

// The manifest of a run; result may be null while the run is in progress.
Json run_manifest(const Problem& problem, const SolveResult* result, Status status, const RunContext& context);

// The stored time levels of u and m: level k (0-based, in Problem::stored_levels order).
using LevelSource = std::function<const double*(char field, Index k)>;

class RunDirectory {
 public:
  explicit RunDirectory(std::string path) : path_(std::move(path)) {}

  // Creates the directory. An existing directory that is not empty is refused unless force is set,
  // and even then only the files a run directory consists of are replaced (nothing else is deleted).
  bool prepare(bool force, std::string& error);

  bool write_manifest(const Json& manifest, std::string& error);
  bool write_fields(const Problem& problem, const LevelSource& levels, std::string& error);
  bool write_convergence(const std::vector<IterationRecord>& history, std::string& error);
  void log(const std::string& line);

  // Fields, convergence history, then the manifest last (a reader that sees a final status in
  // run.json finds complete fields).
  bool write_result(const Problem& problem, const SolveResult& result, const LevelSource& levels, RunContext& context,
                    std::string& error);

  const std::string& path() const { return path_; }

 private:
  void open_log();
  std::string path_;
  std::ofstream log_;
};

// LevelSource over a full solver state.
LevelSource levels_of(const Problem& problem, const MfgState& state);

}  // namespace mfg::io
