#pragma once
// The JSON API's errors: application/problem+json (RFC 9457) bodies with
// status, title and detail, field errors for 422, and the headers some
// statuses need (WWW-Authenticate for 401, Retry-After for 429 and 503).

#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "web/web.hpp"

namespace folio {

// An API error with more than web::HttpError carries: field errors (field
// name -> message) and response headers. Thrown by API handlers; the site's
// error page turns it (and every other HttpError under /api/) into a
// problem response.
class ApiProblem : public web::HttpError {
 public:
  ApiProblem(web::Status status, std::string detail, std::map<std::string, std::string> errors = {},
             std::vector<std::pair<std::string, std::string>> headers = {})
      : web::HttpError(status, std::move(detail)),
        errors_(std::move(errors)),
        headers_(std::move(headers)) {}
  const std::map<std::string, std::string>& errors() const noexcept { return errors_; }
  const std::vector<std::pair<std::string, std::string>>& headers() const noexcept {
    return headers_;
  }

 private:
  std::map<std::string, std::string> errors_;
  std::vector<std::pair<std::string, std::string>> headers_;
};

// True for the API's paths ("/api" and everything under "/api/"), whose
// errors are problem+json rather than the HTML error page.
bool is_api_path(std::string_view path);

// The problem+json response for `error`: {"type": "about:blank", "title":
// the reason phrase, "status", "detail": the message (the reason phrase when
// empty), "errors" when an ApiProblem has field errors}, with an
// ApiProblem's headers, and Retry-After `retry_after` on a 503.
web::Response problem_response(const web::HttpError& error, std::chrono::seconds retry_after);

// 401 for a request without a usable token, with the WWW-Authenticate
// challenge RFC 6750 asks for (error="invalid_token" when one was sent).
ApiProblem unauthorized(std::string detail, bool token_sent);

}  // namespace folio
