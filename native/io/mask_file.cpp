#include "mask_file.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sstream>

#include "safe_file.hpp"

namespace mfg::io {

namespace {

std::string shape_text(const std::vector<Index>& shape) {
  std::string s = "(";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + (shape.size() == 1 ? ",)" : ")");
}

// The value between the quotes after `key` in the .npy header dictionary.
std::string header_field(const std::string& header, const std::string& key) {
  const size_t at = header.find("'" + key + "'");
  if (at == std::string::npos) return "";
  const size_t colon = header.find(':', at);
  size_t start = header.find_first_not_of(" ", colon + 1);
  if (start == std::string::npos) return "";
  if (header[start] == '\'') {
    const size_t end = header.find('\'', start + 1);
    return header.substr(start + 1, end - start - 1);
  }
  if (header[start] == '(') return header.substr(start, header.find(')', start) - start + 1);
  const size_t end = header.find_first_of(",}", start);
  return header.substr(start, end - start);
}

// The integers of a tuple such as "(40, 48)"; an entry that is not a number becomes -1 (which no grid
// has, so the shape check reports the file's shape as it reads).
std::vector<Index> parse_shape(const std::string& tuple) {
  std::vector<Index> shape;
  std::stringstream s(tuple.size() > 1 ? tuple.substr(1) : std::string());
  std::string part;
  while (std::getline(s, part, ',')) {
    if (part.find_first_of("0123456789") == std::string::npos) continue;
    errno = 0;
    char* end = nullptr;
    const long long v = std::strtoll(part.c_str(), &end, 10);
    shape.push_back(errno == ERANGE || v < 0 ? Index(-1) : Index(v));
  }
  return shape;
}

template <class T>
void nonzero(const char* data, size_t count, std::vector<std::uint8_t>& mask) {
  for (size_t i = 0; i < count; ++i) {
    T v;
    std::memcpy(&v, data + i * sizeof(T), sizeof(T));
    mask[i] = v != T(0);
  }
}

bool read_npy(const std::string& bytes, const std::string& path, const Grid& g, std::vector<std::uint8_t>& mask, std::string& error) {
  if (bytes.size() < 10 || bytes.compare(0, 6, "\x93NUMPY") != 0) {
    error = path + ": expected a NumPy .npy file (starting with \\x93NUMPY), found something else";
    return false;
  }
  // Format: https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html (versions 1-3;
  // 2 and 3 have a 4-byte header length). Every length is checked against the file's size before use.
  const int major = static_cast<unsigned char>(bytes[6]);
  if (major < 1 || major > 3) {
    error = path + ": expected .npy format version 1, 2 or 3, found version " + std::to_string(major) + "; save it with numpy.save";
    return false;
  }
  const size_t length_bytes = major == 1 ? 2 : 4, offset = 8 + length_bytes;
  size_t header_length = 0;
  if (bytes.size() >= offset)
    for (size_t i = 0; i < length_bytes; ++i) header_length |= size_t(static_cast<unsigned char>(bytes[8 + i])) << (8 * i);
  if (bytes.size() < offset || header_length > bytes.size() - offset) {
    error = path + ": the .npy header says it is " + std::to_string(header_length) + " bytes long, but the file has only " +
            std::to_string(bytes.size()) + " bytes; the file is truncated or not a .npy file";
    return false;
  }
  const std::string header = bytes.substr(offset, header_length);
  const std::string descr = header_field(header, "descr");
  if (header_field(header, "fortran_order") == "True") {
    error = path + ": expected a C-ordered array, found fortran_order True; save it with np.ascontiguousarray";
    return false;
  }
  std::vector<Index> expected;
  for (int a = g.dim() - 1; a >= 0; --a) expected.push_back(g.points(a));
  const std::vector<Index> shape = parse_shape(header_field(header, "shape"));
  if (shape != expected) {
    error = path + ": expected an array of shape " + shape_text(expected) + " (the grid's points, z y x order), found " + shape_text(shape);
    return false;
  }
  const char* data = bytes.data() + offset + header_length;
  const size_t count = size_t(g.size()), available = bytes.size() - offset - header_length;
  mask.assign(count, 0);
  struct Kind { const char* descr; size_t size; void (*read)(const char*, size_t, std::vector<std::uint8_t>&); };
  static const Kind kinds[] = {{"|b1", 1, nonzero<std::uint8_t>}, {"|u1", 1, nonzero<std::uint8_t>}, {"|i1", 1, nonzero<std::int8_t>},
                               {"<i4", 4, nonzero<std::int32_t>}, {"<i8", 8, nonzero<std::int64_t>}, {"<u4", 4, nonzero<std::uint32_t>},
                               {"<f4", 4, nonzero<float>}, {"<f8", 8, nonzero<double>}};
  for (const Kind& k : kinds)
    if (descr == k.descr) {
      if (available < count * k.size) {
        error = path + ": the file is truncated (" + std::to_string(available) + " bytes of data, expected " + std::to_string(count * k.size) + ")";
        return false;
      }
      k.read(data, count, mask);
      return true;
    }
  error = path + ": expected a bool, integer or float array (|b1, |u1, <i4, <i8, <f4, <f8...), found dtype '" + descr + "'";
  return false;
}

bool read_pgm(const std::string& bytes, const std::string& path, const Grid& g, std::vector<std::uint8_t>& mask, std::string& error) {
  if (g.dim() != 2) {
    error = path + ": a .pgm image is a 2D mask, but the domain is " + std::to_string(g.dim()) + "D; use a .npy array";
    return false;
  }
  // Format: Netpbm PGM (P5 binary, P2 plain), https://netpbm.sourceforge.net/doc/pgm.html.
  std::istringstream in(bytes);
  std::string magic;
  long width = 0, height = 0, maxval = 0;
  auto skip_comments = [&] {
    while (in >> std::ws && in.peek() == '#') in.ignore(1 << 20, '\n');
  };
  in >> magic;
  skip_comments(); in >> width; skip_comments(); in >> height; skip_comments(); in >> maxval;
  if ((magic != "P5" && magic != "P2") || width <= 0 || height <= 0 || maxval <= 0 || maxval > 65535) {
    error = path + ": expected a PGM image (P2 or P5 with width, height and maxval), found an invalid header";
    return false;
  }
  // The pixel count must fit in what the file holds (P5: 1 or 2 bytes a pixel; P2: at least a digit
  // and a separator) before anything is allocated for it.
  const double pixel_count = double(width) * double(height), remaining = double(bytes.size());
  if (pixel_count > (magic == "P5" ? remaining / (maxval < 256 ? 1.0 : 2.0) : remaining / 2.0)) {
    error = path + ": the image header says " + std::to_string(width) + " x " + std::to_string(height) + " pixels, more than the " +
            std::to_string(bytes.size()) + "-byte file holds; the image is truncated";
    return false;
  }
  std::vector<long> pixels(size_t(width) * size_t(height));
  if (magic == "P5") {
    in.get();
    // 16-bit samples are big-endian; read the two bytes in sequence (the operands of | are unordered).
    for (long& p : pixels) {
      const long high = in.get();
      p = maxval < 256 ? high : (high << 8) | in.get();
    }
  } else {
    for (long& p : pixels) in >> p;
  }
  if (!in) {
    error = path + ": the image is truncated (expected " + std::to_string(width * height) + " pixels)";
    return false;
  }
  mask.assign(size_t(g.size()), 0);
  for (Index j = 0; j < g.points(1); ++j)
    for (Index i = 0; i < g.points(0); ++i) {
      const long col = long((i + 0.5) * double(width) / double(g.points(0)));
      const long row = height - 1 - long((j + 0.5) * double(height) / double(g.points(1)));
      mask[size_t(j * g.points(0) + i)] = pixels[size_t(row * width + col)] * 2 < maxval;
    }
  return true;
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

bool read_mask_file(const std::string& path, const Grid& grid, std::vector<std::uint8_t>& mask, std::string& error) {
  const bool npy = ends_with(path, ".npy"), pgm = ends_with(path, ".pgm");
  if (!npy && !pgm) {
    error = path + ": expected a .npy array or a .pgm image as the obstacle file";
    return false;
  }
  // The largest file each format can need: a .npy of the grid's shape in 8-byte values after a header
  // (at most 64 KiB in practice; numpy writes about 128 bytes); a PGM up to 8192 x 8192 16-bit pixels.
  const std::size_t limit = npy ? (std::size_t(1) << 20) + 8 * std::size_t(grid.size()) : std::size_t(2) * 8192 * 8192 + 4096;
  std::string bytes;
  if (!read_regular_file(path, {"the obstacle file", limit, Links::Follow}, bytes, error)) return false;
  return npy ? read_npy(bytes, path, grid, mask, error) : read_pgm(bytes, path, grid, mask, error);
}

ProblemBuild build_problem_with_files(const Spec& spec) {
  if (spec.obstacle_file.empty()) return build_problem(spec);
  std::vector<std::uint8_t> mask;
  std::string error;
  if (!read_mask_file(spec.obstacle_file, Grid(spec.domain), mask, error)) {
    ProblemBuild failed;
    failed.issues.push_back({"domain.obstacle_file", error});
    return failed;
  }
  return build_problem(spec, &mask);
}

}  // namespace mfg::io
