// The run directory of an ARZ run (arz-solve): run.json, fields.zarr, detectors.csv, signals.csv and
// log.txt, in the layout of docs/traffic.md ("Run directory"). Phase 1 of issue 18: it uses the
// Zarr writer of native/io as it is; checkpoints and --resume wait for the model-agnostic io layer.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "../models/arz/spec.hpp"

namespace mfg::cli {

// Runs the scenario to its horizon, storing every time.output_interval, and writes the run directory
// `dir` (which exists and is empty). Progress as JSON lines on stdout unless quiet. Returns false when
// `cancel` stopped the run (the directory then holds what was computed, with status "cancelled").
bool run_to_directory(const Json& spec, const arz::ScenarioParse& parsed, const std::string& dir, std::uint64_t seed, bool quiet,
                      std::atomic<bool>& cancel);

}  // namespace mfg::cli
