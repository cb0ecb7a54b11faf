// The seed tutorial's blog (posts and comments, in memory) on web, for the HTTP tests.
#pragma once

#include <atomic>
#include <map>
#include <mutex>
#include <string>

#include "test_support.hpp"

namespace web::testing {

struct TutorialBlog {
  struct Comment {
    std::int64_t id;
    std::int64_t post_id;
    std::string content;
  };

  explicit TutorialBlog(Config config = {});

  // Counts handler runs, to prove refused requests never reach a handler.
  std::atomic<int> comment_posts{0};
  std::atomic<int> deletes{0};
  std::atomic<int> api_calls{0};

  mutable std::mutex mutex;
  std::map<std::int64_t, std::string> posts;  // id -> title
  std::map<std::int64_t, Comment> comments;
  std::int64_t next_comment = 1;

  std::unique_ptr<App> app;
  CapturedLog log;
};

// The test data folder (templates).
std::string data_dir();

}  // namespace web::testing
