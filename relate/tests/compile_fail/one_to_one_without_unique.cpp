// expect: needs a unique foreign key
#include "common.hpp"
namespace cf {
struct Bio;
struct User {
  std::int64_t id{};
  relate::HasOne<Bio> bio{};
};
struct Bio {
  std::int64_t id{};
  std::optional<std::int64_t> user_id{};
};
}  // namespace cf
template <>
inline constexpr auto relate::model<cf::User> = relate::table<cf::User>(
    "user", relate::column("id", &cf::User::id, relate::primary_key),
    relate::relationship(&cf::User::bio));
template <>
inline constexpr auto relate::model<cf::Bio> = relate::table<cf::Bio>(
    "bio", relate::column("id", &cf::Bio::id, relate::primary_key),
    relate::column("user_id", &cf::Bio::user_id, relate::foreign_key(&cf::User::id)));
int main() { relate::Database("sqlite://").create_all<cf::User>(); }
