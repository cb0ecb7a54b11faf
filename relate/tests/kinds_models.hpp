#pragma once
// Models for the relationship kinds of seed 003 beyond one-to-many:
// one-to-one (Person/Profile, and Person/Passport with delete-orphan).

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

}  // namespace models

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
