#pragma once
// URL slugs: "Post The First!" -> "post-the-first".

#include <string>
#include <string_view>

namespace folio {

// Lower-case ASCII letters and digits, other runs of characters turned into
// one '-', no leading or trailing '-', at most `max_length` characters.
// Non-ASCII letters are dropped. May be empty.
std::string slugify(std::string_view text, std::size_t max_length = 120);

}  // namespace folio
