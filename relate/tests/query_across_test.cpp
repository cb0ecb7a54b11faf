// Querying across relationships: any() and has() (EXISTS), join() along a
// relationship and contains_eager filling from it.

#include <gtest/gtest.h>

#include "loading_models.hpp"
#include "test_support.hpp"

using namespace relate;
using models::Author;
using models::Book;
using models::Comment;
using models::Post;

namespace {

class QueryAcross : public relate_test::OrmTest {
 protected:
  void SetUp() override {
    OrmTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db.create_all<Author, Book>();
    auto s = db.session();
    // Seed 003: author = Author(name='Jane Doe'); book1 = Book(title='Flask 101', author=author)
    auto jane = s.add(Author{.name = "Jane Doe"});
    s.add(Book{.title = "Flask 101", .author = jane});
    auto john = s.add(Author{.name = "John Roe"});
    s.add(Book{.title = "Django 101", .author = john});
    s.add(Author{.name = "No Books"});
    auto post = s.add(Post{.title = "Busy", .content = "x"});
    post->comments.append(make(Comment{.author = "ann", .content = "first"}));
    post->comments.append(make(Comment{.author = "bob", .content = "second"}));
    post->comments.append(make(Comment{.author = "ann", .content = "third"}));
    s.add(Post{.title = "Quiet", .content = "x"});
    s.commit();
    recorder.clear();
  }
};
RELATE_INSTANTIATE_FOR_EVERY_BACKEND(QueryAcross);

TEST_P(QueryAcross, AnyFindsTheAuthorsWithABookTitledFlask101AsInSeed003) {
  auto s = db.session();
  const auto authors =
      s.query<Author>().filter(any(&Author::books, col(&Book::title) == "Flask 101")).all();
  ASSERT_EQ(authors.size(), 1U);
  EXPECT_EQ(authors[0]->name, "Jane Doe");
  EXPECT_EQ(recorder.statements().front(),
            sql("SELECT loading_author.id, loading_author.name FROM loading_author WHERE EXISTS "
                "(SELECT 1 FROM loading_book WHERE loading_book.author_id = loading_author.id AND "
                "loading_book.title = ?)"));
}

TEST_P(QueryAcross, AnyWithoutAFilterMeansAtLeastOneAndNegatesToNone) {
  auto s = db.session();
  EXPECT_EQ(s.query<Author>().filter(any(&Author::books)).count(), 2);
  const auto none = s.query<Author>().filter(!any(&Author::books)).all();
  ASSERT_EQ(none.size(), 1U);
  EXPECT_EQ(none[0]->name, "No Books");
  EXPECT_EQ(s.query<Post>().filter(any(&Post::comments)).one()->title, "Busy");
}

TEST_P(QueryAcross, HasFiltersByTheParent) {
  auto s = db.session();
  const auto books =
      s.query<Book>().filter(has(&Book::author, col(&Author::name).like("John%"))).all();
  ASSERT_EQ(books.size(), 1U);
  EXPECT_EQ(books[0]->title, "Django 101");
  EXPECT_EQ(s.query<Comment>().filter(has(&Comment::post)).count(), 3);
}

TEST_P(QueryAcross, JoinFiltersAndContainsEagerFillsWithTheMatchingChildren) {
  auto s = db.session();
  const auto posts = s.query<Post>()
                         .filter_any(&Post::comments, col(&Comment::author) == "ann")
                         .options(contains_eager(&Post::comments))
                         .all();
  ASSERT_EQ(posts.size(), 1U);  // once, though two comments matched
  EXPECT_EQ(recorder.statements().size(), 1U);
  ASSERT_EQ(posts[0]->comments.size(), 2U);
  EXPECT_EQ(posts[0]->comments[0]->content, "first");
  EXPECT_EQ(posts[0]->comments[1]->content, "third");
  EXPECT_EQ(recorder.statements().size(), 1U);
  // Without contains_eager the collection loads whole, lazily.
  auto other = db.session();
  const auto joined =
      other.query<Post>().filter_any(&Post::comments, col(&Comment::author) == "bob").all();
  ASSERT_EQ(joined.size(), 1U);
  EXPECT_EQ(joined[0]->comments.size(), 3U);
}

}  // namespace
