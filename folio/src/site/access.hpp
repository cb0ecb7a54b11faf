#pragma once
// Who may use a page: sending a browser to the login page, 403 for others.

#include <string>

#include "web/web.hpp"

namespace folio {

// Thrown where a browser must log in first; the site's error page answers
// it with a 303 to location() (web::HttpError has no Location of its own).
class LoginRequired : public web::HttpError {
 public:
  explicit LoginRequired(std::string location)
      : web::HttpError(web::Status::see_other, "Please log in."), location_(std::move(location)) {}
  const std::string& location() const noexcept { return location_; }

 private:
  std::string location_;
};

// True for a request from a browser (it asks for HTML), which is sent to the
// login page rather than given a bare 403.
bool wants_html(const web::Request& req);

// "/login?next=<this page>" (a local path: the request's own target).
std::string login_url_back_to(const web::Request& req);

// A local path to go to: `next` when it is one ("/x", never "//host" or
// "https://..."), otherwise `fallback`.
std::string local_path_or(std::optional<std::string_view> next, std::string fallback);

}  // namespace folio
