#include "site/access.hpp"

#include "site/site.hpp"
#include "util/text.hpp"

namespace folio {

bool wants_html(const web::Request& req) {
  const auto accept = req.header("Accept");
  return accept && accept->find("text/html") != std::string_view::npos;
}

std::string local_path_or(std::optional<std::string_view> next, std::string fallback) {
  if (!next || next->empty() || next->front() != '/' || next->starts_with("//") ||
      next->find('\\') != std::string_view::npos) {
    return fallback;
  }
  for (char c : *next) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return fallback;
  }
  return std::string(*next);
}

std::string login_url_back_to(const web::Request& req) {
  // A POST cannot be repeated by a redirect: come back to the page it came from instead.
  const std::string_view back = req.method() == web::Method::get ? req.target() : "/admin/";
  return "/login?next=" + url_encode(local_path_or(back, "/admin/"));
}

UserView Site::require_user(web::Request& req, bool admin_only, std::string_view refusal) {
  const auto user = current_user(req);
  if (!user) {
    if (wants_html(req)) {
      req.flash("Please log in to continue.");
      throw LoginRequired(login_url_back_to(req));
    }
    web::abort(web::Status::forbidden, std::string(refusal));
  }
  if (admin_only && !user->is_admin) web::abort(web::Status::forbidden, std::string(refusal));
  return *user;
}

}  // namespace folio
