#include "util/profile_form.hpp"

#include "store/limits.hpp"
#include "util/comment_form.hpp"
#include "util/text.hpp"

namespace folio {

ProfileForm validate_profile(std::string_view display_name, std::string_view bio,
                             std::string_view website) {
  ProfileForm form;
  form.fields = ProfileView{.display_name = std::string(trim(display_name)),
                            .bio = std::string(trim(bio)),
                            .website = std::string(trim(website))};
  const ProfileView& f = form.fields;
  if (has_control_characters(f.display_name, false)) {
    form.errors["display_name"] = "A name is one line, without control characters.";
  } else if (characters(f.display_name) > kAuthorMax) {
    form.errors["display_name"] = "A name can be at most 128 characters long.";
  }
  if (has_control_characters(f.bio, true)) {
    form.errors["bio"] = "A bio cannot contain control characters: only tabs and line breaks.";
  } else if (characters(f.bio) > kBioMax) {
    form.errors["bio"] = "A bio can be at most 2,000 characters long.";
  }
  if (!f.website.empty()) {
    if (!is_http_url(f.website)) {
      form.errors["website"] = "A website must be an http:// or https:// address.";
    } else if (characters(f.website) > kWebsiteMax) {
      form.errors["website"] = "A website address can be at most 255 characters long.";
    }
  }
  return form;
}

}  // namespace folio
