// Autogenerate: the steps that turn the head revision's schema into the
// models', written as a revision's C++ source with the steps that undo them.

#include <algorithm>
#include <cstdio>

#include "describe.hpp"
#include "relate/error.hpp"
#include "relate/migrate/migrator.hpp"

namespace relate::migrate {

namespace {

std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + '"';
}

std::string names(const std::vector<std::string>& list) {
  std::string out = "{";
  for (std::size_t i = 0; i < list.size(); ++i)
    out += (i ? ", " : "") + quoted(list[i]);
  return out + "}";
}

std::string value_code(const Value& v) {
  return std::visit(
      [](const auto& x) -> std::string {
        using X = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<X, std::monostate>) {
          return "relate::Value{}";
        } else if constexpr (std::is_same_v<X, bool>) {
          return x ? "relate::Value{true}" : "relate::Value{false}";
        } else if constexpr (std::is_same_v<X, std::int64_t>) {
          return "relate::Value{std::int64_t{" + std::to_string(x) + "}}";
        } else if constexpr (std::is_same_v<X, double>) {
          char buf[40];
          std::snprintf(buf, sizeof buf, "%.17g", x);
          return "relate::Value{" + std::string(buf) + "}";
        } else if constexpr (std::is_same_v<X, std::string>) {
          return "relate::Value{std::string(" + quoted(x) + ")}";
        } else {
          return "relate::Value{relate::parse_timestamp(" + quoted(format_timestamp(x)) + ")}";
        }
      },
      v);
}

std::string_view type_code(SqlType type) {
  switch (type) {
    case SqlType::integer:
      return "SqlType::integer";
    case SqlType::real:
      return "SqlType::real";
    case SqlType::boolean:
      return "SqlType::boolean";
    case SqlType::timestamp:
      return "SqlType::timestamp";
    case SqlType::text:
      break;
  }
  return "SqlType::text";
}

std::string_view on_delete_code(OnDelete action) {
  switch (action) {
    case OnDelete::cascade:
      return "OnDelete::cascade";
    case OnDelete::set_null:
      return "OnDelete::set_null";
    case OnDelete::restrict:
      return "OnDelete::restrict";
    case OnDelete::no_action:
      break;
  }
  return "OnDelete::no_action";
}

std::string code(const Column& c) {
  std::string out =
      "Column{.name = " + quoted(c.name) + ", .type = " + std::string(type_code(c.type));
  if (c.length) out += ", .length = " + std::to_string(c.length);
  if (c.nullable) out += ", .nullable = true";
  if (c.default_value) out += ", .default_value = " + value_code(*c.default_value);
  if (c.default_now) out += ", .default_now = true";
  return out + "}";
}

std::string code(const Index& i) {
  return "Index{.name = " + quoted(i.name) + ", .columns = " + names(i.columns) +
         (i.unique ? ", .unique = true" : "") + (i.fulltext ? ", .fulltext = true}" : "}");
}

std::string code(const UniqueConstraint& u) {
  return "UniqueConstraint{.name = " + quoted(u.name) + ", .columns = " + names(u.columns) + "}";
}

std::string code(const ForeignKey& fk) {
  return "ForeignKey{.name = " + quoted(fk.name) + ", .columns = " + names(fk.columns) +
         ", .target_table = " + quoted(fk.target_table) +
         ", .target_columns = " + names(fk.target_columns) +
         ", .on_delete = " + std::string(on_delete_code(fk.on_delete)) + "}";
}

std::string code(const Table& t) {
  std::string out = "Table{.name = " + quoted(t.name) + ",\n      .columns = {";
  for (std::size_t i = 0; i < t.columns.size(); ++i)
    out += (i ? ",\n                  " : "") + code(t.columns[i]);
  out += "},\n      .primary_key = " + names(t.primary_key);
  const auto list = [&](std::string_view field, const auto& items) {
    if (items.empty()) return;
    out += ",\n      ." + std::string(field) + " = {";
    for (std::size_t i = 0; i < items.size(); ++i)
      out += (i ? ", " : "") + code(items[i]);
    out += "}";
  };
  list("uniques", t.uniques);
  list("foreign_keys", t.foreign_keys);
  list("indexes", t.indexes);
  return out + "}";
}

std::string step_call_text(std::string_view call) {
  return "op." + std::string(call) + ";";
}

// op.create_index(...) or, for a full-text index, op.create_fulltext_index(...).
std::string create_index_call(const std::string& table, const Index& i) {
  if (i.fulltext)
    return step_call_text("create_fulltext_index(" + table + ", " + quoted(i.name) + ", " +
                          names(i.columns) + ")");
  return step_call_text("create_index(" + table + ", " + code(i) + ")");
}
std::string drop_index_call(const std::string& table, const Index& i) {
  return step_call_text(std::string(i.fulltext ? "drop_fulltext_index(" : "drop_index(") + table +
                        ", " + quoted(i.name) + ")");
}

// A step and the step that undoes it, as code, and whether it loses data.
struct Step {
  std::string up;
  std::string down;
  std::string summary;
  bool destructive = false;
};

std::string step_call(std::string_view call) {
  return "op." + std::string(call) + ";";
}

const std::string* renamed(const AutogenerateRequest& request, const std::string& from) {
  for (const auto& [old_name, new_name] : request.renames) {
    if (old_name == from) return &new_name;
  }
  return nullptr;
}

// Constraints matched by what they do (their names may differ: SQLite's
// reflection and older revisions), then by name for indexes.
template <class T>
bool same_definition(const T& a, const T& b) {
  T x = a;
  T y = b;
  x.name.clear();
  y.name.clear();
  return x == y;
}

void diff_table(const Table& was, const Table& now, const AutogenerateRequest& request,
                std::vector<Step>& steps) {
  const std::string t = quoted(now.name);
  std::vector<const Column*> gone;
  std::vector<const Column*> added;
  for (const Column& c : was.columns) {
    const std::string* to = renamed(request, was.name + "." + c.name);
    if (to != nullptr) {
      steps.push_back(
          {step_call("rename_column(" + t + ", " + quoted(c.name) + ", " + quoted(*to) + ")"),
           step_call("rename_column(" + t + ", " + quoted(*to) + ", " + quoted(c.name) + ")"),
           "rename column " + now.name + "." + c.name + " to " + *to});
      Column old_definition = c;
      old_definition.name = *to;
      if (const Column* n = now.column(*to); n != nullptr && !(*n == old_definition)) {
        steps.push_back({step_call("alter_column(" + t + ", " + code(*n) + ")"),
                         step_call("alter_column(" + t + ", " + code(old_definition) + ")"),
                         "alter column " + now.name + "." + *to});
      }
      continue;
    }
    if (now.column(c.name) == nullptr) gone.push_back(&c);
  }
  for (const Column& c : now.columns) {
    bool is_rename_target = false;
    for (const auto& [from, to] : request.renames)
      is_rename_target |= from.starts_with(was.name + ".") && to == c.name;
    if (!is_rename_target && was.column(c.name) == nullptr) added.push_back(&c);
  }
  if (!gone.empty() && !added.empty() && !request.drop_and_add) {
    throw MigrationError(
        "in table " + now.name + ", column " + gone.front()->name + " disappeared and " +
        added.front()->name + " appeared: is it a rename? Say so (rename " + now.name + "." +
        gone.front()->name + " to " + added.front()->name + "), or ask for drop and add");
  }
  if (was.primary_key != now.primary_key) {
    throw MigrationError("the primary key of " + now.name +
                         " changed: autogenerate does not write that; write the revision by hand");
  }
  // Constraints and indexes that go, before the columns they use.
  for (const ForeignKey& fk : was.foreign_keys) {
    if (std::none_of(now.foreign_keys.begin(), now.foreign_keys.end(),
                     [&](const ForeignKey& x) { return same_definition(x, fk); }))
      steps.push_back({step_call("drop_foreign_key(" + t + ", " + quoted(fk.name) + ")"),
                       step_call("create_foreign_key(" + t + ", " + code(fk) + ")"),
                       "drop foreign key " + fk.name});
  }
  for (const UniqueConstraint& u : was.uniques) {
    if (std::none_of(now.uniques.begin(), now.uniques.end(),
                     [&](const UniqueConstraint& x) { return same_definition(x, u); }))
      steps.push_back({step_call("drop_unique(" + t + ", " + quoted(u.name) + ")"),
                       step_call("create_unique(" + t + ", " + code(u) + ")"),
                       "drop unique " + u.name});
  }
  for (const Index& i : was.indexes) {
    const auto it = std::find_if(now.indexes.begin(), now.indexes.end(),
                                 [&](const Index& x) { return x.name == i.name; });
    if (it == now.indexes.end() || !(*it == i))
      steps.push_back({drop_index_call(t, i), create_index_call(t, i), "drop index " + i.name});
  }
  for (const Column* c : gone) {
    steps.push_back(
        {step_call("drop_column(" + t + ", " + quoted(c->name) + ", data_loss_acknowledged)"),
         step_call("add_column(" + t + ", " + code(*c) + ")"),
         "drop column " + now.name + "." + c->name, true});
  }
  for (const Column* c : added) {
    steps.push_back(
        {step_call("add_column(" + t + ", " + code(*c) + ")"),
         step_call("drop_column(" + t + ", " + quoted(c->name) + ", data_loss_acknowledged)"),
         "add column " + now.name + "." + c->name});
  }
  for (const Column& c : now.columns) {
    const Column* old = was.column(c.name);
    if (old == nullptr || *old == c) continue;
    steps.push_back(
        {step_call("alter_column(" + t + ", " + code(c) + ")"),
         step_call("alter_column(" + t + ", " + code(*old) + ")"),
         "alter column " + now.name + "." + c.name + ": " + describe(*old) + " -> " + describe(c)});
  }
  for (const Index& i : now.indexes) {
    const auto it = std::find_if(was.indexes.begin(), was.indexes.end(),
                                 [&](const Index& x) { return x.name == i.name; });
    if (it == was.indexes.end() || !(*it == i))
      steps.push_back({create_index_call(t, i), drop_index_call(t, i), "create index " + i.name});
  }
  for (const UniqueConstraint& u : now.uniques) {
    if (std::none_of(was.uniques.begin(), was.uniques.end(),
                     [&](const UniqueConstraint& x) { return same_definition(x, u); }))
      steps.push_back({step_call("create_unique(" + t + ", " + code(u) + ")"),
                       step_call("drop_unique(" + t + ", " + quoted(u.name) + ")"),
                       "create unique " + u.name});
  }
  for (const ForeignKey& fk : now.foreign_keys) {
    if (std::none_of(was.foreign_keys.begin(), was.foreign_keys.end(),
                     [&](const ForeignKey& x) { return same_definition(x, fk); }))
      steps.push_back({step_call("create_foreign_key(" + t + ", " + code(fk) + ")"),
                       step_call("drop_foreign_key(" + t + ", " + quoted(fk.name) + ")"),
                       "create foreign key " + fk.name});
  }
}

std::vector<Step> plan(const Schema& head, const Schema& models,
                       const AutogenerateRequest& request) {
  std::vector<Step> steps;
  std::vector<const Table*> gone;
  std::vector<const Table*> added;
  for (const Table& t : head.tables) {
    if (const std::string* to = renamed(request, t.name)) {
      steps.push_back({step_call("rename_table(" + quoted(t.name) + ", " + quoted(*to) + ")"),
                       step_call("rename_table(" + quoted(*to) + ", " + quoted(t.name) + ")"),
                       "rename table " + t.name + " to " + *to});
    } else if (models.table(t.name) == nullptr) {
      gone.push_back(&t);
    }
  }
  for (const Table& t : models.tables) {
    bool is_rename_target = false;
    for (const auto& [from, to] : request.renames)
      is_rename_target |= to == t.name && head.table(from) != nullptr;
    if (!is_rename_target && head.table(t.name) == nullptr) added.push_back(&t);
  }
  if (!gone.empty() && !added.empty() && !request.drop_and_add) {
    throw MigrationError("table " + gone.front()->name + " disappeared and " + added.front()->name +
                         " appeared: is it a rename? Say so (rename " + gone.front()->name +
                         " to " + added.front()->name + "), or ask for drop and add");
  }
  // New tables first (parents before children, as the models order them).
  for (const Table* t : added) {
    steps.push_back({step_call("create_table(" + code(*t) + ")"),
                     step_call("drop_table(" + quoted(t->name) + ", data_loss_acknowledged)"),
                     "create table " + t->name});
  }
  for (const Table& now : models.tables) {
    const Table* was = head.table(now.name);
    for (const auto& [from, to] : request.renames) {
      if (to == now.name && head.table(from) != nullptr) was = head.table(from);
    }
    if (was == nullptr) continue;
    Table renamed_was = *was;
    renamed_was.name = now.name;
    diff_table(renamed_was, now, request, steps);
  }
  // Dropped tables last, children first.
  for (auto it = gone.rbegin(); it != gone.rend(); ++it) {
    steps.push_back({step_call("drop_table(" + quoted((*it)->name) + ", data_loss_acknowledged)"),
                     step_call("create_table(" + code(**it) + ")"), "drop table " + (*it)->name,
                     true});
  }
  return steps;
}

}  // namespace

Autogenerated autogenerate(const Migrator& migrator, const Schema& models,
                           const AutogenerateRequest& request) {
  if (request.id.empty()) throw MigrationError("autogenerate needs an id for the revision");
  const std::vector<Step> steps = plan(migrator.schema_at("head"), models, request);
  Autogenerated out;
  if (steps.empty()) return out;
  std::string up;
  std::string down;
  for (const Step& s : steps) {
    out.steps.push_back(s.summary);
    if (s.destructive) {
      out.destructive.push_back(s.summary);
      up += "            // Destroys data: " + s.summary + ". Check before running.\n";
    }
    up += "            " + s.up + "\n";
  }
  for (auto it = steps.rbegin(); it != steps.rend(); ++it)
    down += "            " + it->down + "\n";
  const std::string function =
      request.function_name.empty() ? "revision_" + request.id : request.function_name;
  out.source = "// Revision " + request.id + ": " + request.message +
               "\n// Written by relate's autogenerate: review it (renames, data steps, defaults "
               "for new NOT NULL\n// columns on tables with rows) before committing it.\n\n"
               "#include \"relate/migrate/migrator.hpp\"\n\n";
  if (!request.name_space.empty()) out.source += "namespace " + request.name_space + " {\n\n";
  out.source += "relate::migrate::Revision " + function +
                "() {\n"
                "  using namespace relate::migrate;\n"
                "  return {\n"
                "      .id = " +
                quoted(request.id) + ",\n      .parent = " + quoted(migrator.head()) +
                ",\n      .message = " + quoted(request.message) +
                ",\n      .upgrade =\n          [](Operations& op) {\n" + up +
                "          },\n      .downgrade =\n          [](Operations& op) {\n" + down +
                "          },\n  };\n}\n";
  if (!request.name_space.empty()) out.source += "\n}  // namespace " + request.name_space + "\n";
  return out;
}

}  // namespace relate::migrate
