// Conditional GET (RFC 9110 section 13): a response's validators (ETag, Last-Modified), and
// 304 Not Modified, without a body, for a client whose copy is still current.
#pragma once

#include <chrono>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

#include "web/response.hpp"

namespace web {

class Request;

// A strong entity tag for a representation whose bytes are `body`: the quoted hex of a 128-bit
// BLAKE2b hash ("\"5d41402abc4b2a76b9719d911017c592\""). The same bytes give the same tag in
// every process, so servers behind one load balancer agree. Thread-safe; throws
// std::runtime_error only when libsodium cannot initialise.
std::string etag_of(std::string_view body);

// Whether a client that sent these header values holds the current representation (RFC 9110
// section 13.2): If-None-Match lists `etag` (weak comparison: a "W/" prefix is ignored; "*"
// matches any), or, only when there is no If-None-Match, If-Modified-Since is an HTTP date at
// or after `last_modified` (HTTP dates have whole seconds). A date that does not parse counts
// as absent. Thread-safe, no exceptions.
bool client_copy_is_current(std::optional<std::string_view> if_none_match,
                            std::optional<std::string_view> if_modified_since,
                            std::string_view etag,
                            std::optional<std::time_t> last_modified) noexcept;

// For a page whose entity tag is known before it is rendered (App::page_etag): for a GET or
// HEAD whose If-None-Match lists `etag` (or, without If-None-Match, whose If-Modified-Since
// is at or after `last_modified`), a 304 Not Modified carrying the ETag; otherwise nullopt:
// render the page and give it the ETag header `etag`. Thread-safe, no exceptions but
// std::bad_alloc.
std::optional<Response> not_modified(const Request& request, std::string_view etag,
                                     std::optional<std::time_t> last_modified = {});

// Makes `response` answer a conditional GET or HEAD. A 200 gets ETag (etag_of its body) and,
// when `last_modified` is given, Last-Modified (rounded down to the second); when `request`'s
// If-None-Match / If-Modified-Since say the client's copy is current, it comes back as 304 Not
// Modified with no body and no Content-Type (its other headers, such as Cache-Control, kept).
// Other statuses, and methods other than GET and HEAD, come back unchanged.
Response conditional(const Request& request, Response response,
                     std::optional<std::chrono::system_clock::time_point> last_modified = {});

}  // namespace web
