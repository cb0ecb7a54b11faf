#include "static_files.hpp"

#include <sys/stat.h>

#include <array>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <utility>

#include "http_date.hpp"
#include "text_util.hpp"
#include "web/conditional.hpp"
#include "web/http_error.hpp"

namespace web::detail {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 22> kTypes = {{
    {".html", "text/html; charset=utf-8"},
    {".htm", "text/html; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".json", "application/json"},
    {".map", "application/json"},
    {".txt", "text/plain; charset=utf-8"},
    {".xml", "application/xml"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".gif", "image/gif"},
    {".webp", "image/webp"},
    {".avif", "image/avif"},
    {".ico", "image/x-icon"},
    {".woff", "font/woff"},
    {".woff2", "font/woff2"},
    {".pdf", "application/pdf"},
    {".wasm", "application/wasm"},
    {".webmanifest", "application/manifest+json"},
}};

bool safe_relative_path(std::string_view relative) {
  if (relative.empty()) return false;
  while (true) {
    const std::size_t slash = relative.find('/');
    const std::string_view segment = relative.substr(0, slash);
    // Empty, ".", ".." and hidden segments all start with '.' or are empty.
    if (segment.empty() || segment.front() == '.') return false;
    for (char c : segment) {
      if (c == '\\' || c == '\0') return false;
    }
    if (slash == std::string_view::npos) return true;
    relative.remove_prefix(slash + 1);
  }
}

}  // namespace

std::string_view content_type_for(std::string_view file_name) {
  const std::size_t dot = file_name.rfind('.');
  if (dot != std::string_view::npos) {
    const std::string_view extension = file_name.substr(dot);
    for (const auto& [known, type] : kTypes) {
      if (iequals(extension, known)) return type;
    }
  }
  return "application/octet-stream";
}

StaticFiles::StaticFiles(const std::filesystem::path& root, std::chrono::seconds max_age)
    : max_age_(max_age) {
  std::error_code error;
  if (!std::filesystem::is_directory(root, error)) {
    throw std::invalid_argument("static folder '" + root.string() + "' does not exist");
  }
  root_ = std::filesystem::canonical(root);
}

Response StaticFiles::serve(std::string_view relative,
                            std::optional<std::string_view> if_none_match,
                            std::optional<std::string_view> if_modified_since) const {
  if (!safe_relative_path(relative)) throw HttpError(Status::not_found);
  std::error_code error;
  const std::filesystem::path resolved =
      std::filesystem::canonical(root_ / std::filesystem::path(relative), error);
  if (error) throw HttpError(Status::not_found);
  // Symlinks inside the folder may lead anywhere: the resolved path must still be inside.
  const auto [root_end, ignored] =
      std::mismatch(root_.begin(), root_.end(), resolved.begin(), resolved.end());
  if (root_end != root_.end()) throw HttpError(Status::not_found);

  struct stat info {};
  if (::stat(resolved.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) {
    throw HttpError(Status::not_found);
  }
  std::ostringstream etag_text;
  etag_text << '"' << std::hex << info.st_size << '-' << info.st_mtim.tv_sec << '.'
            << info.st_mtim.tv_nsec << '"';
  const std::string etag = etag_text.str();

  Response response(Status::ok);
  response.set_header("ETag", etag);
  response.set_header("Last-Modified", format_http_date(info.st_mtim.tv_sec));
  response.set_header("Cache-Control", "public, max-age=" + std::to_string(max_age_.count()));
  if (client_copy_is_current(if_none_match, if_modified_since, etag, info.st_mtim.tv_sec)) {
    response.set_status(Status::not_modified);
    return response;
  }
  std::ifstream file(resolved, std::ios::binary);
  std::ostringstream body;
  body << file.rdbuf();
  if (!file) throw HttpError(Status::not_found);
  response.set_content_type(std::string(content_type_for(resolved.filename().native())));
  response.set_body(std::move(body).str());
  return response;
}

}  // namespace web::detail
