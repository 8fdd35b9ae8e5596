#include "run_dir.hpp"

#include <sys/resource.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <iomanip>
#include <sstream>

#include "../core/parallel.hpp"
#include "../core/timer.hpp"
#include "build_info.hpp"
#include "zarr.hpp"

namespace mfg::io {

namespace fs = std::filesystem;

namespace {

const char* const kRunFiles[] = {"run.json", "fields.zarr", "convergence.csv", "log.txt", "checkpoint"};

Json finite_or_null(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

}  // namespace

Json grid_json(const Problem& p) {
  Json points = Json::array(), lower = Json::array(), upper = Json::array(), spacing = Json::array();
  for (int a = 0; a < p.grid.dim(); ++a) {
    points.push_back(p.grid.points(a));
    lower.push_back(p.grid.lower(a));
    upper.push_back(p.grid.upper(a));
    spacing.push_back(p.grid.spacing(a));
  }
  return Json{{"dimension", p.grid.dim()}, {"points", points}, {"lower", lower}, {"upper", upper}, {"spacing", spacing},
              {"cell_centres", true}, {"time_levels", p.steps + 1}, {"stored_levels", p.stored_levels().size()},
              {"store_every", p.spec.store_every}};
}

std::string iso_now() {
  using namespace std::chrono;
  const auto now = system_clock::now();
  const std::time_t seconds = system_clock::to_time_t(now);
  const auto millis = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  std::ostringstream s;
  s << std::put_time(&utc, "%Y-%m-%dT%H:%M:%S") << "." << std::setw(3) << std::setfill('0') << millis << "Z";
  return s.str();
}

Json build_info_json() {
  return Json{{"version", build::kVersion}, {"git", build::kGitHash}, {"compiler", build::kCompiler},
              {"build_type", build::kBuildType}, {"openmp", openmp_enabled()}, {"cuda", false}, {"mpi", false}};
}

Json host_info_json() {
  char name[256] = {0};
  gethostname(name, sizeof(name) - 1);
  utsname u{};
  uname(&u);
  return Json{{"hostname", name}, {"os", std::string(u.sysname) + " " + u.release + " " + u.machine}};
}

Json run_manifest(const Problem& p, const SolveResult* r, Status status, const RunContext& ctx) {
  Json solver = build_info_json();
  solver["name"] = ctx.solver_name;
  Json m{{"format", "mfg-run"}, {"format_version", 1}, {"status", status_name(status)},
         {"message", r ? r->message : "running"}, {"spec", spec_to_json(p.spec)}, {"grid", grid_json(p)},
         {"solver", solver}, {"host", host_info_json()}, {"backend", ctx.backend}, {"threads", ctx.threads},
         {"ranks", ctx.ranks}, {"started_at", ctx.started_at}, {"finished_at", ctx.finished_at.empty() ? Json(nullptr) : Json(ctx.finished_at)}};
  if (r) {
    m["iterations"] = r->iterations;
    m["residuals"] = {{"hjb", finite_or_null(r->residual.hjb)}, {"fp", finite_or_null(r->residual.fp)}, {"change", finite_or_null(r->change)}};
    m["mass"] = {{"initial", r->mass.initial}, {"final", finite_or_null(r->mass.final)}, {"exited", finite_or_null(r->mass.exited)},
                 {"max_relative_drift", finite_or_null(r->mass.max_relative_drift)}, {"min_density", finite_or_null(r->mass.min_density)}};
    m["timings"] = {{"total_s", r->total_s}, {"hjb_s", r->times.hjb}, {"fp_s", r->times.fp}, {"linear_s", r->times.linear},
                    {"newton_s", r->times.newton}, {"output_s", ctx.output_s}};
    // What the run was expected to need (the check before it started) and what it used at its peak.
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const MemoryEstimate memory = ctx.memory ? *ctx.memory : estimate_memory(p.spec);
    m["memory"] = {{"estimated_bytes", memory.solver_bytes}, {"peak_rss_bytes", double(usage.ru_maxrss) * 1024.0}};
    // Newton rebuilt some steps' operators per sweep to fit (memory.hpp).
    if (memory.plan.kept_steps < memory.plan.steps) m["memory"]["newton_kept_steps"] = memory.plan.kept_steps;
    if (r->hjb_step_failures > 0) m["warnings"] = Json::array({std::to_string(r->hjb_step_failures) + " HJB time steps stopped before round-off"});
  }
  for (const auto& item : ctx.provenance.items()) m[item.key()] = item.value();
  return m;
}

bool RunDirectory::prepare(bool force, std::string& error) {
  std::error_code ec;
  if (fs::exists(path_, ec) && !fs::is_directory(path_, ec)) {
    error = path_ + " exists and is not a directory; choose another --out";
    return false;
  }
  if (fs::exists(path_, ec) && !fs::is_empty(path_, ec)) {
    if (!force) {
      error = path_ + " exists and is not empty; choose another --out, or pass --force to replace the run files in it";
      return false;
    }
    for (const char* name : kRunFiles) fs::remove_all(fs::path(path_) / name, ec);
  }
  fs::create_directories(path_, ec);
  if (ec) {
    error = "could not create " + path_ + ": " + ec.message();
    return false;
  }
  open_log();
  return true;
}

// Appends to log.txt, but never through a link someone put in its place (the link is replaced).
void RunDirectory::open_log() {
  const fs::path file = fs::path(path_) / "log.txt";
  std::error_code ec;
  if (fs::is_symlink(fs::symlink_status(file, ec))) fs::remove(file, ec);
  log_.open(file.string(), std::ios::app);
}

bool RunDirectory::write_manifest(const Json& manifest, std::string& error) {
  return write_file_atomically((fs::path(path_) / "run.json").string(), manifest.dump(2) + "\n", error);
}

void RunDirectory::log(const std::string& line) {
  if (!log_.is_open()) open_log();
  log_ << iso_now() << "  " << line << "\n";
  log_.flush();
}

bool RunDirectory::write_fields(const Problem& p, const LevelSource& levels, std::string& error) {
  const std::vector<Index> stored = p.stored_levels();
  const auto nt = static_cast<std::int64_t>(stored.size());
  const Index cells = p.cells();
  ZarrGroup group;
  const Json attrs{{"format", "mfg-run"}, {"format_version", 1}, {"name", p.spec.name}};
  if (!group.create((fs::path(path_) / "fields.zarr").string(), attrs, error)) return false;
  // Dimension order follows memory (x fastest): [t, x] in 1D, [t, y, x] in 2D, [t, z, y, x] in 3D.
  std::vector<std::string> dims{"t"};
  std::vector<std::int64_t> shape{nt}, chunks{1};
  static const char* const axes[] = {"x", "y", "z"};
  for (int a = p.grid.dim() - 1; a >= 0; --a) {
    dims.push_back(axes[a]);
    shape.push_back(p.grid.points(a));
    chunks.push_back(p.grid.points(a));
  }
  const Dtype dtype = p.spec.precision == Precision::Float32 ? Dtype::Float32 : Dtype::Float64;
  const std::pair<char, const char*> fields[] = {{'u', "value function u(t, x)"}, {'m', "density m(t, x)"}};
  const Grid& g = p.grid;
  for (const auto& [field, long_name] : fields) {
    ZarrArray a{std::string(1, field), dims, shape, chunks, dtype, Json{{"long_name", long_name}}};
    const bool hide = field == 'u' && p.solid_cells > 0;  // u means nothing inside obstacles
    auto fill = [&, field = field](std::int64_t k, double* out) {
      const double* src = levels(field, k);
      for (Index c = 0; c < cells; ++c) out[c] = hide && g.is_solid(c) ? NAN : src[c];
    };
    if (!group.write_array(a, fill, error)) return false;
  }
  if (p.solid_cells > 0) {
    std::vector<std::string> space(dims.begin() + 1, dims.end());
    std::vector<std::int64_t> space_shape(shape.begin() + 1, shape.end());
    ZarrArray solid{"solid", space, space_shape, space_shape, Dtype::Uint8, Json{{"long_name", "obstacle cells (1 = solid)"}}};
    if (!group.write_array(solid, [&](std::int64_t, double* out) { for (Index c = 0; c < cells; ++c) out[c] = g.is_solid(c); }, error))
      return false;
  }
  ZarrArray t{"t", {"t"}, {nt}, {nt}, Dtype::Float64, Json{{"long_name", "time"}}};
  if (!group.write_array(t, [&](std::int64_t, double* out) { for (std::int64_t k = 0; k < nt; ++k) out[k] = p.time(stored[k]); }, error))
    return false;
  for (int a = 0; a < p.grid.dim(); ++a) {
    const std::int64_t n = p.grid.points(a);
    ZarrArray coord{axes[a], {axes[a]}, {n}, {n}, Dtype::Float64, Json{{"long_name", std::string(axes[a]) + " (cell centres)"}}};
    if (!group.write_array(coord, [&](std::int64_t, double* out) { for (std::int64_t i = 0; i < n; ++i) out[i] = p.grid.centre(a, i); }, error))
      return false;
  }
  return group.consolidate(error);
}

bool RunDirectory::write_convergence(const std::vector<IterationRecord>& history, std::string& error) {
  std::ostringstream s;
  s.precision(17);
  s << "iteration,phase,residual_hjb,residual_fp,residual,change,elapsed_s,linear_iterations\n";
  for (const auto& r : history)
    s << r.iteration << "," << phase_name(r.phase) << "," << r.residual_hjb << "," << r.residual_fp << "," << r.residual << ","
      << r.change << "," << r.elapsed_s << "," << r.linear_iterations << "\n";
  return write_file_atomically((fs::path(path_) / "convergence.csv").string(), s.str(), error);
}

bool RunDirectory::write_result(const Problem& p, const SolveResult& r, const LevelSource& levels, RunContext& ctx, std::string& error) {
  const double start = now_seconds();
  const bool ok = write_fields(p, levels, error) && write_convergence(r.history, error);
  ctx.output_s = now_seconds() - start;
  ctx.finished_at = iso_now();
  if (!ok) return false;
  log(std::string(status_name(r.status)) + ": " + r.message);
  return write_manifest(run_manifest(p, &r, r.status, ctx), error);
}

LevelSource levels_of(const Problem& p, const MfgState& s) {
  const std::vector<Index> stored = p.stored_levels();
  return [stored, &s](char field, Index k) { return field == 'u' ? s.u.at(stored[k]) : s.m.at(stored[k]); };
}

}  // namespace mfg::io
