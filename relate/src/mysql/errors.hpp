#pragma once
// The server's errors as relate's typed errors, chosen by error number.

#include <string>
#include <string_view>

namespace relate::mysql {

// Throws the relate error for a failed statement: `code` and `message` are
// the server's (or the client library's, for codes 2000 and up), `sql` the
// statement, `target` where the server is. A lost connection (CR_SERVER_LOST,
// CR_SERVER_GONE_ERROR, a server shutting down or killing the session) is a
// ConnectionError; integrity violations name the constraint the message
// names (UniqueViolation: the key; ForeignKeyViolation: the constraint;
// NotNullViolation: "table.column" when the table is known); lock waits and
// deadlocks are LockTimeout / OperationalError; values that do not fit are
// DataErrors.
[[noreturn]] void throw_statement_error(unsigned code, std::string_view message,
                                        std::string_view sql, const std::string& target,
                                        std::string_view table = {});

// True when `code` means the connection cannot be used again.
bool is_connection_lost(unsigned code) noexcept;

// The statement as messages show it: long batches cut short.
std::string shown(std::string_view sql);

}  // namespace relate::mysql
