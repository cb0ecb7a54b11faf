#pragma once
// Field lengths shared by the model and the forms.

#include <cstddef>

namespace folio {

inline constexpr std::size_t kTitleMax = 100;
inline constexpr std::size_t kAuthorMax = 128;
inline constexpr std::size_t kWebsiteMax = 255;
inline constexpr std::size_t kUsernameMax = 64;
inline constexpr std::size_t kCommentMax = 10'000;
// Comments on one page of a post (oldest first; ?page=N for the rest): a post
// with a hundred thousand comments is still a page of a few kilobytes.
inline constexpr int kCommentsPerPostPage = 50;

}  // namespace folio
