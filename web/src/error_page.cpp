#include "error_page.hpp"

#include "template_engine.hpp"

namespace web::detail {

Response builtin_error_page(Status status, std::string_view message) {
  std::string title = std::to_string(code(status));
  title += ' ';
  title += reason_phrase(status);
  std::string body = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>";
  body += title;
  body += "</title></head>\n<body><h1>";
  body += title;
  body += "</h1>\n";
  if (!message.empty() && message != reason_phrase(status)) {
    body += "<p>";
    append_html_escaped(body, message);
    body += "</p>\n";
  }
  body += "</body></html>\n";
  return html(std::move(body), status);
}

}  // namespace web::detail
