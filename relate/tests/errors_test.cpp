// Errors a user can act on: constraints named, lengths checked before
// writing, NOT NULL keys that cannot be cleared.

#include <gtest/gtest.h>

#include "test_support.hpp"

using namespace relate;
using models::Account;
using models::Comment;
using models::Post;

namespace errors_test {

// A many-to-one with no collection on the other side, so the ORM does not
// know a shelf's books: deleting a shelf with books is the database's call.
struct Shelf {
  std::int64_t id{};
  std::string name{};
};
struct Book {
  std::int64_t id{};
  std::int64_t shelf_id{};
  relate::BelongsTo<Shelf> shelf{};
};

// A collection with no delete-orphan over a NOT NULL key.
struct Volume;
struct Library {
  std::int64_t id{};
  relate::HasMany<Volume> volumes{};
};
struct Volume {
  std::int64_t id{};
  std::int64_t library_id{};
  relate::BelongsTo<Library> library{};
};

}  // namespace errors_test

using errors_test::Book;
using errors_test::Library;
using errors_test::Shelf;
using errors_test::Volume;

template <>
inline constexpr auto relate::model<Shelf> =
    relate::table<Shelf>("shelf", relate::column("id", &Shelf::id, relate::primary_key),
                         relate::column("name", &Shelf::name));
template <>
inline constexpr auto relate::model<Book> = relate::table<Book>(
    "book", relate::column("id", &Book::id, relate::primary_key),
    relate::column("shelf_id", &Book::shelf_id, relate::foreign_key(&Shelf::id)),
    relate::relationship(&Book::shelf));
template <>
inline constexpr auto relate::model<Library> = relate::table<Library>(
    "library", relate::column("id", &Library::id, relate::primary_key),
    relate::relationship(&Library::volumes, relate::backref(&Volume::library)));
template <>
inline constexpr auto relate::model<Volume> = relate::table<Volume>(
    "volume", relate::column("id", &Volume::id, relate::primary_key),
    relate::column("library_id", &Volume::library_id, relate::foreign_key(&Library::id)));

class Errors : public relate_test::OrmTest {
 protected:
  void SetUp() override {
    OrmTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db.create_all<Shelf, Book, Library, Volume>();
  }
};
RELATE_INSTANTIATE_FOR_EVERY_BACKEND(Errors);

TEST_P(Errors, UniqueViolationNamesTheConstraintAndValue) {
  auto s = db.session();
  s.add(Account{.username = "ada"});
  s.commit();
  s.add(Account{.username = "ada"});
  try {
    s.commit();
    FAIL() << "expected UniqueViolation";
  } catch (const UniqueViolation& e) {
    EXPECT_EQ(e.constraint(), "uq_account_username");
    EXPECT_EQ(e.table(), "account");
    EXPECT_NE(std::string(e.what()).find("username = 'ada' already exists"), std::string::npos)
        << e.what();
  }
}

TEST_P(Errors, ForeignKeyViolationOnInsertNamesTheKeyAndValue) {
  auto s = db.session();
  s.add(Comment{.content = "to nowhere", .post_id = 42});
  try {
    s.commit();
    FAIL() << "expected ForeignKeyViolation";
  } catch (const ForeignKeyViolation& e) {
    EXPECT_EQ(e.constraint(), "fk_comment_post_id");
    EXPECT_NE(std::string(e.what()).find("comment.post_id = 42 refers to no row of post.id"),
              std::string::npos)
        << e.what();
  }
}

TEST_P(Errors, ForeignKeyViolationOnDeleteNamesTheReferencingKey) {
  auto s = db.session();
  auto shelf = s.add(Shelf{.name = "top"});
  s.add(Book{.shelf = shelf});
  s.commit();
  s.remove(shelf);
  try {
    s.commit();
    FAIL() << "expected ForeignKeyViolation";
  } catch (const ForeignKeyViolation& e) {
    EXPECT_EQ(e.constraint(), "fk_book_shelf_id");
    EXPECT_NE(std::string(e.what()).find("still referenced by book.shelf_id"), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(db.session().query<Shelf>().count(), 1);
}

TEST_P(Errors, VarcharIsCheckedInCharactersBeforeWriting) {
  auto s = db.session();
  std::string title;
  for (int i = 0; i < 100; ++i)
    title += "é";  // 100 characters, 200 bytes
  auto fits = s.add(Post{.title = title, .content = "x"});
  s.commit();
  EXPECT_GT(fits->id, 0);

  auto post = s.add(Post{.title = title + "!", .content = "x"});
  recorder.clear();
  try {
    s.commit();
    FAIL() << "expected ValueTooLong";
  } catch (const ValueTooLong& e) {
    EXPECT_EQ(e.length(), 101U);
    EXPECT_EQ(e.limit(), 100U);
    EXPECT_NE(std::string(e.what()).find("post.title"), std::string::npos);
  }
  EXPECT_TRUE(recorder.statements().empty());  // nothing was sent
  s.rollback();  // as after any failed commit; the post is new again: fix it and retry
  post->title = "short";
  s.add(post);
  s.commit();
  EXPECT_EQ(db.session().query<Post>().count(), 2);
}

// The ORM's own NOT NULL check throws what the database would for the same
// fault (NotNullViolation, an IntegrityError), so one catch serves both.
TEST_P(Errors, UnlinkingANotNullKeyWithoutOrphanDeletionIsRefused) {
  auto s = db.session();
  auto library = s.add(Library{});
  auto volume = make(Volume{});
  library->volumes.append(volume);
  s.commit();
  library->volumes.remove(volume);
  try {
    s.commit();
    FAIL() << "expected NotNullViolation";
  } catch (const IntegrityError& e) {
    EXPECT_NE(dynamic_cast<const NotNullViolation*>(&e), nullptr);
    EXPECT_EQ(e.table(), "volume");
    EXPECT_NE(std::string(e.what()).find("volume.library_id to NULL"), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(db.session().query<Volume>().one()->library_id, library->id);
}

TEST_P(Errors, OneNamesTheModel) {
  auto s = db.session();
  try {
    (void)s.query<Post>().one();
    FAIL() << "expected NoResultFound";
  } catch (const NoResultFound& e) {
    EXPECT_NE(std::string(e.what()).find("Post"), std::string::npos) << e.what();
  }
}

TEST_P(Errors, UniqueViolationAmongRowsWrittenTogetherNamesTheDuplicate) {
  auto s = db.session();
  s.add(Account{.username = "ada"});
  s.commit();
  s.add(Account{.username = "bob"});
  s.add(Account{.username = "ada"});
  s.add(Account{.username = "cy"});
  try {
    s.commit();
    FAIL() << "expected UniqueViolation";
  } catch (const UniqueViolation& e) {
    EXPECT_EQ(e.constraint(), "uq_account_username");
    EXPECT_EQ(e.table(), "account");
    EXPECT_NE(std::string(e.what()).find("username = 'ada' already exists"), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(db.session().query<Account>().count(), 1);  // the failed flush kept nothing
}

TEST_P(Errors, ForeignKeyViolationAmongRowsWrittenTogetherNamesTheKey) {
  auto s = db.session();
  auto post = s.add(Post{.title = "p", .content = "x"});
  s.commit();
  s.add(Comment{.content = "fine", .post_id = post->id});
  s.add(Comment{.content = "to nowhere", .post_id = 42});
  s.add(Comment{.content = "fine too", .post_id = post->id});
  try {
    s.commit();
    FAIL() << "expected ForeignKeyViolation";
  } catch (const ForeignKeyViolation& e) {
    EXPECT_EQ(e.constraint(), "fk_comment_post_id");
    EXPECT_EQ(e.table(), "comment");
    EXPECT_NE(std::string(e.what()).find("comment.post_id = 42 refers to no row of post.id"),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(db.session().query<Comment>().count(), 0);
}

TEST_P(Errors, TheSessionWorksAfterAFailedFlushAndRollback) {
  auto s = db.session();
  s.add(Account{.username = "ada"});
  s.commit();
  auto duplicate = s.add(Account{.username = "ada"});
  EXPECT_THROW(s.commit(), UniqueViolation);
  s.rollback();
  duplicate->username = "bob";  // the failed flush left it new: fix it, add it again
  s.add(duplicate);
  s.commit();
  EXPECT_EQ(db.session().query<Account>().count(), 2);
}

TEST_P(Errors, AfterAFailedFlushNewChildrenStillFollowTheirNewParent) {
  // The comments are written together (one statement where the dialect
  // batches); the third fails. Added again, the first two must take the
  // key their post gets then, not the one it had in the failed flush.
  auto s = db.session();
  auto post = s.add(Post{.title = "p", .content = "x"});
  auto first = s.add(Comment{.content = "one", .post = post});
  auto second = s.add(Comment{.content = "two", .post = post});
  auto bad = s.add(Comment{.content = "to nowhere", .post_id = 42});
  EXPECT_THROW(s.commit(), ForeignKeyViolation);
  s.rollback();
  bad->post_id = std::nullopt;
  s.add_all({first, second, bad});
  s.commit();
  auto fresh = db.session();
  auto saved = fresh.get<Post>(post->id);
  ASSERT_TRUE(saved);
  ASSERT_EQ(saved->comments.size(), 2U);
  EXPECT_EQ(first->post_id, post->id);
  EXPECT_EQ(second->post_id, post->id);
}
