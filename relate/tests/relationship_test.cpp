// One-to-many and many-to-one: both sides in sync, lazy loading, dynamic
// collections, cascades.

#include <gtest/gtest.h>

#include "test_support.hpp"

using namespace relate;
using models::Blog;
using models::Child;
using models::Comment;
using models::Entry;
using models::Parent;
using models::Post;
using relate_test::OrmTest;

using Relationships = OrmTest;
RELATE_INSTANTIATE_FOR_EVERY_BACKEND(Relationships);

TEST_P(Relationships, ThreeWaysToAttachACommentAsInSeed002) {
  auto s = db.session();
  auto post1 = s.add(Post{.title = "First", .content = "x"});
  auto post2 = s.add(Post{.title = "Second", .content = "x"});
  s.commit();
  s.add(Comment{.content = "by object", .post = post1});
  s.add(Comment{.content = "by key", .post_id = post2->id});
  post1->comments.append(make(Comment{.content = "by append"}));
  s.commit();

  auto fresh = db.session();
  auto p1 = fresh.get<Post>(post1->id);
  ASSERT_EQ(p1->comments.size(), 2U);
  EXPECT_EQ(p1->comments[0]->content, "by object");
  EXPECT_EQ(p1->comments[1]->content, "by append");
  ASSERT_EQ(fresh.get<Post>(post2->id)->comments.size(), 1U);
}

TEST_P(Relationships, AssigningTheParentAppendsToItsCollection) {
  auto post = make(Post{.title = "P"});
  auto comment = make(Comment{.content = "c"});
  comment->post = post;
  ASSERT_EQ(post->comments.size(), 1U);
  EXPECT_EQ(post->comments[0], comment);
  // Moving it to another post takes it out of the first.
  auto other = make(Post{.title = "Q"});
  comment->post = other;
  EXPECT_TRUE(post->comments.empty());
  EXPECT_EQ(other->comments.size(), 1U);
  comment->post = nullptr;
  EXPECT_TRUE(other->comments.empty());
}

TEST_P(Relationships, AppendingSetsTheChildsParent) {
  auto post = make(Post{.title = "P"});
  auto comment = make(Comment{.content = "c"});
  post->comments.append(comment);
  EXPECT_EQ(comment->post.get(), post);
  post->comments.remove(comment);
  EXPECT_FALSE(comment->post);
}

TEST_P(Relationships, BackPopulatesKeepsBothDeclaredSidesInSync) {
  auto s = db.session();
  auto parent = s.add(Parent{.name = "p"});
  auto child = s.add(Child{.name = "c"});
  parent->children.append(child);
  EXPECT_EQ(child->parent.get(), parent);
  s.commit();
  EXPECT_EQ(child->parent_id, parent->id);
  child->parent = nullptr;
  EXPECT_TRUE(parent->children.empty());
  s.commit();
  EXPECT_FALSE(child->parent_id.has_value());
}

TEST_P(Relationships, TouchingCommentsTwiceRunsOneSelect) {
  {
    auto s = db.session();
    auto post = s.add(Post{.title = "P", .content = "x"});
    for (int i = 0; i < 3; ++i)
      s.add(Comment{.content = std::to_string(i), .post = post});
    s.commit();
  }
  auto s = db.session();
  auto post = s.get<Post>(1);
  recorder.clear();
  EXPECT_EQ(post->comments.size(), 3U);
  for (const auto& c : post->comments)
    EXPECT_FALSE(c->content.empty());
  EXPECT_EQ(recorder.statements(),
            std::vector<std::string>{sql("SELECT comment.id, comment.author, comment.website, "
                                         "comment.content, comment.post_id FROM comment WHERE "
                                         "comment.post_id = ?")});
  // The comments' side is known without SQL.
  EXPECT_EQ(post->comments[0]->post.get(), post);
  EXPECT_EQ(recorder.statements().size(), 1U);
}

TEST_P(Relationships, ManyToOneLoadsFromTheIdentityMapWhenItCan) {
  {
    auto s = db.session();
    auto post = s.add(Post{.title = "P", .content = "x"});
    s.add(Comment{.content = "c", .post = post});
    s.commit();
  }
  auto s = db.session();
  auto comment = s.get<Comment>(1);
  recorder.clear();
  EXPECT_EQ(comment->post->title, "P");  // one SELECT of the post
  EXPECT_EQ(recorder.count("SELECT post."), 1U);
  auto post = s.get<Post>(1);  // already loaded: no SQL
  EXPECT_EQ(comment->post.get(), post);
  EXPECT_EQ(recorder.statements().size(), 1U);
}

TEST_P(Relationships, SettingTheForeignKeyMovesTheChildOnFlush) {
  auto s = db.session();
  auto a = s.add(Post{.title = "A", .content = "x"});
  auto b = s.add(Post{.title = "B", .content = "x"});
  auto c = s.add(Comment{.content = "c", .post = a});
  s.commit();
  ASSERT_EQ(a->comments.size(), 1U);
  EXPECT_TRUE(b->comments.empty());
  c->post_id = b->id;
  s.flush();
  EXPECT_TRUE(a->comments.empty());
  ASSERT_EQ(b->comments.size(), 1U);
  EXPECT_EQ(c->post.get(), b);
}

TEST_P(Relationships, LazyLoadOnADetachedObjectIsAClearError) {
  {
    auto s = db.session();
    s.add(Post{.title = "P", .content = "x"});
    s.commit();
  }
  Ptr<Post> post;
  {
    auto s = db.session();
    post = s.get<Post>(1);
  }
  try {
    (void)post->comments.size();
    FAIL() << "expected DetachedInstanceError";
  } catch (const DetachedInstanceError& e) {
    EXPECT_NE(std::string(e.what()).find("comments"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("not attached to a session"), std::string::npos);
  }
  EXPECT_EQ(post->title, "P");  // columns stay readable
}

TEST_P(Relationships, LoadedCollectionsStayUsableAfterTheSessionCloses) {
  Ptr<Post> post;
  {
    auto s = db.session();
    post = s.add(Post{.title = "P", .content = "x"});
    s.add(Comment{.content = "c", .post = post});
    s.commit();
    (void)post->comments.size();
  }
  EXPECT_EQ(post->comments.size(), 1U);
}

TEST_P(Relationships, CascadeDeleteRemovesTheComments) {
  auto s = db.session();
  auto post = s.add(Post{.title = "P", .content = "x"});
  s.add(Comment{.content = "a", .post = post});
  s.add(Comment{.content = "b", .post = post});
  s.commit();
  s.remove(post);
  s.commit();
  EXPECT_EQ(db.session().query<Comment>().count(), 0);
}

TEST_P(Relationships, DeleteOrphanDeletesACommentRemovedFromItsPost) {
  auto s = db.session();
  auto post = s.add(Post{.title = "P", .content = "x"});
  auto keep = s.add(Comment{.content = "keep", .post = post});
  auto drop = s.add(Comment{.content = "drop", .post = post});
  s.commit();
  recorder.clear();
  post->comments.remove(drop);
  s.commit();
  EXPECT_EQ(recorder.starting_with("DELETE"),
            std::vector<std::string>{sql("DELETE FROM comment WHERE id = ?")});
  auto fresh = db.session();
  EXPECT_EQ(fresh.query<Comment>().count(), 1);
  EXPECT_EQ(fresh.query<Comment>().one()->content, "keep");
}

TEST_P(Relationships, AnOrphanGivenANewParentIsKept) {
  auto s = db.session();
  auto a = s.add(Post{.title = "A", .content = "x"});
  auto b = s.add(Post{.title = "B", .content = "x"});
  auto c = s.add(Comment{.content = "c", .post = a});
  s.commit();
  a->comments.remove(c);
  b->comments.append(c);
  s.commit();
  EXPECT_EQ(db.session().query<Comment>().one()->post_id, b->id);
}

TEST_P(Relationships, WithoutDeleteCascadeChildrenAreUnlinked) {
  auto s = db.session();
  auto parent = s.add(Parent{.name = "p"});
  auto child = s.add(Child{.name = "c", .parent = parent});
  s.commit();
  s.remove(parent);
  s.commit();
  auto fresh = db.session();
  auto c = fresh.get<Child>(child->id);
  ASSERT_TRUE(c);
  EXPECT_FALSE(c->parent_id.has_value());
  EXPECT_FALSE(child->parent);
}

TEST_P(Relationships, DynamicCollectionIsARefinableQuery) {
  auto s = db.session();
  auto blog = s.add(Blog{.name = "b"});
  for (int i = 1; i <= 5; ++i) {
    blog->entries.append(make(Entry{.title = "e" + std::to_string(i), .rank = i}));
  }
  s.commit();
  recorder.clear();
  EXPECT_EQ(blog->entries.count(), 5);
  auto top =
      blog->entries.filter(col(&Entry::rank) > 2).order_by(desc(&Entry::rank)).limit(2).all();
  ASSERT_EQ(top.size(), 2U);
  EXPECT_EQ(top[0]->rank, 5);
  EXPECT_EQ(top[1]->rank, 4);
  EXPECT_EQ(recorder.statements(),
            (std::vector<std::string>{
                sql("SELECT count(*) FROM entry WHERE entry.blog_id = ?"),
                sql("SELECT entry.id, entry.title, entry.rank, entry.blog_id FROM entry WHERE "
                    "entry.blog_id = ? AND entry.rank > ? ORDER BY entry.rank DESC LIMIT ?")}));
}

TEST_P(Relationships, DynamicAppendAndRemoveWorkWithoutLoading) {
  auto s = db.session();
  auto blog = s.add(Blog{.name = "b"});
  s.commit();
  auto e = make(Entry{.title = "new", .rank = 1});
  recorder.clear();
  blog->entries.append(e);
  s.commit();
  EXPECT_EQ(recorder.count("SELECT"), 0U);
  EXPECT_EQ(e->blog_id, blog->id);
  blog->entries.remove(e);  // delete-orphan
  s.commit();
  EXPECT_EQ(blog->entries.count(), 0);
}

TEST_P(Relationships, DeletingADynamicParentDeletesItsChildren) {
  auto s = db.session();
  auto blog = s.add(Blog{.name = "b"});
  blog->entries.append(make(Entry{.title = "a"}));
  blog->entries.append(make(Entry{.title = "b"}));
  s.commit();
  s.remove(blog);
  s.commit();
  EXPECT_EQ(db.session().query<Entry>().count(), 0);
}

TEST_P(Relationships, RemovingAChildFromANotNullKeyWithoutOrphanDeletionIsAnError) {
  // Entry.blog_id is NOT NULL; Blog.entries has delete-orphan, so removal
  // deletes. Unlinking by assigning null to the reference is an orphan too.
  auto s = db.session();
  auto blog = s.add(Blog{.name = "b"});
  auto e = make(Entry{.title = "a"});
  blog->entries.append(e);
  s.commit();
  e->blog = nullptr;
  s.commit();
  EXPECT_EQ(db.session().query<Entry>().count(), 0);
}
