// A program that uses relate with SQLite only: it links relate::relate and
// relate::sqlite, nothing else. Its tests check that it works, that a
// postgresql:// URL is then an error naming the library to link (and not the
// password), and (check_no_libpq.cmake) that no part of libpq is in it.
#include <cstdint>
#include <cstdio>
#include <string>

#include "relate/relate.hpp"

struct Note {
  std::int64_t id{};
  std::string text{};
};
template <>
inline constexpr auto relate::model<Note> =
    relate::table<Note>("note", relate::column("id", &Note::id, relate::primary_key),
                        relate::column("text", &Note::text));

int main() {
  relate::Database db{"sqlite://"};
  db.create_all<Note>();
  auto s = db.session();
  s.add(Note{.text = "kept"});
  s.commit();
  const std::size_t notes = s.query<Note>().all().size();
  std::printf("sqlite: %zu note(s)\n", notes);
  if (notes != 1) return 1;

  try {
    relate::Database pg{"postgresql://relate:topsecret@localhost/blog"};
    std::printf("postgresql: no error, so a PostgreSQL backend is linked\n");
    return 1;
  } catch (const relate::UrlError& e) {
    const std::string what = e.what();
    std::printf("postgresql: %s\n", what.c_str());
    if (what.find("relate::postgres") == std::string::npos) return 1;
    if (what.find("topsecret") != std::string::npos) return 1;
  }
  return 0;
}
