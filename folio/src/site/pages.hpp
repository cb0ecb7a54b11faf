#pragma once
// The site's templates, looked up once at startup (a missing one fails then).

#include "site/site.hpp"
#include "web/web.hpp"

namespace folio {

struct Site::Pages {
  explicit Pages(const web::App& app)
      : index(app.page("index")),
        post(app.page("post")),
        comments(app.page("comments")),
        about(app.page("about")),
        login(app.page("login")),
        error(app.page("error")) {}
  web::Template index;
  web::Template post;
  web::Template comments;
  web::Template about;
  web::Template login;
  web::Template error;
};

}  // namespace folio
