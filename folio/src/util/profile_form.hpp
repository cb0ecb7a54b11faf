#pragma once
// The profile form: display name, bio, website.

#include <map>
#include <string>
#include <string_view>

#include "store/views.hpp"

namespace folio {

struct ProfileForm {
  ProfileView fields{};                         // as typed, trimmed
  std::map<std::string, std::string> errors{};  // field name -> message
  bool valid() const noexcept { return errors.empty(); }
};

// Display name at most 128 characters on one line; bio at most 2,000
// characters; website empty or an http(s) URL of at most 255 characters.
ProfileForm validate_profile(std::string_view display_name, std::string_view bio,
                             std::string_view website);

}  // namespace folio
