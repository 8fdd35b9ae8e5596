// One outer iteration as JSON (progress lines, checkpoints, the addon): NaN and infinity become null.
#pragma once

#include "../models/mfg/solve.hpp"

namespace mfg::io {

Json iteration_json(const IterationRecord& record);

}  // namespace mfg::io
