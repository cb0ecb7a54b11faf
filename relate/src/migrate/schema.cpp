#include "relate/migrate/schema.hpp"

#include <algorithm>

#include "../orm/creation_order.hpp"
#include "describe.hpp"
#include "relate/migrate/models.hpp"

namespace relate::migrate {

namespace {

template <class Items>
auto find_named(Items& items, std::string_view name) noexcept -> decltype(&items.front()) {
  const auto it =
      std::find_if(items.begin(), items.end(), [&](const auto& x) { return x.name == name; });
  return it == items.end() ? nullptr : &*it;
}

// Constraints compared by what they do, not by name (SQLite keeps no names).
template <class T>
std::vector<std::string> unnamed(const std::vector<T>& items) {
  std::vector<std::string> out;
  for (T item : items) {
    item.name.clear();
    out.push_back(describe(item));
  }
  std::sort(out.begin(), out.end());
  return out;
}

void compare_tables(const Table& a, const Table& b, std::vector<std::string>& out) {
  const std::string& t = a.name;
  for (const Column& c : a.columns) {
    const Column* other = b.column(c.name);
    if (other == nullptr) {
      out.push_back("- column " + t + "." + c.name);
    } else if (!(*other == c)) {
      out.push_back("~ column " + t + "." + c.name + ": " + describe(c) + " -> " +
                    describe(*other));
    }
  }
  for (const Column& c : b.columns) {
    if (a.column(c.name) == nullptr) out.push_back("+ column " + t + "." + c.name);
  }
  if (a.primary_key != b.primary_key) {
    out.push_back("~ primary key of " + t + ": (" + joined(a.primary_key) + ") -> (" +
                  joined(b.primary_key) + ")");
  }
  const auto compare_sets = [&](const std::vector<std::string>& x,
                                const std::vector<std::string>& y, std::string_view kind) {
    for (const std::string& item : x) {
      if (!std::binary_search(y.begin(), y.end(), item))
        out.push_back("- " + std::string(kind) + " on " + t + " " + item);
    }
    for (const std::string& item : y) {
      if (!std::binary_search(x.begin(), x.end(), item))
        out.push_back("+ " + std::string(kind) + " on " + t + " " + item);
    }
  };
  compare_sets(unnamed(a.uniques), unnamed(b.uniques), "unique");
  compare_sets(unnamed(a.foreign_keys), unnamed(b.foreign_keys), "foreign key");
  for (const Index& i : a.indexes) {
    const Index* other = find_named(b.indexes, i.name);
    if (other == nullptr) {
      out.push_back("- index " + i.name + " on " + t);
    } else if (!(*other == i)) {
      out.push_back("~ index " + i.name + " on " + t + ": " + describe(i) + " -> " +
                    describe(*other));
    }
  }
  for (const Index& i : b.indexes) {
    if (find_named(a.indexes, i.name) == nullptr) out.push_back("+ index " + i.name + " on " + t);
  }
}

Column column_of(const sql::ColumnInfo& c) {
  return Column{.name = c.name,
                .type = c.type,
                .length = c.varchar_length,
                .nullable = c.nullable,
                .default_value = c.default_value,
                .default_now = c.default_now};
}

}  // namespace

const Column* Table::column(std::string_view column_name) const noexcept {
  return find_named(columns, column_name);
}
Column* Table::column(std::string_view column_name) noexcept {
  return find_named(columns, column_name);
}
const Table* Schema::table(std::string_view table_name) const noexcept {
  return find_named(tables, table_name);
}
Table* Schema::table(std::string_view table_name) noexcept {
  return find_named(tables, table_name);
}

std::vector<std::string> differences(const Schema& from, const Schema& to) {
  std::vector<std::string> out;
  for (const Table& t : from.tables) {
    if (const Table* other = to.table(t.name)) {
      compare_tables(t, *other, out);
    } else {
      out.push_back("- table " + t.name);
    }
  }
  for (const Table& t : to.tables) {
    if (from.table(t.name) == nullptr) out.push_back("+ table " + t.name);
  }
  return out;
}

Table table_of(const sql::TableInfo& info) {
  Table t{.name = info.name};
  for (const sql::ColumnInfo& c : info.columns)
    t.columns.push_back(column_of(c));
  if (!info.composite_key.empty()) {
    for (std::size_t i : info.composite_key)
      t.primary_key.push_back(info.columns.at(i).name);
  } else {
    t.primary_key.push_back(info.columns.at(info.primary_key).name);
  }
  for (std::size_t i = 0; i < info.columns.size(); ++i) {
    const sql::ColumnInfo& c = info.columns[i];
    if (c.unique && !c.primary_key)
      t.uniques.push_back({.name = info.unique_constraint_name(i), .columns = {c.name}});
    if (c.foreign_key && c.foreign_key->target != nullptr) {
      const sql::TableInfo& target = *c.foreign_key->target;
      t.foreign_keys.push_back(
          {.name = c.foreign_key->name,
           .columns = {c.name},
           .target_table = target.name,
           .target_columns = {target.columns.at(c.foreign_key->target_column).name},
           .on_delete = c.foreign_key->on_delete});
    }
  }
  for (const sql::IndexInfo& index : info.indexes()) {
    Index i{.name = index.name, .unique = index.unique};
    for (std::size_t c : index.columns)
      i.columns.push_back(info.columns.at(c).name);
    t.indexes.push_back(std::move(i));
  }
  for (const sql::FulltextIndexInfo& index : info.fulltext_indexes) {
    Index i{.name = index.name, .fulltext = true};
    for (std::size_t c : index.columns)
      i.columns.push_back(info.columns.at(c).name);
    t.indexes.push_back(std::move(i));
  }
  return t;
}

Schema schema_of_models(std::vector<const detail::ModelInfo*> models) {
  Schema schema;
  for (const sql::TableInfo* table : detail::creation_order(std::move(models)))
    schema.tables.push_back(table_of(*table));
  return schema;
}

}  // namespace relate::migrate
