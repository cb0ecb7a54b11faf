#pragma once
// PostgreSQL's errors as relate's typed errors, chosen by SQLSTATE.

#include <libpq-fe.h>

#include <string>
#include <string_view>

namespace relate::postgres {

// Throws the relate error for a failed statement: `result` is what libpq
// returned (null when it could not even send), `sql` the statement, `target`
// where the server is. A lost connection (or a server going down, SQLSTATE
// class 08 and 57P01-57P03) is a ConnectionError; integrity violations carry
// the table and constraint the server names; serialization failures,
// deadlocks, lock timeouts, cancellations and exhausted resources are
// OperationalErrors; data exceptions (class 22) are DataErrors.
[[noreturn]] void throw_statement_error(const PGresult* result, PGconn* connection,
                                        std::string_view sql, const std::string& target);

// libpq's (multi-line) message as one line, without its final newline.
std::string one_line(const char* message);

// True when `result` says the server is closing this session (FATAL or
// PANIC severity): the connection cannot be used again.
bool says_goodbye(const PGresult* result) noexcept;

}  // namespace relate::postgres
