// HttpError: how a handler stops with an error status (Flask's abort()).
#pragma once

#include <stdexcept>
#include <string>

#include "web/status.hpp"

namespace web {

// Thrown (by handlers, or by web itself for a malformed request) to answer with an error page.
// The App turns it into a response through its error page renderer (App::set_error_page).
// what() is a message safe to show to the client: it is escaped, never treated as HTML.
class HttpError : public std::runtime_error {
 public:
  explicit HttpError(Status status, std::string message = {});
  Status status() const noexcept { return status_; }

 private:
  Status status_;
};

// Throws HttpError{status, message}. For handlers: `if (!post) web::abort(Status::not_found);`.
[[noreturn]] void abort(Status status, std::string message = {});

}  // namespace web
