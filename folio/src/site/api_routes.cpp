// The JSON API under /api/ (docs/api.md): the routes of api_reading.cpp,
// api_writing.cpp and api_commenting.cpp, and the OpenAPI document. Its
// errors are problem+json (site.cpp's error page hands /api/ paths to
// api_problem.hpp).

#include <filesystem>
#include <fstream>
#include <sstream>

#include "site/api_context.hpp"
#include "site/site.hpp"

namespace folio {

namespace {

// The OpenAPI 3.1 document, read and parsed once at startup: a broken one
// stops the site from starting rather than being served.
std::string openapi_document(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read the OpenAPI document " + file.string());
  std::stringstream text;
  text << in.rdbuf();
  const nlohmann::json parsed = nlohmann::json::parse(text.str(), nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object())
    throw std::runtime_error("the OpenAPI document " + file.string() + " is not a JSON object");
  return parsed.dump(2) + "\n";
}

}  // namespace

void Site::add_api_routes() {
  const ApiContext api{
      .store = store_,
      .comment_limiter = comment_limiter_,
      .moderation = moderation_,
      .session_user = [this](web::Request& req) { return current_user(req); },
      .client_of = [this](const web::Request& req) { return client_of(req); },
      .app = app_,
  };
  add_api_reading_routes(app_, api);
  add_api_writing_routes(app_, api);
  add_api_comment_routes(app_, api);

  std::string openapi = openapi_document(app_.config().static_dir / "api" / "openapi.json");
  app_.get("/api/openapi.json",
           [openapi = std::move(openapi)](web::Request&) {
             web::Response r(web::Status::ok);
             r.set_content_type("application/json");
             r.set_body(openapi);
             return r;
           },
           {.name = "api_openapi"});
}

}  // namespace folio
