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
        error(app.page("error")),
        tags(app.page("tags")),
        tag(app.page("tag")),
        author(app.page("author")),
        admin(app.page("admin")),
        admin_posts(app.page("admin_posts")),
        admin_post_form(app.page("admin_post_form")),
        admin_profile(app.page("admin_profile")),
        admin_comments(app.page("admin_comments")) {}
  web::Template index;
  web::Template post;
  web::Template comments;
  web::Template about;
  web::Template login;
  web::Template error;
  web::Template tags;
  web::Template tag;
  web::Template author;
  web::Template admin;
  web::Template admin_posts;
  web::Template admin_post_form;
  web::Template admin_profile;
  web::Template admin_comments;
};

}  // namespace folio
