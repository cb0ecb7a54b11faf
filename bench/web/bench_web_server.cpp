// The benchmark server: a blog index of 20 posts held in memory, rendered on every request
// through the router and the template engine into a ~17 KB page (with the layout, a partial,
// loops and escaping). Prints "listening <port>" once ready; stops on SIGINT/SIGTERM.
//
// The view (plain JSON data) is built once, from the in-memory rows, and rendered on every
// request: what is measured is routing, request parsing, rendering and escaping, and the
// response. Building a 20-post nlohmann::json view per request would add about 30 us (it is
// allocation-bound; measured separately), which is the handler's cost, not web's.
//
//   bench_web_server <templates_dir> [port] [threads]
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "web/web.hpp"

namespace {

struct Author {
  std::string username;
  std::string display_name;
};

struct Post {
  std::int64_t id;
  std::string title;
  std::string summary;
  std::string created_at;
  std::string created_on;
  const Author* author;
  std::vector<std::string> tags;
  int comment_count;
};

std::vector<Post> make_posts(const std::vector<Author>& authors) {
  static const std::vector<std::string> kTags = {
      "c++", "databases", "sqlite", "web", "orm", "flask", "relationships", "performance"};
  std::vector<Post> posts;
  for (std::int64_t i = 20; i >= 1; --i) {
    const auto n = static_cast<std::size_t>(i);
    posts.push_back(Post{
        .id = i,
        .title = "Post number " + std::to_string(i) + ": one-to-many relationships & <friends>",
        .summary = "A blog post about how a post has many comments, and how each comment "
                   "belongs to one post; with \"quotes\", ampersands & angle <brackets> that "
                   "the template must escape, and enough words to look like a real summary.",
        .created_at = "2022-04-" + std::to_string(10 + n % 18) + "T10:00:00Z",
        .created_on = "April " + std::to_string(10 + n % 18) + ", 2022",
        .author = &authors[n % authors.size()],
        .tags = {kTags[n % kTags.size()], kTags[(n + 3) % kTags.size()]},
        .comment_count = static_cast<int>(n % 7),
    });
  }
  return posts;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s <templates_dir> [port] [threads]\n", argv[0]);
    return 2;
  }
  const std::vector<Author> authors = {
      {"sammy", "Sammy Shark"}, {"abdelhadi", "Abdelhadi Dyouri"}, {"ada", "Ada Lovelace"}};
  const std::vector<Post> posts = make_posts(authors);

  web::App app{web::Config{.secret_key = "benchmark secret, not for production use",
                           .templates_dir = argv[1]}};
  const web::Template index = app.page("index");

  nlohmann::json list = nlohmann::json::array();
  for (const Post& post : posts) {
    list.push_back(
        {{"id", post.id},
         {"title", post.title},
         {"summary", post.summary},
         {"created_at", post.created_at},
         {"created_on", post.created_on},
         {"author",
          {{"username", post.author->username}, {"display_name", post.author->display_name}}},
         {"tags", post.tags},
         {"comment_count", post.comment_count}});
  }
  const nlohmann::json view = {{"title", "Posts"}, {"posts", std::move(list)}, {"older", 2}};
  app.get("/", [&view, index](web::Request& req) { return req.render(index, view); });
  // More routes, so that the router has something to search.
  app.get("/<int:post_id>/",
          [](web::Request&, std::int64_t id) { return web::text("post " + std::to_string(id)); });
  app.get("/comments/", [](web::Request&) { return web::text("comments"); });
  app.get("/tags/<name>/", [](web::Request&, std::string name) { return web::text(name); });
  app.get("/authors/<name>/", [](web::Request&, std::string name) { return web::text(name); });
  app.post("/comments/<int:comment_id>/delete",
           [](web::Request&, std::int64_t) { return web::redirect("/"); });

  web::ServerOptions options;
  options.port = static_cast<std::uint16_t>(argc > 2 ? std::atoi(argv[2]) : 0);
  options.threads = static_cast<unsigned>(argc > 3 ? std::atoi(argv[3]) : 0);
  options.access_log = false;  // nginx runs with access_log off too
  options.on_listening = [](std::uint16_t port) {
    std::printf("listening %u\n", static_cast<unsigned>(port));
    std::fflush(stdout);
  };
  web::Server server{app, options};
  server.run();
  return 0;
}
