// The whole web API in one include.
#pragma once

#include "web/app.hpp"            // IWYU pragma: export
#include "web/conditional.hpp"    // IWYU pragma: export
#include "web/config.hpp"         // IWYU pragma: export
#include "web/http_error.hpp"     // IWYU pragma: export
#include "web/method.hpp"         // IWYU pragma: export
#include "web/request.hpp"        // IWYU pragma: export
#include "web/response.hpp"       // IWYU pragma: export
#include "web/route_pattern.hpp"  // IWYU pragma: export
#include "web/server.hpp"         // IWYU pragma: export
#include "web/session.hpp"        // IWYU pragma: export
#include "web/status.hpp"         // IWYU pragma: export
#include "web/template.hpp"       // IWYU pragma: export
