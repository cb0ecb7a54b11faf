// Seed 003 ("Flask-SQLAlchemy Relationships"): all four kinds. Author/Book
// (one-to-many with backref='author', and Author.books.any(title=...)),
// Student/Course (many-to-many through the enrollments table), User/Profile
// (one-to-one, uselist=False) and Parent/Child (back_populates).
//
// Usage: seed_003 [database-url]   (default: sqlite:///seed_003.db)

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

#include "relate/relate.hpp"

// One-to-many: one Author can write many Books.
struct Book;
struct Author {
  std::int64_t id{};
  std::string name{};
  relate::HasMany<Book> books{};  // backref='author', lazy=True
};
struct Book {
  std::int64_t id{};
  std::string title{};
  std::int64_t author_id{};  // nullable=False
  relate::BelongsTo<Author> author{};
};

// Many-to-many: students enroll in courses, through an association table.
struct Course;
struct Student {
  std::int64_t id{};
  std::string name{};
  relate::ManyToMany<Course> courses{};  // secondary=enrollments, backref='students'
};
struct Course {
  std::int64_t id{};
  std::string title{};
  relate::ManyToMany<Student> students{};
};
inline constexpr auto enrollments =
    relate::association_table<Student, Course>("enrollments", "student_id", "course_id");

// One-to-one: a User has one Profile.
struct Profile;
struct User {
  std::int64_t id{};
  std::string name{};
  relate::HasOne<Profile> profile{};  // uselist=False, backref='user'
};
struct Profile {
  std::int64_t id{};
  std::string bio{};
  std::optional<std::int64_t> user_id{};
  relate::BelongsTo<User> user{};
};

// back_populates: both sides declared explicitly.
struct Child;
struct Parent {
  std::int64_t id{};
  std::string name{};
  relate::HasMany<Child> children{};
};
struct Child {
  std::int64_t id{};
  std::string name{};
  std::optional<std::int64_t> parent_id{};
  relate::BelongsTo<Parent> parent{};
};

using relate::column, relate::primary_key, relate::relationship, relate::varchar;

// cascade("all"): book.author_id is NOT NULL, so a book cannot outlive its
// author (without it, create_all warns that deleting an author with books
// would have to set their author_id to NULL).
template <>
inline constexpr auto relate::model<Author> = relate::table<Author>(
    "author", column("id", &Author::id, primary_key), column("name", &Author::name, varchar(80)),
    relationship(&Author::books, relate::backref(&Book::author), relate::cascade("all")));
template <>
inline constexpr auto relate::model<Book> = relate::table<Book>(
    "book", column("id", &Book::id, primary_key), column("title", &Book::title, varchar(120)),
    column("author_id", &Book::author_id, relate::foreign_key(&Author::id)));

template <>
inline constexpr auto relate::model<Student> = relate::table<Student>(
    "student", column("id", &Student::id, primary_key), column("name", &Student::name, varchar(80)),
    relationship(&Student::courses, relate::secondary(enrollments),
                 relate::backref(&Course::students), relate::order_by(&Course::title)));
template <>
inline constexpr auto relate::model<Course> =
    relate::table<Course>("course", column("id", &Course::id, primary_key),
                          column("title", &Course::title, varchar(120)));

template <>
inline constexpr auto relate::model<User> = relate::table<User>(
    "user", column("id", &User::id, primary_key), column("name", &User::name, varchar(80)),
    relationship(&User::profile, relate::backref(&Profile::user)));
template <>
inline constexpr auto relate::model<Profile> = relate::table<Profile>(
    "profile", column("id", &Profile::id, primary_key), column("bio", &Profile::bio, varchar(255)),
    column("user_id", &Profile::user_id, relate::foreign_key(&User::id), relate::unique));

template <>
inline constexpr auto relate::model<Parent> = relate::table<Parent>(
    "parent", column("id", &Parent::id, primary_key), column("name", &Parent::name),
    relationship(&Parent::children, relate::back_populates(&Child::parent)));
template <>
inline constexpr auto relate::model<Child> = relate::table<Child>(
    "child", column("id", &Child::id, primary_key), column("name", &Child::name),
    column("parent_id", &Child::parent_id, relate::foreign_key(&Parent::id)),
    relationship(&Child::parent, relate::back_populates(&Parent::children)));

template <class T, class F>
void print_list(const T& items, F&& label) {
  std::printf("[");
  bool first = true;
  for (const auto& item : items) {
    std::printf("%s%s", first ? "" : ", ", label(item).c_str());
    first = false;
  }
  std::printf("]\n");
}

int main(int argc, char** argv) {
  relate::Database db{argc > 1 ? argv[1] : "sqlite:///seed_003.db"};
  db.drop_all();
  db.create_all();

  {
    // flask shell: author = Author(name='Jane Doe'); book1 = Book(title='Flask 101', author=author)
    auto s = db.session();
    auto author = relate::make(Author{.name = "Jane Doe"});
    auto book1 = relate::make(Book{.title = "Flask 101", .author = author});
    s.add_all({author});
    s.add(book1);
    s.add(Author{.name = "John Roe", .books = {relate::make(Book{.title = "Django 101"})}});

    auto algebra = relate::make(Course{.title = "Algebra"});
    s.add(Student{.name = "Ada", .courses = {algebra, relate::make(Course{.title = "Flask 101"})}});
    s.add(Student{.name = "Grace", .courses = {algebra}});

    s.add(User{.name = "Ada", .profile = relate::make(Profile{.bio = "Likes engines"})});

    auto ma = s.add(Parent{.name = "Ma"});
    s.add(Child{.name = "Ann", .parent = ma});
    ma->children.append(relate::make(Child{.name = "Bob"}));
    s.commit();
  }

  auto s = db.session();
  const auto book_title = [](const relate::Ptr<Book>& b) { return "<Book \"" + b->title + "\">"; };

  // author = Author.query.first(); print(author.books)
  auto author = s.query<Author>().first();
  print_list(author->books, book_title);
  // book = Book.query.first(); print(book.author.name)
  auto book = s.query<Book>().first();
  std::printf("%s\n", book->author->name.c_str());
  // Author.query.filter(Author.books.any(title='Flask 101')).all()
  const auto authors =
      s.query<Author>()
          .filter(relate::any(&Author::books, relate::col(&Book::title) == "Flask 101"))
          .all();
  print_list(authors, [](const relate::Ptr<Author>& a) { return "<Author \"" + a->name + "\">"; });

  // Many-to-many, from both sides.
  for (const auto& student : s.query<Student>().order_by(relate::asc(&Student::id)).all()) {
    std::printf("%s takes ", student->name.c_str());
    print_list(student->courses, [](const relate::Ptr<Course>& c) { return c->title; });
  }
  auto algebra = s.query<Course>().filter(relate::col(&Course::title) == "Algebra").one();
  std::printf("Algebra students: ");
  print_list(algebra->students, [](const relate::Ptr<Student>& st) { return st->name; });

  // One-to-one: a scalar on both sides.
  auto user = s.query<User>().one();
  std::printf("%s's profile: %s\n", user->name.c_str(), user->profile->bio.c_str());
  std::printf("that profile's user: %s\n", user->profile->user->name.c_str());

  // back_populates.
  auto ma = s.query<Parent>().one();
  std::printf("%s's children: ", ma->name.c_str());
  print_list(ma->children, [](const relate::Ptr<Child>& c) { return c->name; });
  std::printf("Bob's parent: %s\n", ma->children[1]->parent->name.c_str());
}
