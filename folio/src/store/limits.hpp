#pragma once
// Field lengths shared by the model and the forms.

#include <cstddef>

namespace folio {

inline constexpr std::size_t kTitleMax = 100;
inline constexpr std::size_t kAuthorMax = 128;
inline constexpr std::size_t kWebsiteMax = 255;
inline constexpr std::size_t kUsernameMax = 64;
inline constexpr std::size_t kCommentMax = 10'000;
inline constexpr std::size_t kSlugMax = 120;
inline constexpr std::size_t kTagMax = 64;  // a tag's name and slug
inline constexpr std::size_t kTagsPerPost = 20;
inline constexpr std::size_t kPostMax = 100'000;  // a post's Markdown
inline constexpr std::size_t kBioMax = 2'000;
inline constexpr std::size_t kTokenNameMax = 100;  // an API token's name
// Comments on one page of a post (oldest first; ?page=N for the rest): a post
// with a hundred thousand comments is still a page of a few kilobytes.
inline constexpr int kCommentsPerPostPage = 50;

}  // namespace folio
