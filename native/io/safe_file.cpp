#include "safe_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace mfg::io {

namespace {

const char* kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISLNK(mode)) return "a symbolic link";
  return "not a regular file";
}

std::string open_failure(const std::string& path, const ReadRequest& request, int code) {
  const std::string head = path + ": could not read " + request.what + ": ";
  if (code == ELOOP) return head + "it is a symbolic link, and links are not followed here; copy the file itself in place of the link";
  if (code == ENOENT) return head + "no such file; check the path";
  if (code == EACCES) return head + "permission denied; check the file's permissions";
  return head + std::strerror(code);
}

bool read_descriptor(int fd, std::size_t size, std::string& out) {
  out.resize(size);
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::read(fd, &out[done], size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += std::size_t(n);
  }
  out.resize(done);  // a file that shrank while being read is simply shorter: the parser reports it
  return true;
}

}  // namespace

std::string format_size(std::size_t bytes) {
  const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
  double value = double(bytes);
  int unit = 0;
  while (value >= 1024.0 && unit < 4) value /= 1024.0, ++unit;
  char text[48];
  std::snprintf(text, sizeof text, unit == 0 ? "%.0f %s" : "%.1f %s", value, units[unit]);
  return text;
}

bool read_regular_file(const std::string& path, const ReadRequest& request, std::string& out, std::string& error) {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever. Regular files
  // ignore the flag, and anything else is refused below before a single byte is read.
  const int flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | (request.links == Links::Refuse ? O_NOFOLLOW : 0);
  const int fd = ::open(path.c_str(), flags);
  if (fd < 0) {
    error = open_failure(path, request, errno);
    return false;
  }
  struct stat info {};
  bool ok = ::fstat(fd, &info) == 0;
  if (!ok) {
    error = path + ": could not read " + request.what + ": " + std::strerror(errno);
  } else if (!S_ISREG(info.st_mode)) {
    error = path + ": expected " + request.what + " to be a regular file, found " + kind_of(info.st_mode) + "; give the path of a file";
    ok = false;
  } else if (std::size_t(info.st_size) > request.max_bytes) {
    error = path + ": " + request.what + " is " + format_size(std::size_t(info.st_size)) + ", more than the " + format_size(request.max_bytes) +
            " it can need; check that this is the right file";
    ok = false;
  } else {
    ok = read_descriptor(fd, std::size_t(info.st_size), out);
  }
  ::close(fd);
  return ok;
}

bool read_stream_limited(std::FILE* stream, const ReadRequest& request, std::string& out, std::string& error) {
  out.clear();
  char buffer[65536];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, stream)) > 0) {
    if (out.size() + n > request.max_bytes) {
      error = "standard input: " + request.what + " is more than the " + format_size(request.max_bytes) + " it can need; check what is piped in";
      return false;
    }
    out.append(buffer, n);
  }
  return true;
}

int open_for_writing(const std::string& path, std::string& error) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0)
    error = "could not write " + path + ": " +
            (errno == ELOOP ? std::string("a symbolic link is in its place; remove it (run files are never written through links)") : std::strerror(errno));
  return fd;
}

bool write_all(int fd, const void* data, std::size_t size) {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = ::write(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= std::size_t(n);
  }
  return true;
}

}  // namespace mfg::io
