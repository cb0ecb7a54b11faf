// App::handle, the whole request pipeline without the socket: decoding, static files,
// routing, CSRF, sessions, handlers and error pages. For any request it returns a response
// with a sane status, no header injection, no redirect off the site, and never a file from
// outside the static folder.
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.hpp"
#include "web/web.hpp"

namespace {

constexpr std::string_view kSecret = "FUZZ-SECRET-6b1f0c";

std::filesystem::path make_site() {
  const auto root =
      std::filesystem::temp_directory_path() / ("web-fuzz-" + std::to_string(::getpid()));
  std::filesystem::create_directories(root / "static" / "sub");
  std::ofstream(root / "secret.txt") << kSecret;
  std::ofstream(root / "static" / "style.css") << "body{}";
  std::ofstream(root / "static" / "sub" / "a.txt") << "a";
  return root;
}

web::App& app() {
  static const std::filesystem::path root = make_site();
  static web::App instance{web::Config{
      .secret_key = "fuzzing key",
      .static_dir = root / "static",
      .logger =
          std::make_shared<spdlog::logger>("fuzz", std::make_shared<spdlog::sinks::null_sink_mt>()),
  }};
  static const bool routes = [] {
    using web::Request;
    instance.get("/", [](Request& req) {
      return web::text(std::string(req.query("q").value_or("")) + req.csrf_token());
    });
    instance.route("/<int:post_id>/", {web::Method::get, web::Method::post},
                   [](Request& req, std::int64_t id) {
                     req.flash(std::string(req.form("content").value_or("")));
                     return web::redirect("/" + std::to_string(id) + "/");
                   });
    instance.get("/tags/<name>/", [](Request& req, std::string name) {
      req.session().set("last", name);
      return web::json_response({{"tag", name}, {"cookie", req.cookie("session").value_or("")}});
    });
    instance.post(
        "/api", [](Request& req) { return web::json_response(req.json()); },
        web::RouteOptions{.csrf_exempt = true});
    instance.get("/files/<path:rest>", [](Request&, std::string_view rest) -> web::Response {
      if (rest.size() % 2 == 0) web::abort(web::Status::gone, std::string(rest));
      throw std::runtime_error("odd");
    });
    return true;
  }();
  (void)routes;
  return instance;
}

// Splits the input into fields at '\n' (the last field takes the rest).
std::vector<std::string_view> fields(std::string_view input, std::size_t count) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i + 1 < count; ++i) {
    const std::size_t at = input.find('\n');
    out.push_back(input.substr(0, at));
    input = at == std::string_view::npos ? std::string_view{} : input.substr(at + 1);
  }
  out.push_back(input);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto method = static_cast<web::Method>(data[0] % 7);
  const auto parts = fields(std::string_view(reinterpret_cast<const char*>(data + 1), size - 1), 5);
  // target, Cookie, Content-Type, Origin, body
  std::vector<web::HeaderField> headers = {{"Host", "blog.example"}};
  if (!parts[1].empty()) headers.push_back({"Cookie", parts[1]});
  if (!parts[2].empty()) headers.push_back({"Content-Type", parts[2]});
  if (!parts[3].empty()) headers.push_back({"Origin", parts[3]});
  headers.push_back({"X-CSRF-Token", parts[3]});
  const web::Response response =
      app().handle(web::IncomingRequest{method, parts[0], headers, parts[4], "192.0.2.1"});

  const int status = web::code(response.status());
  FUZZ_CHECK(status >= 100 && status < 600);
  for (const auto& [name, value] : response.headers()) {
    FUZZ_CHECK(name.find_first_of("\r\n:") == std::string::npos);
    FUZZ_CHECK(value.find_first_of("\r\n") == std::string::npos);
    FUZZ_CHECK(value.find('\0') == std::string::npos);
    if (name == "Location") {
      FUZZ_CHECK(!value.empty() && value[0] == '/');
      FUZZ_CHECK(value.size() < 2 || (value[1] != '/' && value[1] != '\\'));
    }
  }
  FUZZ_CHECK(response.body().find(kSecret) == std::string::npos);
  return 0;
}
