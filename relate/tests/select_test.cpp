// select(): columns, expressions and aggregates as tuples, with group_by,
// having, distinct, order_by and limit; one statement each.

#include <gtest/gtest.h>

#include "test_support.hpp"

using namespace relate;
using models::Account;
using models::Comment;
using models::Post;
using relate_test::OrmTest;

using Select = OrmTest;
RELATE_INSTANTIATE_FOR_EVERY_BACKEND(Select);

namespace {

// Posts "post 1".."post n"; post i has i - 1 comments (post 1 none).
void add_posts_with_comments(Database& db, int n) {
  auto s = db.session();
  for (int i = 1; i <= n; ++i) {
    auto post = s.add(Post{.title = "post " + std::to_string(i), .content = "c"});
    for (int k = 1; k < i; ++k)
      s.add(Comment{.author = k % 2 ? "ann" : "bob", .content = "comment", .post = post});
  }
  s.commit();
}

}  // namespace

TEST_P(Select, APageOfPostsWithTheirCommentCountsIsOneStatement) {
  add_posts_with_comments(db, 12);
  auto s = db.session();
  recorder.clear();
  const auto before = s.statement_count();
  auto budget = s.budget(1);
  const std::vector<std::tuple<std::int64_t, std::string, std::int64_t>> rows =
      s.select(col(&Post::id), col(&Post::title), count(col(&Comment::id)))
          .outer_join(&Post::comments)
          .group_by(col(&Post::id), col(&Post::title))
          .order_by(asc(&Post::id))
          .limit(10)
          .all();
  EXPECT_EQ(s.statement_count() - before, 1U);
  EXPECT_EQ(recorder.statements(),
            (std::vector<std::string>{
                sql("SELECT post.id, post.title, count(comment.id) FROM post LEFT OUTER JOIN "
                    "comment ON comment.post_id = post.id GROUP BY post.id, post.title ORDER BY "
                    "post.id LIMIT ?")}));
  ASSERT_EQ(rows.size(), 10U);
  EXPECT_EQ(rows[0], std::make_tuple(std::int64_t{1}, std::string("post 1"), std::int64_t{0}));
  EXPECT_EQ(rows[9], std::make_tuple(std::int64_t{10}, std::string("post 10"), std::int64_t{9}));
}

TEST_P(Select, OneColumnIsATupleOfOneOrScalars) {
  add_posts_with_comments(db, 3);
  auto s = db.session();
  const std::vector<std::tuple<std::string>> rows =
      s.select(col(&Post::title)).order_by(desc(&Post::id)).all();
  EXPECT_EQ(rows, (std::vector<std::tuple<std::string>>{{"post 3"}, {"post 2"}, {"post 1"}}));
  const std::vector<std::string> titles =
      s.select(col(&Post::title)).order_by(asc(&Post::id)).scalars();
  EXPECT_EQ(titles, (std::vector<std::string>{"post 1", "post 2", "post 3"}));
}

TEST_P(Select, AggregatesOverEveryRow) {
  auto s = db.session();
  for (int i = 1; i <= 4; ++i)
    s.add(Account{.username = "u" + std::to_string(i), .logins = i, .score = i * 0.5});
  s.commit();
  const auto [n, total, mean, low, high] =
      s.select(count(), sum(col(&Account::logins)), avg(col(&Account::logins)),
               min(col(&Account::score)), max(col(&Account::username)))
          .one();
  static_assert(std::is_same_v<decltype(n), const std::int64_t>);
  static_assert(std::is_same_v<decltype(total), const std::optional<std::int64_t>>);
  static_assert(std::is_same_v<decltype(mean), const std::optional<double>>);
  static_assert(std::is_same_v<decltype(low), const std::optional<double>>);
  static_assert(std::is_same_v<decltype(high), const std::optional<std::string>>);
  EXPECT_EQ(n, 4);
  EXPECT_EQ(total, 10);
  EXPECT_DOUBLE_EQ(mean.value(), 2.5);
  EXPECT_DOUBLE_EQ(low.value(), 0.5);
  EXPECT_EQ(high, "u4");
}

TEST_P(Select, AggregatesWithoutRowsAreNullButCountIsZero) {
  auto s = db.session();
  const auto [n, total, mean, high] =
      s.select(count(col(&Account::id)), sum(col(&Account::score)), avg(col(&Account::logins)),
               max(col(&Account::logins)))
          .one();
  EXPECT_EQ(n, 0);
  EXPECT_EQ(total, std::nullopt);
  EXPECT_EQ(mean, std::nullopt);
  EXPECT_EQ(high, std::nullopt);
  EXPECT_EQ(std::get<0>(s.select(coalesce(sum(col(&Account::logins)), 0)).one()), 0);
}

TEST_P(Select, HavingKeepsTheGroupsThatMatch) {
  add_posts_with_comments(db, 6);
  auto s = db.session();
  recorder.clear();
  const auto rows = s.select(col(&Comment::post_id), count())
                        .group_by(col(&Comment::post_id))
                        .having(count() >= 4)
                        .order_by(desc(count()))
                        .all();
  EXPECT_EQ(recorder.statements(),
            (std::vector<std::string>{
                sql("SELECT comment.post_id, count(*) FROM comment GROUP BY comment.post_id "
                    "HAVING count(*) >= ? ORDER BY count(*) DESC")}));
  EXPECT_EQ(rows,
            (std::vector<std::tuple<std::optional<std::int64_t>, std::int64_t>>{{6, 5}, {5, 4}}));
}

TEST_P(Select, CountDistinctAndDistinct) {
  add_posts_with_comments(db, 5);
  auto s = db.session();
  EXPECT_EQ(std::get<0>(s.select(count_distinct(col(&Comment::author))).one()), 2);
  recorder.clear();
  const std::vector<std::string> authors =
      s.select(col(&Comment::author)).distinct().order_by(asc(&Comment::author)).scalars();
  EXPECT_EQ(authors, (std::vector<std::string>{"ann", "bob"}));
  EXPECT_EQ(recorder.statements().front(),
            "SELECT DISTINCT comment.author FROM comment ORDER BY comment.author");
}

TEST_P(Select, FiltersAndOrdersOnTheJoinedModel) {
  add_posts_with_comments(db, 4);
  auto s = db.session();
  const auto rows = s.select(col(&Post::title), count(col(&Comment::id)))
                        .join(&Post::comments)
                        .filter(col(&Comment::author) == "ann")
                        .group_by(col(&Post::title))
                        .order_by(desc(count(col(&Comment::id))), asc(&Post::title))
                        .all();
  // post 4 has comments 1..3 (ann, bob, ann); post 3: ann, bob; post 2: ann.
  EXPECT_EQ(rows, (std::vector<std::tuple<std::string, std::int64_t>>{
                      {"post 4", 2}, {"post 2", 1}, {"post 3", 1}}));
}

TEST_P(Select, FirstOneAndErrors) {
  add_posts_with_comments(db, 2);
  auto s = db.session();
  EXPECT_EQ(s.select(col(&Post::title)).order_by(asc(&Post::id)).first(),
            std::make_tuple(std::string("post 1")));
  EXPECT_EQ(s.select(col(&Post::title)).filter(col(&Post::id) == 99).first(), std::nullopt);
  EXPECT_THROW(s.select(col(&Post::title)).one(), MultipleResultsFound);
  EXPECT_THROW(s.select(col(&Post::title)).filter(col(&Post::id) == 99).one(), NoResultFound);
  // A NULL read into a type that cannot hold it is a DataError, not a crash.
  EXPECT_THROW(s.select(col(&Post::id), col(&Comment::id))
                   .outer_join(&Post::comments)
                   .filter(col(&Post::id) == 1)
                   .all(),
               DataError);
  // A statement made without a session runs only as a subquery.
  EXPECT_THROW(relate::select(col(&Post::id)).all(), InvalidRequestError);
}

TEST_P(Select, AutoflushesFirst) {
  auto s = db.session();
  s.add(Post{.title = "pending", .content = ""});
  EXPECT_EQ(s.select(col(&Post::title)).scalars(), (std::vector<std::string>{"pending"}));
}
