// Obstacle masks from files: NumPy .npy arrays (the grid's shape in C order, i.e. [ny, nx] or
// [nz, ny, nx]; bool, integer or float; non-zero = solid) and netpbm .pgm images (P2 or P5; dark
// pixels, below half the maximum, are solid; 2D grids only, resampled to the grid by nearest pixel,
// the image's top row at the largest y). NumPy format: https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "../models/mfg/problem.hpp"

namespace mfg::io {

// One byte per grid cell (x fastest). On failure returns false with a message that names the file,
// what was expected and what was found.
bool read_mask_file(const std::string& path, const Grid& grid, std::vector<std::uint8_t>& mask, std::string& error);

// build_problem, with the obstacle file (if the spec names one) read from disk.
ProblemBuild build_problem_with_files(const Spec& spec);

}  // namespace mfg::io
