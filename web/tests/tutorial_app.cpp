#include "tutorial_app.hpp"

#include <stdexcept>

namespace web::testing {

std::string data_dir() {
  return WEB_TEST_DATA_DIR;
}

TutorialBlog::TutorialBlog(Config config) {
  config.secret_key = config.secret_key.empty() ? "test secret key, long enough, not for production"
                                                : config.secret_key;
  config.templates_dir = data_dir() + "/templates";
  config.logger = log.logger;
  posts = {{1, "Post The First"}, {2, "Post The Second"}, {3, "Post The Third"}};
  comments = {{1, {1, 1, "Comment for the first post"}}};
  next_comment = 2;
  app = std::make_unique<App>(std::move(config));
  App& a = *app;
  const Template index = a.page("index");
  const Template post_page = a.page("post");
  const Template echo = a.page("echo");
  const Template error_page = a.page("error");

  a.get("/", [this, index](Request& req) {
    nlohmann::json view = {{"title", "Posts"}, {"posts", nlohmann::json::array()}};
    std::lock_guard lock(mutex);
    for (const auto& [id, title] : posts) {
      view["posts"].push_back({{"id", id}, {"title", title}, {"content", "Content of " + title}});
    }
    return req.render(index, view);
  });

  const auto post_view = [this](std::int64_t post_id) {
    std::lock_guard lock(mutex);
    const auto post = posts.find(post_id);
    if (post == posts.end())
      web::abort(Status::not_found, "There is no post " + std::to_string(post_id) + ".");
    nlohmann::json view = {
        {"title", post->second},
        {"post", {{"id", post_id}, {"title", post->second}, {"content", "..."}}}};
    view["post"]["comments"] = nlohmann::json::array();
    for (const auto& [id, comment] : comments) {
      if (comment.post_id == post_id) {
        view["post"]["comments"].push_back({{"id", id}, {"content", comment.content}});
      }
    }
    return view;
  };

  a.route("/<int:post_id>/", {Method::get, Method::post},
          [this, post_page, post_view](Request& req, std::int64_t post_id) -> Response {
            nlohmann::json view = post_view(post_id);
            if (req.method() == Method::post) {
              ++comment_posts;
              const std::string_view content = req.form("content").value_or("");
              if (content.empty()) {
                view["errors"] = {"Content is required."};
                return req.render(post_page, view, Status::unprocessable_entity);
              }
              {
                std::lock_guard lock(mutex);
                const std::int64_t id = next_comment++;
                comments[id] = Comment{id, post_id, std::string(content)};
              }
              req.flash("Comment added.");
              return redirect("/" + std::to_string(post_id) + "/");
            }
            return req.render(post_page, view);
          });

  a.get("/comments/", [this](Request&) {
    std::lock_guard lock(mutex);
    return text(std::to_string(comments.size()) + " comments");
  });

  a.post("/comments/<int:comment_id>/delete", [this](Request&, std::int64_t comment_id) {
    ++deletes;
    std::lock_guard lock(mutex);
    const auto found = comments.find(comment_id);
    if (found == comments.end()) web::abort(Status::not_found);
    const std::int64_t post_id = found->second.post_id;
    comments.erase(found);
    return redirect("/" + std::to_string(post_id) + "/");
  });

  a.get("/tags/<name>/", [](Request&, std::string name) { return text("tag:" + name); });
  a.get("/files/<path:rest>",
        [](Request&, std::string_view rest) { return text("file:" + std::string(rest)); });

  a.get("/echo", [echo](Request& req) {
    return req.render(echo, {{"title", "Echo"},
                             {"text", req.query("text").value_or("")},
                             {"html", trusted_html("<b>bold</b>")}});
  });
  a.get("/search", [](Request& req) {
    return text("q=" + std::string(req.query("q").value_or("")) +
                " pages=" + std::to_string(req.query_all("page").size()));
  });
  a.get("/boom", [](Request&) -> Response { throw std::runtime_error("kaboom: internal detail"); });
  a.get("/json", [](Request& req) {
    return json_response({{"path", req.path()}, {"client", req.client_address()}, {"ok", true}});
  });
  a.get("/cookies", [](Request& req) {
    Response response = text("theme=" + std::string(req.cookie("theme").value_or("none")));
    response.set_cookie("theme", "dark");
    response.set_cookie("visible", "1",
                        CookieOptions{.http_only = false, .same_site = SameSite::strict});
    return response;
  });
  a.get("/count", [](Request& req) {
    Session& session = req.session();
    const std::int64_t count =
        session.get("count") ? session.get("count")->get<std::int64_t>() + 1 : 1;
    session.set("count", count);
    return text(std::to_string(count));
  });
  a.get("/whoami", [](Request& req) {
    const auto* user = req.session().get("user");
    return text(user ? user->get<std::string>() : "anonymous");
  });
  a.get("/token", [](Request& req) { return text(req.csrf_token()); });
  a.post("/login", [](Request& req) {
    req.session().clear();
    req.session().rotate();
    req.session().set("user", std::string(req.form("user").value_or("")));
    return redirect("/whoami");
  });
  a.post(
      "/api/ping",
      [this](Request& req) {
        ++api_calls;
        return json_response({{"pong", req.json()}});
      },
      RouteOptions{.name = "api_ping", .csrf_exempt = true});
  // Exempt, but a request that relies on its session cookie is checked after all.
  a.post(
      "/api/note",
      [](Request& req) {
        if (!req.header("Authorization")) req.check_csrf();
        return text("noted");
      },
      RouteOptions{.name = "api_note", .csrf_exempt = true});
  a.del("/items/<int:id>",
        [](Request&, std::int64_t id) { return text("deleted " + std::to_string(id)); });
  a.get("/big", [](Request&) { return text(std::string(200 * 1024, 'x')); });
  a.post("/upload", [](Request& req) { return text("got " + std::to_string(req.body().size())); });

  a.set_error_page([error_page](Request& req, const HttpError& error) {
    return req.render(
        error_page,
        {{"title", "Error"}, {"status", code(error.status())}, {"message", error.what()}},
        error.status());
  });
}

}  // namespace web::testing
