// Profiles: what an author tells readers about themselves.

#include "relate/relate.hpp"
#include "store/blog_store.hpp"
#include "store/models.hpp"
#include "store/store_support.hpp"

namespace folio {

using relate::col;
using namespace store_support;

ProfileView BlogStore::profile(std::int64_t user_id) {
  auto s = db_->session();
  auto u = s.query<User>()
               .options(relate::joinedload(&User::profile))
               .filter(col(&User::id) == user_id)
               .first();
  ProfileView out;
  if (!u) return out;
  out.display_name = u->display_name;
  if (const relate::Ptr<Profile> p = u->profile) {
    out.bio = p->bio;
    out.website = p->website.value_or("");
  }
  return out;
}

void BlogStore::save_profile(std::int64_t user_id, const ProfileView& profile) {
  unless_unavailable([&] {
    auto s = db_->session();
    auto u = s.get<User>(user_id);
    if (!u) return;
    u->display_name = profile.display_name;
    relate::Ptr<Profile> p = u->profile;
    if (!p) {
      p = relate::make(Profile{});
      u->profile = p;
    }
    p->bio = profile.bio;
    p->website = profile.website.empty() ? std::nullopt : std::optional(profile.website);
    s.commit();
  });
}

}  // namespace folio
