#include "web/request.hpp"

#include <chrono>

#include "app_impl.hpp"
#include "csrf.hpp"
#include "decode.hpp"
#include "text_util.hpp"
#include "web/http_error.hpp"

namespace web {
namespace {

std::optional<std::string_view> first(const Params& params, std::string_view name) {
  for (const auto& [key, value] : params) {
    if (key == name) return value;
  }
  return std::nullopt;
}

std::vector<std::string_view> all(const Params& params, std::string_view name) {
  std::vector<std::string_view> values;
  for (const auto& [key, value] : params) {
    if (key == name) values.push_back(value);
  }
  return values;
}

// Deeper than this, a JSON body is refused: parsing is iterative, but serialising (echoing it
// back with json_response) recurses once per level.
constexpr int kMaxJsonDepth = 64;

bool json_nesting_within(std::string_view text, int limit) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return false;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return true;
}

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// What templates see besides their view. Values are made on first use: a page that never
// shows a form never creates a session.
class RequestGlobals final : public detail::TemplateGlobals {
 public:
  RequestGlobals(Request& request, std::optional<nlohmann::json>& csrf,
                 std::optional<nlohmann::json>& flashes)
      : request_(request), csrf_(csrf), flashes_(flashes) {}

  const nlohmann::json* find(std::string_view name) override {
    if (name == "csrf_token") {
      if (!csrf_) csrf_ = csrf_value();
      return &*csrf_;
    }
    if (name == "flashes") {
      if (!flashes_) flashes_ = request_.take_flashes();
      return &*flashes_;
    }
    return nullptr;
  }

 private:
  // The session's token; "" for a browser without a session, whose form is then checked by
  // its Origin (check_csrf), so that a page is the same bytes for every such visitor and
  // creates no session.
  std::string csrf_value() {
    if (RequestAccess::existing_session(request_) == nullptr) return {};
    return request_.csrf_token();
  }

  Request& request_;
  std::optional<nlohmann::json>& csrf_;
  std::optional<nlohmann::json>& flashes_;
};

}  // namespace

Request::Request(const App& app, const IncomingRequest& incoming) : app_(&app), in_(incoming) {}

std::optional<std::string_view> Request::query(std::string_view name) const {
  return first(query_, name);
}
std::vector<std::string_view> Request::query_all(std::string_view name) const {
  return all(query_, name);
}
std::optional<std::string_view> Request::form(std::string_view name) const {
  return first(form_, name);
}
std::vector<std::string_view> Request::form_all(std::string_view name) const {
  return all(form_, name);
}

std::optional<std::string_view> Request::header(std::string_view name) const {
  for (const HeaderField& field : in_.headers) {
    if (detail::iequals(field.name, name)) return field.value;
  }
  return std::nullopt;
}

std::optional<std::string_view> Request::cookie(std::string_view name) const {
  for (const auto& [key, value] : cookies_) {
    if (key == name) return value;
  }
  return std::nullopt;
}

nlohmann::json Request::json() const {
  const std::string_view type = header("Content-Type").value_or("");
  if (!detail::iequals(detail::trim_ows(type.substr(0, type.find(';'))), "application/json")) {
    throw HttpError(Status::unsupported_media_type, "the body must be application/json");
  }
  if (!json_nesting_within(in_.body, kMaxJsonDepth)) {
    throw HttpError(Status::bad_request, "the JSON body is nested too deeply");
  }
  nlohmann::json value = nlohmann::json::parse(in_.body, nullptr, false);
  if (value.is_discarded()) throw HttpError(Status::bad_request, "the body is not valid JSON");
  return value;
}

Session& Request::session() {
  if (Session* existing = RequestAccess::existing_session(*this)) return *existing;
  session_ = SessionAccess::make_new();
  return *session_;
}

std::string Request::csrf_token() {
  return detail::mask_csrf_token(SessionAccess::csrf_secret(session()));
}

void Request::check_csrf() {
  const Config& config = app_->config();
  const detail::Provenance from = detail::provenance_of(header("Origin"), header("Sec-Fetch-Site"),
                                                        header("Host"), config.trusted_origins);
  if (from == detail::Provenance::cross_site)
    throw HttpError(Status::forbidden, "Cross-site request refused.");
  // A page cannot make its browser say that it comes from this site: that is the defence,
  // with or without a session (a visitor's page has no token to give, csrf_value).
  if (from == detail::Provenance::same_origin) return;
  // The browser says nothing (one from before 2020, or not a browser): the token decides.
  std::optional<std::string_view> token = form(detail::kCsrfField);
  if (!token) token = header(detail::kCsrfHeader);
  Session* session = RequestAccess::existing_session(*this);
  if (!token && session == nullptr) {
    // It came from a page without a token: a session now (the 403 sets its cookie) gives
    // the reloaded page one.
    this->session();
    throw HttpError(Status::forbidden,
                    "The CSRF token is missing. Reload the page and submit the form again.");
  }
  if (!token) throw HttpError(Status::forbidden, "The CSRF token is missing.");
  if (session == nullptr ||
      !detail::verify_csrf_token(*token, SessionAccess::csrf_secret(*session))) {
    throw HttpError(Status::forbidden,
                    "The CSRF token is invalid or has expired. Reload the page and try again.");
  }
}

void Request::flash(std::string message, std::string category) {
  Session& s = session();
  nlohmann::json flashes = s.get("_flashes") ? *s.get("_flashes") : nlohmann::json::array();
  flashes.push_back({{"category", std::move(category)}, {"message", std::move(message)}});
  s.set("_flashes", std::move(flashes));
}

nlohmann::json Request::take_flashes() {
  Session* s = RequestAccess::existing_session(*this);
  const nlohmann::json* stored = s ? s->get("_flashes") : nullptr;
  if (stored == nullptr) return nlohmann::json::array();
  nlohmann::json flashes = *stored;
  s->erase("_flashes");
  return flashes;
}

std::string Request::render_to_string(const Template& page, const nlohmann::json& view) {
  RequestGlobals globals(*this, csrf_value_, flashes_value_);
  std::string out;
  if (page.layout_ != nullptr) {
    page.layout_->render(view, &globals, page.page_, out);
  } else {
    page.page_->render(view, &globals, nullptr, out);
  }
  page.page_->record_size(out.size());
  return out;
}

Response Request::render(const Template& page, const nlohmann::json& view, Status status) {
  return html(render_to_string(page, view), status);
}

void RequestAccess::decode(Request& request) {
  const std::string_view target = request.in_.target;
  if (target.empty() || target.front() != '/') {
    throw HttpError(Status::bad_request, "the request target must be a path starting with '/'");
  }
  const std::size_t question = target.find('?');
  request.raw_path_ = target.substr(0, question);
  request.raw_query_ =
      question == std::string_view::npos ? std::string_view{} : target.substr(question + 1);
  switch (detail::percent_decode(request.raw_path_, false, request.path_)) {
    case detail::DecodeResult::ok:
      break;
    case detail::DecodeResult::bad_escape:
      throw HttpError(Status::bad_request,
                      "invalid percent-encoding in the URL path: '%' must be followed by two "
                      "hexadecimal digits");
    case detail::DecodeResult::bad_utf8:
      throw HttpError(Status::bad_request, "the URL path is not valid UTF-8 once decoded");
  }
  if (request.path_.find('\0') != std::string::npos) {
    throw HttpError(Status::bad_request, "the URL path contains a NUL byte");
  }
  if (auto error = detail::parse_urlencoded(request.raw_query_, "query string", request.query_)) {
    throw HttpError(Status::bad_request, std::move(*error));
  }
  for (const HeaderField& field : request.in_.headers) {
    if (detail::iequals(field.name, "Cookie")) {
      detail::parse_cookie_header(field.value, request.cookies_);
    }
  }
  const std::string_view type = request.header("Content-Type").value_or("");
  if (!request.in_.body.empty() && detail::iequals(detail::trim_ows(type.substr(0, type.find(';'))),
                                                   "application/x-www-form-urlencoded")) {
    if (auto error = detail::parse_urlencoded(request.in_.body, "form body", request.form_,
                                              detail::Nul::keep)) {
      throw HttpError(Status::bad_request, std::move(*error));
    }
  }
}

Session* RequestAccess::existing_session(Request& request) {
  if (request.session_) return &*request.session_;
  const detail::AppState& app = RequestAccess::app(request);
  const auto value = request.cookie(app.config.session_cookie_name);
  if (!value) return nullptr;
  request.session_ = app.session_codec->decode(*value, app.config.session_max_age, unix_now());
  return request.session_ ? &*request.session_ : nullptr;
}

}  // namespace web
