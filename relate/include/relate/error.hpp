#pragma once
// The errors relate throws. Every one derives from relate::Error, and every
// message names what went wrong and where (URL, table, column, constraint).

#include <cstddef>
#include <stdexcept>
#include <string>

namespace relate {

// Base of everything relate throws.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A database URL that cannot be parsed or names an unknown backend.
class UrlError : public Error {
 public:
  using Error::Error;
};

// A connection could not be opened, or was lost (the operation in flight
// failed; the pool replaces the connection for the next one).
class ConnectionError : public Error {
 public:
  using Error::Error;
};

// No pooled connection became free within the pool's timeout.
class PoolTimeout : public ConnectionError {
 public:
  using ConnectionError::ConnectionError;
};

// An error reported by the database while running a statement.
class DatabaseError : public Error {
 public:
  using Error::Error;
};

// The database could not do the work right now (locked, busy, I/O, full).
class OperationalError : public DatabaseError {
 public:
  using DatabaseError::DatabaseError;
};

// The three below are conditions of the machine, not of the statement: the
// same write may succeed later, once an operator (or the other writer) is
// done. The transaction they interrupt is rolled back; the connection stays
// usable.

// No room to write: the disk (or the file system's quota) is full.
// SQLite: SQLITE_FULL; PostgreSQL: disk_full.
class StorageFull : public OperationalError {
 public:
  using OperationalError::OperationalError;
};

// The database cannot be written: a read-only file, folder or mount.
// SQLite: SQLITE_READONLY (and its extended codes); PostgreSQL:
// read_only_sql_transaction (a hot standby, default_transaction_read_only).
class ReadOnlyDatabase : public OperationalError {
 public:
  using OperationalError::OperationalError;
};

// A lock the statement needed was not granted within the busy timeout
// (another writer held it). SQLite: SQLITE_BUSY (and its extended codes);
// PostgreSQL: lock_not_available (lock_timeout).
class LockTimeout : public OperationalError {
 public:
  using OperationalError::OperationalError;
};

// A constraint of the schema refused the change. `constraint()` names it
// (e.g. "uq_user_username", "fk_comment_post_id") when it can be known,
// `table()` names the table written to. `detail()` is the database's own
// detail line where it gives one (PostgreSQL: "Key (username)=(ada) already
// exists."), else empty.
class IntegrityError : public DatabaseError {
 public:
  IntegrityError(const std::string& message, std::string table, std::string constraint,
                 std::string detail = {})
      : DatabaseError(message),
        table_(std::move(table)),
        constraint_(std::move(constraint)),
        detail_(std::move(detail)) {}
  const std::string& table() const noexcept { return table_; }
  const std::string& constraint() const noexcept { return constraint_; }
  const std::string& detail() const noexcept { return detail_; }

 private:
  std::string table_;
  std::string constraint_;
  std::string detail_;
};

class UniqueViolation : public IntegrityError {
 public:
  using IntegrityError::IntegrityError;
};
class ForeignKeyViolation : public IntegrityError {
 public:
  using IntegrityError::IntegrityError;
};
class NotNullViolation : public IntegrityError {
 public:
  using IntegrityError::IntegrityError;
};
class CheckViolation : public IntegrityError {
 public:
  using IntegrityError::IntegrityError;
};

// A value that does not fit its column, or a stored value that does not fit
// the C++ member it is read into.
class DataError : public Error {
 public:
  using Error::Error;
};

// A string longer than its column's varchar length; checked before the
// statement runs because SQLite does not enforce the length itself.
class ValueTooLong : public DataError {
 public:
  ValueTooLong(const std::string& message, std::size_t length, std::size_t limit)
      : DataError(message), length_(length), limit_(limit) {}
  std::size_t length() const noexcept { return length_; }
  std::size_t limit() const noexcept { return limit_; }

 private:
  std::size_t length_;
  std::size_t limit_;
};

// Query::one() found no row.
class NoResultFound : public Error {
 public:
  using Error::Error;
};

// Query::one() or one_or_none() found more than one row.
class MultipleResultsFound : public Error {
 public:
  using Error::Error;
};

// A lazy load on an object whose session is gone (SQLAlchemy's
// DetachedInstanceError): load what you need while the session is open.
class DetachedInstanceError : public Error {
 public:
  using Error::Error;
};

// An UPDATE or DELETE of an object found no row: it was deleted behind the
// session's back (by another session or process).
class StaleDataError : public Error {
 public:
  using Error::Error;
};

// The ORM was asked to do something that cannot be done as asked (an object
// already in another session, a relationship member that was never mapped...).
class InvalidRequestError : public Error {
 public:
  using Error::Error;
};

// A flush or commit of this session failed, so its transaction was rolled
// back (objects it had inserted are new again, changed ones are expired);
// the session refuses to read or write until rollback() or close() says the
// caller has seen it. The message names the first failure.
class PendingRollbackError : public InvalidRequestError {
 public:
  using InvalidRequestError::InvalidRequestError;
};

// A relationship whose strategy is Load::raise was accessed without being
// loaded by its query; the message names it and the option that loads it.
class LazyLoadError : public InvalidRequestError {
 public:
  using InvalidRequestError::InvalidRequestError;
};

// The N+1 detector in NPlusOne::raise mode: one relationship was loaded
// lazily, object by object, for many objects of one query result.
class NPlusOneError : public InvalidRequestError {
 public:
  using InvalidRequestError::InvalidRequestError;
};

// The index check in ScanCheck::raise mode (Database::set_scan_check): the
// SELECT about to run reads a whole table where an index would serve; the
// message names the tables, the statement and its plan. Nothing ran.
class FullScanError : public InvalidRequestError {
 public:
  using InvalidRequestError::InvalidRequestError;
};

// A migration could not be run as asked: revisions that are not one chain,
// a step that does not fit the schema (the message names the revision and
// the step), a database at an unknown revision, a downgrade across a
// revision that cannot be undone. The revision's transaction was rolled back.
class MigrationError : public Error {
 public:
  using Error::Error;
};

// A statement would exceed the budget of a Session::budget() scope.
class StatementBudgetExceeded : public Error {
 public:
  using Error::Error;
};

}  // namespace relate
