// A minimal Zarr v2 writer for the run directory's fields.zarr: uncompressed, little-endian,
// C-order chunks, dimension names in `_ARRAY_DIMENSIONS` (the xarray convention) and consolidated
// metadata (.zmetadata). Spec: https://zarr-specs.readthedocs.io/en/latest/v2/v2.0.html
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "../models/mfg/spec_json.hpp"

namespace mfg::io {

enum class Dtype { Float64, Float32, Uint8 };

struct ZarrArray {
  std::string name;
  std::vector<std::string> dims;
  std::vector<std::int64_t> shape, chunks;
  Dtype dtype = Dtype::Float64;
  Json attributes = Json::object();
};

class ZarrGroup {
 public:
  // Creates (or replaces) the group directory. Returns false with a message on failure.
  bool create(const std::string& path, const Json& attributes, std::string& error);

  // Writes an array whose chunk k (along the first axis) is produced by fill(k, values): values has
  // room for one chunk of doubles, converted to the array's dtype when written.
  bool write_array(const ZarrArray& array, const std::function<void(std::int64_t chunk, double* values)>& fill, std::string& error);

  // Writes .zmetadata with everything written so far.
  bool consolidate(std::string& error);

 private:
  std::string path_;
  Json consolidated_ = Json::object();
};

// Writes text to path atomically (temporary file in the same directory, then rename), so that a
// reader never sees a half-written file and a crash leaves the previous version.
bool write_file_atomically(const std::string& path, const std::string& text, std::string& error);

}  // namespace mfg::io
