#include "tools/render/atomic_file.h"

#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

#include <sys/stat.h>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

namespace accesspath {
namespace {

bool fail(std::string* why, const std::string& path, int error) {
  if (why) *why = "cannot write `" + path + "`: " + std::strerror(error);
  return false;
}

bool write_all(int fd, std::string_view content) {
  while (!content.empty()) {
    ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    content.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// Holds off SIGINT, SIGTERM and SIGHUP while it lives: between creating the temporary file and
// renaming it, a signal that ends the process (a second Ctrl-C) would leave the temporary file
// behind. Held off, it arrives once the file is complete or removed.
class DeferredSignals {
 public:
  DeferredSignals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    blocked_ = ::pthread_sigmask(SIG_BLOCK, &set, &previous_) == 0;
  }
  ~DeferredSignals() {
    if (blocked_) ::pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
  }
  DeferredSignals(const DeferredSignals&) = delete;
  DeferredSignals& operator=(const DeferredSignals&) = delete;

 private:
  sigset_t previous_{};
  bool blocked_ = false;
};

}  // namespace

bool write_file_atomically(const std::string& path, std::string_view content, std::string* why) {
  namespace fs = std::filesystem;
  DeferredSignals deferred;
  fs::path target(path);
  if (target.filename().empty()) return fail(why, path, EISDIR);
  std::error_code ec;
  if (fs::is_directory(target, ec)) return fail(why, path, EISDIR);
  fs::path dir = target.parent_path();
  std::string pattern =
      (dir.empty() ? fs::path(".") : dir) / ("." + target.filename().string() + ".tmp-XXXXXX");
  std::vector<char> temp(pattern.begin(), pattern.end());
  temp.push_back('\0');
  int fd = ::mkstemp(temp.data());
  if (fd < 0) return fail(why, path, errno);
  int error = 0;
  if (!write_all(fd, content) || ::fsync(fd) != 0) error = errno;
  // mkstemp creates 0600; a picture is an ordinary file (0666 less the umask).
  mode_t mask = ::umask(0);
  ::umask(mask);
  if (error == 0 && ::fchmod(fd, 0666 & ~mask) != 0) error = errno;
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error == 0 && std::rename(temp.data(), path.c_str()) != 0) error = errno;
  if (error != 0) {
    ::unlink(temp.data());
    return fail(why, path, error);
  }
  return true;
}

}  // namespace accesspath
