#pragma once
// What the search page shows of each post it finds (BlogStore::search).

#include <vector>

#include "store/views.hpp"
#include "util/snippet.hpp"

namespace folio {

struct SearchResult {
  PostView post{};
  std::vector<SnippetPiece> snippet{};  // of the post's text, around the first match
};

}  // namespace folio
