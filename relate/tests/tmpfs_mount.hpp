#pragma once
// A small tmpfs mounted on a fresh folder for one test, to run out of disk
// for real. Mounting needs root (or CAP_SYS_ADMIN); where it is refused,
// available() is false and reason() says why, for GTEST_SKIP.

#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

namespace relate_test {

class TmpfsMount {
 public:
  explicit TmpfsMount(const std::string& size) {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("tmpfs-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
    const std::string options = "size=" + size;
    if (::mount("tmpfs", path_.c_str(), "tmpfs", 0, options.c_str()) != 0) {
      reason_ = "cannot mount a tmpfs to fill (" + std::string(std::strerror(errno)) +
                "): run the tests as root, or with CAP_SYS_ADMIN, to test a full disk";
    }
  }
  ~TmpfsMount() {
    if (available()) ::umount2(path_.c_str(), MNT_DETACH);
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TmpfsMount(const TmpfsMount&) = delete;
  TmpfsMount& operator=(const TmpfsMount&) = delete;

  bool available() const noexcept { return reason_.empty(); }
  const std::string& reason() const noexcept { return reason_; }
  const std::filesystem::path& path() const noexcept { return path_; }

  // Writes a file until the file system has no room left (ENOSPC, first
  // for blocks, then for single bytes); returns its size.
  std::uintmax_t fill() {
    const int fd = ::open(filler().c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    if (fd < 0) return 0;
    const std::vector<char> block(65536, 'x');
    for (std::size_t size : {block.size(), std::size_t{1}}) {
      while (::write(fd, block.data(), size) > 0) {
      }
    }
    ::close(fd);
    return std::filesystem::file_size(filler());
  }
  // Frees what fill() took.
  void free() { std::filesystem::remove(filler()); }

 private:
  std::filesystem::path filler() const { return path_ / "filler"; }

  std::filesystem::path path_;
  std::string reason_;
};

}  // namespace relate_test
