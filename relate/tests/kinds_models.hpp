#pragma once
// Models for the relationship kinds of seed 003 beyond one-to-many:
// one-to-one (Person/Profile, and Person/Passport with delete-orphan),
// many-to-many (Student/Course through enrollments), an association object
// (Article/Tagging/Tag), a model related to itself (Note replies), and
// passive deletes (Gallery/Photo).

#include <cstdint>
#include <optional>
#include <string>

#include "relate/relate.hpp"

namespace models {

struct Profile;
struct Passport;
struct Person {
  std::int64_t id{};
  std::string name{};
  relate::HasOne<Profile> profile{};    // uselist=False
  relate::HasOne<Passport> passport{};  // one-to-one with delete-orphan
};
struct Profile {
  std::int64_t id{};
  std::string bio{};
  std::optional<std::int64_t> person_id{};  // unique: one profile per person
  relate::BelongsTo<Person> person{};
};
struct Passport {
  std::int64_t id{};
  std::string number{};
  std::optional<std::int64_t> person_id{};
  relate::BelongsTo<Person> holder{};
};

struct Course;
struct Student {
  std::int64_t id{};
  std::string name{};
  relate::ManyToMany<Course> courses{};
};
struct Course {
  std::int64_t id{};
  std::string title{};
  relate::ManyToMany<Student> students{};
};
inline constexpr auto enrollments =
    relate::association_table<Student, Course>("enrollments", "student_id", "course_id");

// The association-object form: the link has columns of its own.
struct Tagging;
struct Article {
  std::int64_t id{};
  std::string title{};
  relate::HasMany<Tagging> taggings{};
};
struct Tag {
  std::int64_t id{};
  std::string name{};
  relate::HasMany<Tagging> taggings{};
};
struct Tagging {
  std::int64_t id{};
  std::int64_t article_id{};
  std::int64_t tag_id{};
  std::string added_by{};
  relate::BelongsTo<Article> article{};
  relate::BelongsTo<Tag> tag{};
};

// A comment replying to a comment.
struct Note {
  std::int64_t id{};
  std::string text{};
  std::optional<std::int64_t> parent_id{};
  relate::HasMany<Note> replies{};
};

// Passive deletes: the database removes a gallery's photos.
struct Photo;
struct Gallery {
  std::int64_t id{};
  std::string name{};
  relate::HasMany<Photo> photos{};
};
struct Photo {
  std::int64_t id{};
  std::string file{};
  std::int64_t gallery_id{};
};

}  // namespace models

template <>
inline constexpr auto relate::model<models::Gallery> = relate::table<models::Gallery>(
    "gallery", relate::column("id", &models::Gallery::id, relate::primary_key),
    relate::column("name", &models::Gallery::name),
    relate::relationship(&models::Gallery::photos, relate::cascade("all, delete-orphan"),
                         relate::passive_deletes));

template <>
inline constexpr auto relate::model<models::Photo> = relate::table<models::Photo>(
    "photo", relate::column("id", &models::Photo::id, relate::primary_key),
    relate::column("file", &models::Photo::file),
    relate::column("gallery_id", &models::Photo::gallery_id,
                   relate::foreign_key(&models::Gallery::id, relate::OnDelete::cascade)));

template <>
inline constexpr auto relate::model<models::Student> = relate::table<models::Student>(
    "student", relate::column("id", &models::Student::id, relate::primary_key),
    relate::column("name", &models::Student::name),
    relate::relationship(&models::Student::courses, relate::secondary(models::enrollments),
                         relate::backref(&models::Course::students),
                         relate::order_by(&models::Course::title)));

template <>
inline constexpr auto relate::model<models::Course> = relate::table<models::Course>(
    "course", relate::column("id", &models::Course::id, relate::primary_key),
    relate::column("title", &models::Course::title));

template <>
inline constexpr auto relate::model<models::Article> = relate::table<models::Article>(
    "article", relate::column("id", &models::Article::id, relate::primary_key),
    relate::column("title", &models::Article::title),
    relate::relationship(&models::Article::taggings, relate::backref(&models::Tagging::article),
                         relate::cascade("all, delete-orphan")));

template <>
inline constexpr auto relate::model<models::Tag> = relate::table<models::Tag>(
    "tag", relate::column("id", &models::Tag::id, relate::primary_key),
    relate::column("name", &models::Tag::name, relate::unique),
    relate::relationship(&models::Tag::taggings, relate::backref(&models::Tagging::tag),
                         relate::cascade("all, delete-orphan")));

template <>
inline constexpr auto relate::model<models::Tagging> = relate::table<models::Tagging>(
    "tagging", relate::column("id", &models::Tagging::id, relate::primary_key),
    relate::column("article_id", &models::Tagging::article_id,
                   relate::foreign_key(&models::Article::id, relate::OnDelete::cascade)),
    relate::column("tag_id", &models::Tagging::tag_id,
                   relate::foreign_key(&models::Tag::id, relate::OnDelete::cascade)),
    relate::column("added_by", &models::Tagging::added_by));

template <>
inline constexpr auto relate::model<models::Note> = relate::table<models::Note>(
    "note", relate::column("id", &models::Note::id, relate::primary_key),
    relate::column("text", &models::Note::text),
    relate::column("parent_id", &models::Note::parent_id, relate::foreign_key(&models::Note::id)),
    relate::relationship(&models::Note::replies, relate::order_by(&models::Note::id),
                         relate::cascade("all, delete-orphan")));

template <>
inline constexpr auto relate::model<models::Person> = relate::table<models::Person>(
    "person", relate::column("id", &models::Person::id, relate::primary_key),
    relate::column("name", &models::Person::name),
    relate::relationship(&models::Person::profile, relate::backref(&models::Profile::person)),
    relate::relationship(&models::Person::passport,
                         relate::back_populates(&models::Passport::holder),
                         relate::cascade("all, delete-orphan")));

template <>
inline constexpr auto relate::model<models::Profile> = relate::table<models::Profile>(
    "profile", relate::column("id", &models::Profile::id, relate::primary_key),
    relate::column("bio", &models::Profile::bio, relate::varchar(255)),
    relate::column("person_id", &models::Profile::person_id,
                   relate::foreign_key(&models::Person::id), relate::unique));

template <>
inline constexpr auto relate::model<models::Passport> = relate::table<models::Passport>(
    "passport", relate::column("id", &models::Passport::id, relate::primary_key),
    relate::column("number", &models::Passport::number),
    relate::column("person_id", &models::Passport::person_id,
                   relate::foreign_key(&models::Person::id, relate::OnDelete::cascade),
                   relate::unique),
    relate::relationship(&models::Passport::holder,
                         relate::back_populates(&models::Person::passport)));
