#pragma once
// Models for the loading-strategy tests: seed 003's Author/Book, whose
// relationship declares its own strategy (lazy(Load::selectin)).

#include <cstdint>
#include <string>

#include "relate/relate.hpp"

namespace models {

struct Book;
struct Author {
  std::int64_t id{};
  std::string name{};
  relate::HasMany<Book> books{};
};
struct Book {
  std::int64_t id{};
  std::string title{};
  std::int64_t author_id{};
  relate::BelongsTo<Author> author{};
};

}  // namespace models

template <>
inline constexpr auto relate::model<models::Author> = relate::table<models::Author>(
    "loading_author", relate::column("id", &models::Author::id, relate::primary_key),
    relate::column("name", &models::Author::name, relate::varchar(80)),
    relate::relationship(&models::Author::books, relate::backref(&models::Book::author),
                         relate::order_by(&models::Book::title),
                         relate::lazy(relate::Load::selectin)));

template <>
inline constexpr auto relate::model<models::Book> = relate::table<models::Book>(
    "loading_book", relate::column("id", &models::Book::id, relate::primary_key),
    relate::column("title", &models::Book::title, relate::varchar(120)),
    relate::column("author_id", &models::Book::author_id,
                   relate::foreign_key(&models::Author::id)));
