#include "web/http_error.hpp"

#include <utility>

namespace web {

HttpError::HttpError(Status status, std::string message)
    : std::runtime_error(message.empty() ? std::string(reason_phrase(status)) : std::move(message)),
      status_(status) {}

void abort(Status status, std::string message) {
  throw HttpError(status, std::move(message));
}

}  // namespace web
