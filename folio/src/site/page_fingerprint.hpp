#pragma once
// What a page shows, written down as text for its entity tag
// (web::App::page_etag): the same data gives the same fingerprint, and any
// change a reader could see (a comment added, deleted or approved, the post
// edited, an author renamed) gives another. Made from store views before any
// rendering, so that a conditional GET of an unchanged page costs its queries
// and a hash, not a rendering.

#include <string>
#include <string_view>

#include "store/views.hpp"

namespace folio {

// A post page: the post (its fields, author, tags) and its page of comments.
std::string page_fingerprint(const PostWithComments& page);
// A page of a list of posts or of comments; `list` names the list ("index").
std::string page_fingerprint(std::string_view list, const PageOf<PostView>& page);
std::string page_fingerprint(std::string_view list, const PageOf<CommentView>& page);

}  // namespace folio
