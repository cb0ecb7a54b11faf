#pragma once
// Copies and checks of a live SQLite database file, through SQLite's online
// backup API: safe while other connections and processes read and write it.
// No relate::Database is needed (each call opens connections of its own), so
// a command-line tool can back up the database a server is using.

#include <string>
#include <string_view>

namespace relate::sqlite {

// Copies the database of the sqlite:/// file URL `url` into the file
// `destination`: a consistent snapshot (every transaction committed before
// the copy started, none after it began), made in one read transaction, so
// writers carry on meanwhile (WAL). The copy is written beside `destination`
// and renamed over it only once complete and checked with
// integrity_check(): a failed backup leaves no half-written file.
// Throws UrlError (not a sqlite file URL), ConnectionError (cannot open
// either file), LockTimeout / StorageFull / OperationalError (the copy
// failed), DatabaseError (the copy is not intact).
void backup_to(std::string_view url, const std::string& destination);

// SQLite's PRAGMA integrity_check on the database file of the sqlite:///
// URL `url`: "ok", or the problems it found, one a line. Writes nothing.
// Throws UrlError / ConnectionError / OperationalError.
std::string integrity_check(std::string_view url);

}  // namespace relate::sqlite
