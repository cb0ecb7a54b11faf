// StaticFiles: serves the files of one folder, and nothing outside it.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string_view>

#include "web/response.hpp"

namespace web::detail {

// The Content-Type for a file name, by extension ("application/octet-stream" when unknown;
// text types carry "; charset=utf-8").
std::string_view content_type_for(std::string_view file_name);

// Thread-safe: immutable after construction; each request reads the file system itself.
class StaticFiles {
 public:
  // Throws std::invalid_argument when root is not a folder.
  StaticFiles(const std::filesystem::path& root, std::chrono::seconds max_age);

  // Answers a GET or HEAD for relative, the percent-decoded path below the URL prefix:
  // 200 with the file, or 304 when the client's copy is current (If-None-Match, else
  // If-Modified-Since), with ETag, Last-Modified and Cache-Control either way. Throws
  // HttpError 404 for anything but a regular file inside the folder: segments that are empty,
  // ".", "..", hidden (".git"), or hold '\' or NUL are refused before the file system is
  // touched, and a symlink leading out of the folder is refused after resolving it.
  Response serve(std::string_view relative, std::optional<std::string_view> if_none_match,
                 std::optional<std::string_view> if_modified_since) const;

 private:
  std::filesystem::path root_;  // canonical
  std::chrono::seconds max_age_;
};

}  // namespace web::detail
