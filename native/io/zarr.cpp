#include "zarr.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <unistd.h>

#include "safe_file.hpp"

namespace mfg::io {

namespace fs = std::filesystem;

namespace {

Json array_metadata(const ZarrArray& a) {
  return Json{{"zarr_format", 2},
              {"shape", a.shape},
              {"chunks", a.chunks},
              {"dtype", a.dtype == Dtype::Float32 ? "<f4" : a.dtype == Dtype::Uint8 ? "|u1" : "<f8"},
              {"compressor", nullptr},
              {"fill_value", a.dtype == Dtype::Uint8 ? Json(0) : Json("NaN")},
              {"filters", nullptr},
              {"order", "C"},
              {"dimension_separator", "."}};
}

// Never through a link someone placed where a run file goes (safe_file.hpp).
bool write_bytes(const fs::path& path, const void* data, std::size_t size, std::string& error) {
  const int fd = open_for_writing(path.string(), error);
  if (fd < 0) return false;
  const bool ok = write_all(fd, data, size);
  if (!ok) error = "could not write " + path.string() + ": " + std::strerror(errno);
  return ::close(fd) == 0 && ok;
}

// Little-endian bytes of a chunk (the machines we target are little-endian; checked at compile time).
static_assert(sizeof(float) == 4 && sizeof(double) == 8, "IEEE float types expected");

std::string chunk_key(std::int64_t index, std::size_t rank) {
  std::string key = std::to_string(index);
  for (std::size_t d = 1; d < rank; ++d) key += ".0";
  return key;
}

}  // namespace

bool write_file_atomically(const std::string& path, const std::string& text, std::string& error) {
  const std::string temporary = path + ".tmp";
  std::remove(temporary.c_str());  // a leftover (or a planted link) is replaced, never written through
  if (!write_bytes(temporary, text.data(), text.size(), error)) return false;
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    error = "could not replace " + path + ": " + std::strerror(errno);
    std::remove(temporary.c_str());
    return false;
  }
  return true;
}

bool ZarrGroup::create(const std::string& path, const Json& attributes, std::string& error) {
  path_ = path;
  std::error_code ec;
  fs::remove_all(path, ec);
  fs::create_directories(path, ec);
  if (ec) {
    error = "could not create " + path + ": " + ec.message();
    return false;
  }
  consolidated_ = Json{{".zgroup", {{"zarr_format", 2}}}, {".zattrs", attributes}};
  return write_file_atomically(path + "/.zgroup", consolidated_[".zgroup"].dump(), error) &&
         write_file_atomically(path + "/.zattrs", attributes.dump(2), error);
}

bool ZarrGroup::write_array(const ZarrArray& a, const std::function<void(std::int64_t, double*)>& fill, std::string& error) {
  const fs::path dir = fs::path(path_) / a.name;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    error = "could not create " + dir.string() + ": " + ec.message();
    return false;
  }
  Json attributes = a.attributes;
  attributes["_ARRAY_DIMENSIONS"] = a.dims;
  const Json metadata = array_metadata(a);
  if (!write_file_atomically((dir / ".zarray").string(), metadata.dump(2), error) ||
      !write_file_atomically((dir / ".zattrs").string(), attributes.dump(2), error))
    return false;
  consolidated_[a.name + "/.zarray"] = metadata;
  consolidated_[a.name + "/.zattrs"] = attributes;

  std::int64_t chunk_size = 1;
  for (std::size_t d = 0; d < a.chunks.size(); ++d) chunk_size *= a.chunks[d];
  const std::int64_t chunk_count = (a.shape[0] + a.chunks[0] - 1) / a.chunks[0];
  std::vector<double> values(static_cast<std::size_t>(chunk_size));
  std::vector<float> narrow(a.dtype == Dtype::Float32 ? values.size() : 0);
  std::vector<std::uint8_t> bytes(a.dtype == Dtype::Uint8 ? values.size() : 0);
  for (std::int64_t k = 0; k < chunk_count; ++k) {
    fill(k, values.data());
    const fs::path file = dir / chunk_key(k, a.shape.size());
    bool ok;
    if (a.dtype == Dtype::Float32) {
      for (std::size_t i = 0; i < values.size(); ++i) narrow[i] = static_cast<float>(values[i]);
      ok = write_bytes(file, narrow.data(), narrow.size() * sizeof(float), error);
    } else if (a.dtype == Dtype::Uint8) {
      for (std::size_t i = 0; i < values.size(); ++i) bytes[i] = values[i] != 0.0;
      ok = write_bytes(file, bytes.data(), bytes.size(), error);
    } else {
      ok = write_bytes(file, values.data(), values.size() * sizeof(double), error);
    }
    if (!ok) return false;
  }
  return true;
}

bool ZarrGroup::consolidate(std::string& error) {
  const Json document{{"zarr_consolidated_format", 1}, {"metadata", consolidated_}};
  return write_file_atomically(path_ + "/.zmetadata", document.dump(2), error);
}

}  // namespace mfg::io
