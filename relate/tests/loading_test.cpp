// Loading strategies (lazy select, joined, selectin, peers, raise, noload),
// per relationship and per query, with the statements each one runs; the
// N+1 detector and statement budgets.

#include <gtest/gtest.h>

#include "loading_models.hpp"
#include "test_support.hpp"

using namespace relate;
using models::Author;
using models::Book;
using models::Comment;
using models::Post;

namespace {

class Loading : public relate_test::OrmTest {
 protected:
  void SetUp() override {
    OrmTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db.create_all<Author, Book>();
    // 100 posts with 3 comments each.
    auto s = db.session();
    for (int p = 1; p <= 100; ++p) {
      auto post = s.add(Post{.title = "Post " + std::to_string(p), .content = "x"});
      for (int c = 1; c <= 3; ++c)
        post->comments.append(make(Comment{.content = "c" + std::to_string(c)}));
    }
    s.commit();
    recorder.clear();
  }

  // Statements run by `f` in session `s`.
  template <class F>
  std::uint64_t statements_in(Session& s, F&& f) {
    const std::uint64_t before = s.statement_count();
    f();
    return s.statement_count() - before;
  }

  // Every post has its three comments, in order; counts the comments read.
  static std::size_t read_all(const std::vector<Ptr<Post>>& posts) {
    std::size_t n = 0;
    for (const auto& p : posts) {
      for (const auto& c : p->comments) {
        EXPECT_EQ(c->post.get(), p);
        ++n;
      }
    }
    return n;
  }
};
RELATE_INSTANTIATE_FOR_EVERY_BACKEND(Loading);

TEST_P(Loading, LazySelectOverAHundredPostsRunsOneStatementPerPost) {
  auto s = db.session();
  s.set_n_plus_one(NPlusOne::off);
  std::size_t comments = 0;
  const auto n = statements_in(s, [&] { comments = read_all(s.query<Post>().all()); });
  EXPECT_EQ(n, 101U);
  EXPECT_EQ(comments, 300U);
}

TEST_P(Loading, SelectinLoadsEveryCollectionWithOneMoreStatement) {
  auto s = db.session();
  std::vector<Ptr<Post>> posts;
  EXPECT_EQ(statements_in(s,
                          [&] {
                            posts = s.query<Post>()
                                        .options(selectinload(&Post::comments))
                                        .order_by(asc(&Post::id))
                                        .all();
                          }),
            2U);
  EXPECT_EQ(statements_in(s, [&] { EXPECT_EQ(read_all(posts), 300U); }), 0U);
  EXPECT_EQ(posts[0]->comments[2]->content, "c3");
  const auto in = recorder.starting_with("SELECT comment.");
  ASSERT_EQ(in.size(), 1U);
  EXPECT_NE(in[0].find("comment.post_id IN ("), std::string::npos) << in[0];
}

TEST_P(Loading, JoinedLoadsPostsAndCommentsInOneStatement) {
  auto s = db.session();
  std::vector<Ptr<Post>> posts;
  EXPECT_EQ(
      statements_in(s, [&] { posts = s.query<Post>().options(joinedload(&Post::comments)).all(); }),
      1U);
  EXPECT_EQ(posts.size(), 100U);  // one object per post, not per joined row
  EXPECT_EQ(statements_in(s, [&] { EXPECT_EQ(read_all(posts), 300U); }), 0U);
  ASSERT_EQ(recorder.statements().size(), 1U);
  EXPECT_NE(recorder.statements()[0].find("LEFT OUTER JOIN comment AS j1 ON j1.post_id = post.id"),
            std::string::npos)
      << recorder.statements()[0];
}

TEST_P(Loading, JoinedAppliesLimitAndOffsetToThePostsNotToTheJoinedRows) {
  auto s = db.session();
  const auto posts = s.query<Post>()
                         .options(joinedload(&Post::comments))
                         .order_by(desc(&Post::id))
                         .limit(5)
                         .offset(1)
                         .all();
  ASSERT_EQ(posts.size(), 5U);
  EXPECT_EQ(posts[0]->title, "Post 99");
  EXPECT_EQ(posts[4]->title, "Post 95");
  EXPECT_EQ(statements_in(s, [&] { EXPECT_EQ(read_all(posts), 15U); }), 0U);
  EXPECT_EQ(s.query<Post>().options(joinedload(&Post::comments)).first()->comments.size(), 3U);
}

TEST_P(Loading, PeerLoadingLoadsTheWholeResultOnFirstAccess) {
  auto s = db.session();
  std::vector<Ptr<Post>> posts;
  const auto n = statements_in(s, [&] {
    posts = s.query<Post>().options(peerload(&Post::comments)).all();
    EXPECT_EQ(read_all(posts), 300U);
  });
  EXPECT_EQ(n, 2U);
}

TEST_P(Loading, ManyToOneLoadsByEveryStrategy) {
  for (const auto& option :
       {selectinload(&Comment::post), joinedload(&Comment::post), peerload(&Comment::post)}) {
    auto s = db.session();
    std::vector<Ptr<Comment>> comments;
    const auto n = statements_in(s, [&] {
      comments = s.query<Comment>().options(option).all();
      for (const auto& c : comments)
        EXPECT_EQ(c->post->id, *c->post_id);
    });
    EXPECT_EQ(comments.size(), 300U);
    EXPECT_EQ(n, option.strategy == Load::joined ? 1U : 2U);
  }
}

TEST_P(Loading, RaiseloadNamesTheRelationshipAndTheOptionThatLoadsIt) {
  auto s = db.session();
  auto post = s.query<Post>().options(raiseload(&Post::comments)).first();
  try {
    (void)post->comments.size();
    FAIL() << "expected LazyLoadError";
  } catch (const LazyLoadError& e) {
    EXPECT_NE(std::string(e.what()).find("Post::comments"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("selectinload(&models::Post::comments)"),
              std::string::npos)
        << e.what();
  }
  // A many-to-one raises only when it needs SQL: not for a parent the
  // session holds.
  auto fresh = db.session();
  auto comments = fresh.query<Comment>()
                      .options(raiseload(&Comment::post))
                      .filter(col(&Comment::post_id).in({1, 2}))
                      .order_by(asc(&Comment::id))
                      .all();
  EXPECT_THROW((void)comments[0]->post.get(), LazyLoadError);
  auto loaded = fresh.get<Post>(2);
  EXPECT_EQ(comments[3]->post.get(), loaded);
}

TEST_P(Loading, NoloadLeavesTheRelationshipEmptyWithoutSql) {
  auto s = db.session();
  std::vector<Ptr<Post>> posts;
  const auto n = statements_in(s, [&] {
    posts = s.query<Post>().options(noload(&Post::comments)).all();
    EXPECT_EQ(read_all(posts), 0U);
  });
  EXPECT_EQ(n, 1U);
}

TEST_P(Loading, TheRelationshipsOwnStrategyAppliesToQueriesAndGet) {
  {
    auto s = db.session();
    auto ada = s.add(Author{.name = "Ada"});
    auto bob = s.add(Author{.name = "Bob"});
    s.add(Book{.title = "Notes", .author = ada});
    s.add(Book{.title = "Engines", .author = ada});
    s.add(Book{.title = "Flask 101", .author = bob});
    s.commit();
  }
  auto s = db.session();
  std::vector<Ptr<Author>> authors;
  EXPECT_EQ(statements_in(s, [&] { authors = s.query<Author>().order_by(asc(&Author::id)).all(); }),
            2U);
  EXPECT_EQ(statements_in(s,
                          [&] {
                            ASSERT_EQ(authors[0]->books.size(), 2U);
                            EXPECT_EQ(authors[0]->books[0]->title, "Engines");  // order_by title
                            EXPECT_EQ(authors[1]->books.size(), 1U);
                          }),
            0U);
  // A query option overrides it.
  auto lazy = db.session();
  EXPECT_EQ(statements_in(
                lazy, [&] { (void)lazy.query<Author>().options(lazyload(&Author::books)).all(); }),
            1U);
  // get() of one object loads it too.
  auto one = db.session();
  EXPECT_EQ(statements_in(one, [&] { EXPECT_EQ(one.get<Author>(1)->books.size(), 2U); }), 2U);
}

TEST_P(Loading, NPlusOneDetectorThrowsInStrictModeNamingTheFix) {
  auto s = db.session();
  s.set_n_plus_one(NPlusOne::raise, 5);
  auto posts = s.query<Post>().all();
  for (int i = 0; i < 4; ++i)
    (void)posts[static_cast<std::size_t>(i)]->comments.size();
  try {
    (void)posts[4]->comments.size();
    FAIL() << "expected NPlusOneError";
  } catch (const NPlusOneError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("Post::comments"), std::string::npos) << what;
    EXPECT_NE(what.find("5 of the 100"), std::string::npos) << what;
    EXPECT_NE(what.find("selectinload"), std::string::npos) << what;
  }
  // Loads of a single object are not N+1.
  auto single = db.session();
  single.set_n_plus_one(NPlusOne::raise, 2);
  for (std::int64_t id = 1; id <= 5; ++id)
    EXPECT_EQ(single.get<Post>(id)->comments.size(), 3U);
}

TEST_P(Loading, NPlusOneDetectorWarnsOncePerResultAndRelationship) {
  std::vector<std::string> warnings;
  db.on_warning([&](std::string_view w) { warnings.emplace_back(w); });
  auto s = db.session();
  EXPECT_EQ(read_all(s.query<Post>().all()), 300U);
  ASSERT_EQ(warnings.size(), 1U);
  EXPECT_NE(warnings[0].find("N+1 queries: models::Post::comments"), std::string::npos)
      << warnings[0];
  // Eager loading does not warn.
  warnings.clear();
  auto eager = db.session();
  EXPECT_EQ(read_all(eager.query<Post>().options(selectinload(&Post::comments)).all()), 300U);
  EXPECT_TRUE(warnings.empty());
}

TEST_P(Loading, StatementBudgetRefusesTheStatementThatExceedsIt) {
  auto s = db.session();
  {
    auto budget = s.budget(2);
    auto posts = s.query<Post>().limit(3).all();
    (void)posts[0]->comments.size();
    EXPECT_EQ(budget.used(), 2U);
    EXPECT_THROW((void)posts[1]->comments.size(), StatementBudgetExceeded);
  }
  // Outside the scope, statements run again.
  EXPECT_EQ(s.query<Post>().count(), 100);
  // An eager load counts too: a query with selectin is two statements.
  auto budget = s.budget(1);
  EXPECT_THROW((void)s.query<Post>()
                   .options(selectinload(&Post::comments))
                   .order_by(desc(&Post::id))
                   .limit(1)
                   .all(),
               StatementBudgetExceeded);
}

}  // namespace

namespace {

TEST_P(Loading, PerParentLimitLoadsEachPostsLatestCommentsInOneStatement) {
  auto s = db.session();
  std::vector<Ptr<Post>> posts;
  const auto n = statements_in(s, [&] {
    posts = s.query<Post>()
                .options(selectinload(&Post::comments, first(2, desc(&Comment::id))))
                .order_by(asc(&Post::id))
                .limit(10)
                .all();
  });
  EXPECT_EQ(n, 2U);
  ASSERT_EQ(posts.size(), 10U);
  EXPECT_EQ(statements_in(s,
                          [&] {
                            for (const auto& p : posts) {
                              ASSERT_EQ(p->comments.size(), 2U);
                              EXPECT_EQ(p->comments[0]->content, "c3");
                              EXPECT_EQ(p->comments[1]->content, "c2");
                            }
                          }),
            0U);
  const auto window = recorder.starting_with("SELECT comment.");
  ASSERT_EQ(window.size(), 1U);
  EXPECT_NE(
      window[0].find("row_number() OVER (PARTITION BY comment.post_id ORDER BY comment.id DESC)"),
      std::string::npos)
      << window[0];
}

}  // namespace
