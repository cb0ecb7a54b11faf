// Query<T>::paginate, the Flask-SQLAlchemy way: a page's objects and its
// numbers, from exactly two statements (the page's SELECT, then a count).

#include <gtest/gtest.h>

#include "test_support.hpp"

using namespace relate;
using models::Post;
using relate_test::OrmTest;

using Pagination = OrmTest;
RELATE_INSTANTIATE_FOR_EVERY_BACKEND(Pagination);

namespace {

void add_posts(Database& db, int n) {
  auto s = db.session();
  for (int i = 1; i <= n; ++i)
    s.add(Post{.title = "post " + std::to_string(i), .content = i % 2 == 0 ? "even" : "odd"});
  s.commit();
}

std::vector<std::string> titles(const Page<Post>& page) {
  std::vector<std::string> out;
  for (const auto& p : page.items)
    out.push_back(p->title);
  return out;
}

}  // namespace

TEST_P(Pagination, APageIsOneSelectWithLimitAndOffsetAndOneCount) {
  add_posts(db, 25);
  auto s = db.session();
  recorder.clear();
  const Page<Post> page = s.query<Post>().order_by(asc(&Post::id)).paginate(2, 10);
  EXPECT_EQ(recorder.statements(),
            (std::vector<std::string>{
                sql("SELECT post.id, post.title, post.content FROM post ORDER BY post.id LIMIT ? "
                    "OFFSET ?"),
                "SELECT count(*) FROM post"}));
  EXPECT_EQ(page.items.size(), 10U);
  EXPECT_EQ(page.items.front()->title, "post 11");
  EXPECT_EQ(page.items.back()->title, "post 20");
  EXPECT_EQ(page.total, 25);
  EXPECT_EQ(page.page, 2);
  EXPECT_EQ(page.per_page, 10);
  EXPECT_EQ(page.pages, 3);
  EXPECT_TRUE(page.has_prev);
  EXPECT_TRUE(page.has_next);
  EXPECT_EQ(page.prev_num, 1);
  EXPECT_EQ(page.next_num, 3);
}

TEST_P(Pagination, TheFirstAndLastPagesHaveNoPreviousAndNoNext) {
  add_posts(db, 25);
  auto s = db.session();
  const Page<Post> first = s.query<Post>().order_by(asc(&Post::id)).paginate(1, 10);
  EXPECT_FALSE(first.has_prev);
  EXPECT_EQ(first.prev_num, std::nullopt);
  EXPECT_EQ(first.next_num, 2);
  const Page<Post> last = s.query<Post>().order_by(asc(&Post::id)).paginate(3, 10);
  EXPECT_EQ(titles(last),
            (std::vector<std::string>{"post 21", "post 22", "post 23", "post 24", "post 25"}));
  EXPECT_FALSE(last.has_next);
  EXPECT_EQ(last.next_num, std::nullopt);
  EXPECT_EQ(last.prev_num, 2);
}

TEST_P(Pagination, APagePastTheEndHasNoItemsButTheRightTotal) {
  add_posts(db, 25);
  auto s = db.session();
  recorder.clear();
  const Page<Post> page = s.query<Post>().order_by(asc(&Post::id)).paginate(9, 10);
  EXPECT_EQ(recorder.statements().size(), 2U);
  EXPECT_TRUE(page.items.empty());
  EXPECT_EQ(page.total, 25);
  EXPECT_EQ(page.pages, 3);
  EXPECT_FALSE(page.has_next);
  EXPECT_TRUE(page.has_prev);
  EXPECT_EQ(page.prev_num, 8);
}

TEST_P(Pagination, NothingMatchingIsZeroPages) {
  auto s = db.session();
  const Page<Post> page = s.query<Post>().paginate(1, 10);
  EXPECT_TRUE(page.items.empty());
  EXPECT_EQ(page.total, 0);
  EXPECT_EQ(page.pages, 0);
  EXPECT_FALSE(page.has_prev);
  EXPECT_FALSE(page.has_next);
}

TEST_P(Pagination, TheFiltersApplyToThePageAndToItsCount) {
  add_posts(db, 25);
  auto s = db.session();
  recorder.clear();
  const Page<Post> page = s.query<Post>()
                              .filter(col(&Post::content) == "even")
                              .order_by(desc(&Post::id))
                              .paginate(2, 5);
  EXPECT_EQ(recorder.statements(),
            (std::vector<std::string>{
                sql("SELECT post.id, post.title, post.content FROM post WHERE post.content = ? "
                    "ORDER BY post.id DESC LIMIT ? OFFSET ?"),
                sql("SELECT count(*) FROM post WHERE post.content = ?")}));
  EXPECT_EQ(titles(page),
            (std::vector<std::string>{"post 14", "post 12", "post 10", "post 8", "post 6"}));
  EXPECT_EQ(page.total, 12);
  EXPECT_EQ(page.pages, 3);
}

TEST_P(Pagination, PerPageIsCappedAtMaxPerPage) {
  add_posts(db, 120);
  auto s = db.session();
  const Page<Post> capped = s.query<Post>().order_by(asc(&Post::id)).paginate(1, 50, 20);
  EXPECT_EQ(capped.per_page, 20);
  EXPECT_EQ(capped.items.size(), 20U);
  EXPECT_EQ(capped.pages, 6);
  const Page<Post> by_default = s.query<Post>().order_by(asc(&Post::id)).paginate(1, 1000);
  EXPECT_EQ(by_default.per_page, 100);
  EXPECT_EQ(by_default.items.size(), 100U);
  EXPECT_EQ(by_default.pages, 2);
}

TEST_P(Pagination, PagesAndSizesBelowOneAreRefusedWithoutSql) {
  auto s = db.session();
  recorder.clear();
  const auto q = s.query<Post>();
  EXPECT_THROW(q.paginate(0, 10), InvalidRequestError);
  EXPECT_THROW(q.paginate(-3, 10), InvalidRequestError);
  EXPECT_THROW(q.paginate(1, 0), InvalidRequestError);
  EXPECT_THROW(q.paginate(1, 10, 0), InvalidRequestError);
  // The page sets the limit and offset.
  EXPECT_THROW(q.limit(5).paginate(1, 10), InvalidRequestError);
  EXPECT_THROW(q.offset(5).paginate(1, 10), InvalidRequestError);
  EXPECT_TRUE(recorder.statements().empty());
}

TEST_P(Pagination, AHugePageNumberDoesNotOverflowTheOffset) {
  add_posts(db, 3);
  auto s = db.session();
  const Page<Post> page = s.query<Post>().paginate(std::numeric_limits<std::int64_t>::max(), 100);
  EXPECT_TRUE(page.items.empty());
  EXPECT_EQ(page.total, 3);
}
