#include "site/api_problem.hpp"

#include <nlohmann/json.hpp>

namespace folio {

bool is_api_path(std::string_view path) {
  return path == "/api" || path.starts_with("/api/");
}

web::Response problem_response(const web::HttpError& error, std::chrono::seconds retry_after) {
  const std::string_view reason = web::reason_phrase(error.status());
  const std::string_view message = error.what();
  nlohmann::json body = {{"type", "about:blank"},
                         {"title", reason},
                         {"status", web::code(error.status())},
                         {"detail", message.empty() ? reason : message}};
  const auto* problem = dynamic_cast<const ApiProblem*>(&error);
  if (problem != nullptr && !problem->errors().empty()) body["errors"] = problem->errors();
  web::Response r = web::json_response(body, error.status());
  r.set_content_type("application/problem+json");
  if (problem != nullptr) {
    for (const auto& [name, value] : problem->headers())
      r.set_header(name, value);
  }
  if (error.status() == web::Status::service_unavailable && !r.header("Retry-After"))
    r.set_header("Retry-After", std::to_string(retry_after.count()));
  return r;
}

ApiProblem unauthorized(std::string detail, bool token_sent) {
  std::string challenge = "Bearer realm=\"folio\"";
  if (token_sent) challenge += ", error=\"invalid_token\"";
  return ApiProblem(web::Status::unauthorized, std::move(detail), {},
                    {{"WWW-Authenticate", challenge}});
}

}  // namespace folio
