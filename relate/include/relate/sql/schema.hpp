#pragma once
// The SQL column types and ON DELETE rules a mapping names. The tables
// themselves (TableInfo) are relate's own, built from the mappings.

namespace relate::sql {

enum class SqlType { integer, real, boolean, text, timestamp };

enum class OnDelete { no_action, restrict, cascade, set_null };

// Tables as the SQL compiler reads them (private: src/relate/sql/table.hpp).
struct TableInfo;

}  // namespace relate::sql
