#pragma once
// Turning database errors into messages that name the constraint and the
// values involved.

#include "relate/connection/connection.hpp"
#include "relate/error.hpp"
#include "relate/orm/object.hpp"
#include "relate/sql/dialect.hpp"

namespace relate::detail {

enum class WriteKind { insert, update, remove };

// Rethrows `error` (the same type) with the constraint named and explained.
// Where the database did not say which constraint failed (SQLite's foreign
// keys), asks it with queries on `connection`, whose transaction is still
// usable after a failed statement.
[[noreturn]] void explain_integrity_error(const IntegrityError& error, const ObjectState& object,
                                          WriteKind kind, Connection& connection,
                                          const sql::Dialect& dialect);

}  // namespace relate::detail
