#pragma once
// Turning database errors into messages that name the constraint and the
// values involved.

#include <span>

#include "relate/connection/connection.hpp"
#include "relate/error.hpp"
#include "relate/orm/object.hpp"
#include "relate/sql/dialect.hpp"

namespace relate::detail {

enum class WriteKind { insert, update, remove };

// Rethrows `error` (the same type) with the constraint named and explained,
// for the write of `objects` (one row, or the rows of one multi-row INSERT,
// all of one model). Where the database names the constraint (PostgreSQL),
// the message is built from the schema, the objects and the database's
// detail, with no query (the failed transaction accepts none). Where it
// does not (SQLite's foreign keys), asks it with queries on `connection`,
// whose transaction is still usable after a failed statement.
[[noreturn]] void explain_integrity_error(const IntegrityError& error,
                                          std::span<ObjectState* const> objects, WriteKind kind,
                                          Connection& connection, const sql::Dialect& dialect);

}  // namespace relate::detail
