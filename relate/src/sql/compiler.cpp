#include "relate/sql/compiler.hpp"

#include <algorithm>
#include <stdexcept>

#include "builder.hpp"
#include "relate/sql/expression_node.hpp"
#include "relate/sql/fulltext_sql.hpp"

namespace relate::sql {

namespace detail {

std::string_view operator_text(CompareOp op) {
  switch (op) {
    case CompareOp::eq:
      return " = ";
    case CompareOp::ne:
      return " != ";
    case CompareOp::lt:
      return " < ";
    case CompareOp::le:
      return " <= ";
    case CompareOp::gt:
      return " > ";
    case CompareOp::ge:
      return " >= ";
    case CompareOp::like:
      return " LIKE ";
    case CompareOp::not_like:
      return " NOT LIKE ";
  }
  throw std::logic_error("unknown comparison operator");
}

SqlType type_of(const Value& v) {
  switch (v.index()) {
    case 1:
      return SqlType::integer;
    case 2:
      return SqlType::real;
    case 3:
      return SqlType::boolean;
    case 5:
      return SqlType::timestamp;
    default:
      return SqlType::text;
  }
}

void Builder::expressions(const std::vector<Expression>& list, bool typed_values) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i) sql(", ");
    expression(list[i], typed_values);
  }
}

void Builder::expression(const Expression& e, bool typed_values) {
  using Kind = Expression::Node::Kind;
  const Expression::Node& n = e.node();
  switch (n.kind) {
    case Kind::column:
      column(n.column);
      return;
    case Kind::value:
      out_.params.push_back(n.value);
      if (typed_values && !std::holds_alternative<std::monostate>(n.value)) {
        dialect_.append_typed_placeholder(out_.text, out_.params.size(), type_of(n.value));
      } else {
        dialect_.append_placeholder(out_.text, out_.params.size());
      }
      return;
    case Kind::count_rows:
      sql("count(*)");
      return;
    case Kind::function:
      sql(dialect_.function_name(n.function)).sql(n.distinct ? "(DISTINCT " : "(");
      expressions(n.args, false);
      sql(")");
      return;
    case Kind::arithmetic:
      if (n.op == ArithmeticOp::concat && dialect_.concat_is_function()) {
        sql("CONCAT(");
        expression(n.args.at(0));
        sql(", ");
        expression(n.args.at(1));
        sql(")");
        return;
      }
      sql("(");
      expression(n.args.at(0));
      sql(dialect_.arithmetic_operator(n.op, n.type));
      expression(n.args.at(1));
      sql(")");
      return;
    case Kind::case_when:
      sql("CASE");
      for (std::size_t i = 0; i < n.whens.size(); ++i) {
        sql(" WHEN ");
        condition(n.whens[i]);
        sql(" THEN ");
        expression(n.args.at(i), true);
      }
      if (n.has_else) {
        sql(" ELSE ");
        expression(n.args.back(), true);
      }
      sql(" END");
      return;
    case Kind::cast:
      sql("CAST(");
      expression(n.args.at(0), true);
      sql(" AS ").sql(dialect_.cast_type(n.type)).sql(")");
      return;
    case Kind::scalar:
      sql("(");
      select(*n.subquery);
      sql(")");
      return;
    case Kind::fulltext_rank:
      fulltext_rank(n.column, n.fulltext_index, std::get<std::string>(n.value));
      return;
  }
}

void Builder::operand(const Condition::Node& n) {
  if (n.operands.empty()) {
    column(n.column);
  } else {
    expression(n.operands.front());
  }
}

void Builder::condition(const Condition& c) {
  using Kind = Condition::Node::Kind;
  const Condition::Node& n = c.node();
  switch (n.kind) {
    case Kind::compare_value:
      if (n.operands.size() == 2) {
        const Expression::Node& rhs = n.operands[1].node();
        if (rhs.kind == Expression::Node::Kind::value &&
            std::holds_alternative<std::monostate>(rhs.value) &&
            (n.op == CompareOp::eq || n.op == CompareOp::ne)) {
          operand(n);
          sql(n.op == CompareOp::eq ? " IS NULL" : " IS NOT NULL");
        } else {
          operand(n);
          sql(operator_text(n.op));
          expression(n.operands[1]);
        }
        return;
      }
      // `= NULL` is never true in SQL; comparing with a null optional means IS NULL.
      if (std::holds_alternative<std::monostate>(n.values.front()) &&
          (n.op == CompareOp::eq || n.op == CompareOp::ne)) {
        column(n.column).sql(n.op == CompareOp::eq ? " IS NULL" : " IS NOT NULL");
      } else {
        column(n.column).sql(operator_text(n.op)).param(n.values.front());
      }
      return;
    case Kind::compare_column:
      column(n.column).sql(operator_text(n.op)).column(n.other_column);
      return;
    case Kind::in:
      if (n.subquery) {
        operand(n);
        sql(n.negated ? " NOT IN (" : " IN (");
        select(*n.subquery);
        sql(")");
        return;
      }
      if (n.values.empty()) {
        // "x IN ()" is not SQL; an empty list matches nothing.
        sql(n.negated ? "1 = 1" : "1 = 0");
        return;
      }
      operand(n);
      sql(n.negated ? " NOT IN (" : " IN (");
      for (std::size_t i = 0; i < n.values.size(); ++i) {
        if (i) sql(", ");
        param(n.values[i]);
      }
      sql(")");
      return;
    case Kind::is_null:
      operand(n);
      sql(n.negated ? " IS NOT NULL" : " IS NULL");
      return;
    case Kind::exists:
      sql("EXISTS (");
      select(*n.subquery);
      sql(")");
      return;
    case Kind::all:
    case Kind::any:
      sql("(");
      for (std::size_t i = 0; i < n.children.size(); ++i) {
        if (i) sql(n.kind == Kind::all ? " AND " : " OR ");
        condition(n.children[i]);
      }
      sql(")");
      return;
    case Kind::negate:
      sql("NOT (");
      condition(n.children.front());
      sql(")");
      return;
    case Kind::constant:
      sql(n.constant ? "1 = 1" : "1 = 0");
      return;
    case Kind::fulltext_match:
      fulltext_match(n.column, n.fulltext_index, std::get<std::string>(n.values.front()));
      return;
  }
}

void Builder::where(const Select& s) {
  where(s.where);
}

void Builder::where(const std::vector<Condition>& terms) {
  for (std::size_t i = 0; i < terms.size(); ++i) {
    sql(i == 0 ? " WHERE " : " AND ");
    // Top-level terms are joined by AND; a term that is itself an OR keeps
    // its own parentheses from condition().
    condition(terms[i]);
  }
}

void Builder::order_by(const std::vector<OrderTerm>& terms, bool first) {
  for (std::size_t i = 0; i < terms.size(); ++i) {
    sql(first && i == 0 ? " ORDER BY " : ", ");
    if (terms[i].expression) {
      expression(*terms[i].expression);
    } else {
      column(terms[i].column);
    }
    if (terms[i].descending) sql(" DESC");
  }
}

void Builder::limit_offset(const Select& s) {
  if (s.limit) {
    sql(" LIMIT ").param(*s.limit);
  } else if (s.offset && dialect_.requires_limit_with_offset()) {
    sql(" LIMIT ").param(dialect_.no_limit());
  }
  if (s.offset) sql(" OFFSET ").param(*s.offset);
}

void Builder::joins(const Select& s) {
  // In a limited eager select the query's own joins are in the subquery.
  const bool limited = s.limit || s.offset;
  for (const Join& j : s.joins) {
    if (limited && j.explicit_join && s.shape == Select::Shape::rows &&
        std::any_of(s.joins.begin(), s.joins.end(), [](const Join& k) { return k.select_columns; }))
      continue;
    sql(j.inner ? " JOIN " : " LEFT OUTER JOIN ").identifier(j.table->name);
    if (!j.alias.empty()) sql(" AS ").identifier(j.alias);
    sql(" ON ");
    condition(j.on);
  }
}

void Builder::extra_columns(const Select& s) {
  for (const ColumnRef& c : s.extra_columns)
    sql(", ").column(c);
}

// SELECT t.*, j1.*, ... FROM t LEFT OUTER JOIN j1 ON ... ORDER BY ..., t.id, j1...
// With a limit or offset, t is a subquery that applies them to t's rows and
// goes by t's name, so the rest of the statement reads the same.
void Builder::select_joined(const Select& s) {
  sql("SELECT ").sql(column_list(*s.table, dialect_));
  for (const Join& j : s.joins) {
    if (j.select_columns) sql(", ").sql(column_list(*j.table, dialect_, j.alias));
  }
  extra_columns(s);
  sql(" FROM ");
  const bool limited = s.limit || s.offset;
  if (limited) {
    Select inner = s;
    std::erase_if(inner.joins, [](const Join& j) { return !j.explicit_join; });
    inner.extra_columns.clear();
    sql("(");
    select(inner);
    sql(") AS ");
  }
  identifier(s.table->name);
  joins(s);
  if (!limited) where(s);
  order_by(s.order_by, true);
  order_by({OrderTerm{{s.table, s.table->primary_key}, false}}, s.order_by.empty());
  for (const Join& j : s.joins)
    order_by(j.order_by, false);
}

// SELECT [DISTINCT] e1, e2 FROM t JOIN ... WHERE ... GROUP BY ... HAVING ...
void Builder::select_columns(const Select& s) {
  sql(s.distinct ? "SELECT DISTINCT " : "SELECT ");
  expressions(s.columns, true);
  sql(" FROM ").identifier(s.table->name);
  if (!s.alias.empty()) sql(" AS ").identifier(s.alias);
  joins(s);
  where(s);
  if (!s.group_by.empty()) {
    sql(" GROUP BY ");
    expressions(s.group_by, false);
  }
  for (std::size_t i = 0; i < s.having.size(); ++i) {
    sql(i == 0 ? " HAVING " : " AND ");
    condition(s.having[i]);
  }
  order_by(s.order_by, true);
  limit_offset(s);
}

void Builder::select(const Select& s) {
  if (s.shape == Select::Shape::columns) {
    select_columns(s);
    return;
  }
  if (s.per_partition_limit && s.shape == Select::Shape::rows) {
    // SELECT t.* FROM (SELECT t.*, row_number() OVER (PARTITION BY ... ORDER BY ...)
    // AS relate_row FROM t WHERE ...) AS t WHERE relate_row <= ? ORDER BY ...
    Select inner = s;
    inner.per_partition_limit.reset();
    inner.order_by.clear();
    inner.limit.reset();
    inner.offset.reset();
    sql("SELECT ").sql(column_list(*s.table, dialect_)).sql(" FROM (SELECT ");
    sql(column_list(*s.table, dialect_)).sql(", row_number() OVER (PARTITION BY ");
    column(s.partition_by);
    order_by(s.partition_order, true);
    sql(") AS relate_row FROM ").identifier(s.table->name);
    where(inner);
    sql(") AS ")
        .identifier(s.table->name)
        .sql(" WHERE relate_row <= ")
        .param(*s.per_partition_limit);
    order_by(s.order_by, true);
    limit_offset(s);
    return;
  }
  if (s.shape == Select::Shape::count && (s.limit || s.offset)) {
    // count(*) ignores LIMIT: count the rows a limited query returns.
    // SELECT count(*) FROM (SELECT 1 FROM t WHERE ... LIMIT ? OFFSET ?) AS relate_counted
    Select inner = s;
    inner.shape = Select::Shape::exists_marker;
    sql("SELECT count(*) FROM (");
    select(inner);
    sql(") AS relate_counted");
    return;
  }
  const bool eager =
      s.shape == Select::Shape::rows &&
      std::any_of(s.joins.begin(), s.joins.end(), [](const Join& j) { return j.select_columns; });
  if (eager) {
    select_joined(s);
    return;
  }
  switch (s.shape) {
    case Select::Shape::rows:
      sql("SELECT ").sql(column_list(*s.table, dialect_, s.alias));
      extra_columns(s);
      break;
    case Select::Shape::count:
      sql("SELECT count(*)");
      break;
    case Select::Shape::exists_marker:
    case Select::Shape::columns:  // select_columns
      sql("SELECT 1");
      break;
  }
  sql(" FROM ").identifier(s.table->name);
  if (!s.alias.empty()) sql(" AS ").identifier(s.alias);
  joins(s);
  where(s);
  order_by(s.order_by, true);
  limit_offset(s);
}

}  // namespace detail

using detail::Builder;

CompiledSql compile(const Select& select, const Dialect& dialect) {
  Builder b{dialect};
  b.select(select);
  return b.take();
}

std::string column_list(const TableInfo& table, const Dialect& dialect, std::string_view alias) {
  std::string out;
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    if (i) out += ", ";
    dialect.append_identifier(out, alias.empty() ? std::string_view(table.name) : alias);
    out += '.';
    dialect.append_identifier(out, table.columns[i].name);
  }
  return out;
}

std::string insert_sql(const TableInfo& table, bool include_primary_key, const Dialect& dialect) {
  std::string out = "INSERT INTO ";
  dialect.append_identifier(out, table.name);
  out += " (";
  std::size_t n = 0;
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    if (i == table.primary_key && !include_primary_key) continue;
    if (n++) out += ", ";
    dialect.append_identifier(out, table.columns[i].name);
  }
  out += ") VALUES (";
  for (std::size_t i = 1; i <= n; ++i) {
    if (i > 1) out += ", ";
    dialect.append_placeholder(out, i);
  }
  out += ')';
  if (n == 0) {
    // A table with nothing but its generated key: "()" is not SQL.
    out.resize(out.find(" ("));
    out += dialect.default_values_clause();
  }
  if (dialect.returns_new_keys()) {
    out += " RETURNING ";
    dialect.append_identifier(out, table.columns[table.primary_key].name);
  }
  return out;
}

std::size_t max_rows_per_insert(const TableInfo& table, const Dialect& dialect) noexcept {
  // PostgreSQL's wire protocol counts parameters in 16 bits.
  constexpr std::size_t kMaxParameters = 65535;
  const std::size_t columns = std::max<std::size_t>(table.columns.size() - 1, 1);
  return std::max<std::size_t>(1,
                               std::min(dialect.max_rows_per_insert(), kMaxParameters / columns));
}

std::string insert_many_sql(const TableInfo& table, std::size_t rows, const Dialect& dialect) {
  std::string out = "INSERT INTO ";
  dialect.append_identifier(out, table.name);
  out += " (";
  std::vector<std::size_t> columns;
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    if (i == table.primary_key) continue;
    if (!columns.empty()) out += ", ";
    dialect.append_identifier(out, table.columns[i].name);
    columns.push_back(i);
  }
  if (dialect.plain_multi_row_insert()) {
    out += ") VALUES ";
    std::size_t index = 0;
    for (std::size_t r = 0; r < rows; ++r) {
      out += r ? ", (" : "(";
      for (std::size_t c = 0; c < columns.size(); ++c) {
        if (c) out += ", ";
        dialect.append_placeholder(out, ++index);
      }
      out += ')';
    }
    out += " RETURNING ";
    dialect.append_identifier(out, table.columns[table.primary_key].name);
    return out;
  }
  out += ") SELECT ";
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (c) out += ", ";
    out += 'p' + std::to_string(c);
  }
  // The sentinel column numbers the rows; ordering by it makes the database
  // draw identity values in row order (SQLAlchemy's "insertmanyvalues").
  out += " FROM (VALUES ";
  std::size_t index = 0;
  for (std::size_t r = 0; r < rows; ++r) {
    out += r ? ", (" : "(";
    for (std::size_t c : columns) {
      dialect.append_typed_placeholder(out, ++index, table.columns[c].type);
      out += ", ";
    }
    out += std::to_string(r);
    out += ')';
  }
  out += ") AS batch (";
  for (std::size_t c = 0; c < columns.size(); ++c) {
    out += 'p' + std::to_string(c);
    out += ", ";
  }
  out += "sentinel) ORDER BY sentinel RETURNING ";
  dialect.append_identifier(out, table.columns[table.primary_key].name);
  return out;
}

std::string update_sql(const TableInfo& table, std::uint64_t changed, const Dialect& dialect) {
  std::string out = "UPDATE ";
  dialect.append_identifier(out, table.name);
  out += " SET ";
  std::size_t n = 0;
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    if (!(changed >> i & 1U)) continue;
    if (n++) out += ", ";
    dialect.append_identifier(out, table.columns[i].name);
    out += " = ";
    dialect.append_placeholder(out, n);
  }
  out += " WHERE ";
  dialect.append_identifier(out, table.columns[table.primary_key].name);
  out += " = ";
  dialect.append_placeholder(out, n + 1);
  if (table.version_column) {
    out += " AND ";
    dialect.append_identifier(out, table.columns[*table.version_column].name);
    out += " = ";
    dialect.append_placeholder(out, n + 2);
  }
  return out;
}

std::string link_insert_sql(const TableInfo& table, const Dialect& dialect) {
  std::string out = "INSERT INTO ";
  dialect.append_identifier(out, table.name);
  out += " (";
  dialect.append_identifier(out, table.columns.at(0).name);
  out += ", ";
  dialect.append_identifier(out, table.columns.at(1).name);
  out += ") VALUES (";
  dialect.append_placeholder(out, 1);
  out += ", ";
  dialect.append_placeholder(out, 2);
  out += ')';
  return out;
}

std::string link_delete_sql(const TableInfo& table, const Dialect& dialect) {
  std::string out = "DELETE FROM ";
  dialect.append_identifier(out, table.name);
  out += " WHERE ";
  dialect.append_identifier(out, table.columns.at(0).name);
  out += " = ";
  dialect.append_placeholder(out, 1);
  out += " AND ";
  dialect.append_identifier(out, table.columns.at(1).name);
  out += " = ";
  dialect.append_placeholder(out, 2);
  return out;
}

std::string delete_sql(const TableInfo& table, const Dialect& dialect) {
  std::string out = "DELETE FROM ";
  dialect.append_identifier(out, table.name);
  out += " WHERE ";
  dialect.append_identifier(out, table.columns[table.primary_key].name);
  out += " = ";
  dialect.append_placeholder(out, 1);
  return out;
}

CompiledSql compile_update(const TableInfo& table, const std::vector<ColumnValue>& sets,
                           const std::vector<Condition>& where, bool returning,
                           const Dialect& dialect) {
  Builder b{dialect};
  b.sql("UPDATE ").identifier(table.name).sql(" SET ");
  for (std::size_t i = 0; i < sets.size(); ++i) {
    if (i) b.sql(", ");
    b.identifier(table.columns.at(sets[i].column).name).sql(" = ").param(sets[i].value);
  }
  b.where(where);
  if (returning) b.sql(" RETURNING ").sql(column_list(table, dialect));
  return b.take();
}

CompiledSql compile_delete(const TableInfo& table, const std::vector<Condition>& where,
                           bool returning, const Dialect& dialect) {
  Builder b{dialect};
  b.sql("DELETE FROM ").identifier(table.name);
  b.where(where);
  if (returning) b.sql(" RETURNING ").column({&table, table.primary_key});
  return b.take();
}

std::string savepoint_sql(SavepointStep step, std::string_view name, const Dialect& dialect) {
  std::string out;
  switch (step) {
    case SavepointStep::begin:
      out = "SAVEPOINT ";
      break;
    case SavepointStep::release:
      out = "RELEASE SAVEPOINT ";
      break;
    case SavepointStep::rollback:
      out = "ROLLBACK TO SAVEPOINT ";
      break;
  }
  dialect.append_identifier(out, name);
  return out;
}

namespace {

std::string_view on_delete_text(OnDelete action) {
  switch (action) {
    case OnDelete::no_action:
      return "";
    case OnDelete::restrict:
      return " ON DELETE RESTRICT";
    case OnDelete::cascade:
      return " ON DELETE CASCADE";
    case OnDelete::set_null:
      return " ON DELETE SET NULL";
  }
  return "";
}

}  // namespace

std::vector<std::string> create_table_sql(const TableInfo& table, const Dialect& dialect) {
  std::string out = "CREATE TABLE IF NOT EXISTS ";
  dialect.append_identifier(out, table.name);
  out += " (\n";
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    const ColumnInfo& c = table.columns[i];
    if (i) out += ",\n";
    out += "  ";
    dialect.append_identifier(out, c.name);
    out += ' ';
    out += dialect.column_definition(c);
    if (c.default_now) {
      out += " DEFAULT ";
      out += dialect.current_timestamp_default();
    } else if (c.default_value) {
      out += " DEFAULT ";
      dialect.append_literal(out, *c.default_value);
    }
  }
  if (!table.composite_key.empty()) {
    out += ",\n  CONSTRAINT ";
    dialect.append_identifier(out, "pk_" + table.name);
    out += " PRIMARY KEY (";
    for (std::size_t i = 0; i < table.composite_key.size(); ++i) {
      if (i) out += ", ";
      dialect.append_identifier(out, table.columns.at(table.composite_key[i]).name);
    }
    out += ')';
  }
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    const ColumnInfo& c = table.columns[i];
    if (c.unique && !c.primary_key) {
      out += ",\n  CONSTRAINT ";
      dialect.append_identifier(out, table.unique_constraint_name(i));
      out += " UNIQUE (";
      dialect.append_identifier(out, c.name);
      out += ')';
    }
  }
  for (const ColumnInfo& c : table.columns) {
    if (!c.foreign_key) continue;
    const ForeignKeyInfo& fk = *c.foreign_key;
    if (fk.target == nullptr) {
      throw std::logic_error("foreign key " + fk.name + " has no target table");
    }
    out += ",\n  CONSTRAINT ";
    dialect.append_identifier(out, fk.name);
    out += " FOREIGN KEY (";
    dialect.append_identifier(out, c.name);
    out += ") REFERENCES ";
    dialect.append_identifier(out, fk.target->name);
    out += " (";
    dialect.append_identifier(out, fk.target->columns.at(fk.target_column).name);
    out += ')';
    out += on_delete_text(fk.on_delete);
  }
  out += "\n)";
  out += dialect.table_options();

  std::vector<std::string> statements{std::move(out)};
  for (const IndexInfo& index : table.indexes()) {
    std::string ddl =
        index.unique ? "CREATE UNIQUE INDEX IF NOT EXISTS " : "CREATE INDEX IF NOT EXISTS ";
    dialect.append_identifier(ddl, index.name);
    ddl += " ON ";
    dialect.append_identifier(ddl, table.name);
    ddl += " (";
    for (std::size_t i = 0; i < index.columns.size(); ++i) {
      if (i) ddl += ", ";
      dialect.append_identifier(ddl, table.columns.at(index.columns[i]).name);
    }
    ddl += ')';
    statements.push_back(std::move(ddl));
  }
  for (const FulltextIndexInfo& index : table.fulltext_indexes) {
    FulltextTarget target{table.name, index.name, {}, table.columns.at(table.primary_key).name};
    for (std::size_t c : index.columns)
      target.columns.push_back(table.columns.at(c).name);
    for (std::string& ddl : create_fulltext_sql(target, dialect, true))
      statements.push_back(std::move(ddl));
  }
  return statements;
}

std::string drop_table_sql(const TableInfo& table, const Dialect& dialect) {
  std::string out = "DROP TABLE IF EXISTS ";
  dialect.append_identifier(out, table.name);
  return out;
}

}  // namespace relate::sql
