// One safe way to read a file the user, a run directory or a remote machine gave us (issue 12):
// open without blocking (a FIFO must not hang the solver), require a regular file (not a directory,
// device, FIFO or socket), refuse files larger than what their format can need (/dev/zero or a huge
// file must not exhaust memory), and inside run directories follow no symbolic links.
// The write side: never write through a link that someone placed where a run file goes.
#pragma once

#include <cstddef>
#include <string>

namespace mfg::io {

enum class Links { Follow, Refuse };

struct ReadRequest {
  std::string what;                  // "the spec file", "the obstacle file": named in every message
  std::size_t max_bytes = 0;         // refuse files larger than this
  Links links = Links::Follow;       // Refuse: the last path component must not be a symbolic link
};

// Reads the whole regular file at `path` into `out`. On failure returns false with `error` naming the
// path, what was expected, what was found, and what to do.
bool read_regular_file(const std::string& path, const ReadRequest& request, std::string& out, std::string& error);

// Reads standard input up to `max_bytes` (for `mfg-solve -`).
bool read_stream_limited(std::FILE* stream, const ReadRequest& request, std::string& out, std::string& error);

// Opens `path` for writing (created 0644, truncated), refusing to follow a symbolic link in its last
// component. Returns the descriptor, or -1 with `error` set.
int open_for_writing(const std::string& path, std::string& error);

// Writes all of `size` bytes to `fd` (retrying on EINTR and short writes).
bool write_all(int fd, const void* data, std::size_t size);

std::string format_size(std::size_t bytes);

}  // namespace mfg::io
