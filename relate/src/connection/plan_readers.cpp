#include "relate/connection/plan_readers.hpp"

#include <algorithm>
#include <cstddef>
#include <map>

namespace relate::plan {

namespace {

bool starts_with(std::string_view text, std::string_view prefix) noexcept {
  return text.substr(0, prefix.size()) == prefix;
}

char lower(char c) noexcept {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
}

// Whether `word` occurs in `text` as a whole word, in any case.
bool has_word(std::string_view text, std::string_view word) noexcept {
  const auto is_name_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  };
  for (std::size_t i = 0; i + word.size() <= text.size(); ++i) {
    bool same = true;
    for (std::size_t k = 0; same && k < word.size(); ++k)
      same = lower(text[i + k]) == lower(word[k]);
    if (!same) continue;
    const bool starts = i == 0 || !is_name_char(text[i - 1]);
    const bool ends = i + word.size() == text.size() || !is_name_char(text[i + word.size()]);
    if (starts && ends) return true;
  }
  return false;
}

std::string_view first_word(std::string_view text) noexcept {
  return text.substr(0, text.find(' '));
}

void add_once(std::vector<std::string>& tables, std::string_view table) {
  if (std::find(tables.begin(), tables.end(), table) == tables.end()) tables.emplace_back(table);
}

}  // namespace

bool is_query(std::string_view sql) noexcept {
  while (!sql.empty() && (sql.front() == ' ' || sql.front() == '\n' || sql.front() == '\t' ||
                          sql.front() == '\r' || sql.front() == '('))
    sql.remove_prefix(1);
  return has_word(first_word(sql), "select") || has_word(first_word(sql), "with");
}

std::vector<std::string> sqlite_full_scans(const std::vector<SqliteStep>& steps,
                                           std::string_view sql) {
  struct Level {
    std::vector<std::string_view> tables;  // read, in plan order
    std::vector<bool> whole;               // ... each without an index
    bool sorts = false;
  };
  std::map<int, Level> levels;
  std::map<int, std::string_view> headers;  // a subquery's own row, by id
  bool has_subquery = false;
  // Results of subqueries in FROM (a co-routine or a materialized view,
  // named by their alias), which a SCAN reads as if they were tables.
  std::vector<std::string_view> derived;
  for (const SqliteStep& step : steps) {
    const std::string_view d = step.detail;
    for (std::string_view prefix : {"CO-ROUTINE ", "MATERIALIZE "})
      if (starts_with(d, prefix)) derived.push_back(first_word(d.substr(prefix.size())));
  }
  const bool statement_limited = has_word(sql, "limit");
  for (const SqliteStep& step : steps) {
    const std::string_view detail = step.detail;
    headers[step.id] = detail;
    Level& level = levels[step.parent];
    if (starts_with(detail, "SCAN ") || starts_with(detail, "SEARCH ")) {
      const bool scan = starts_with(detail, "SCAN ");
      const std::string_view rest = detail.substr(scan ? 5 : 7);
      // A constant row, a subquery's or a view's result, a virtual table
      // (full-text search) are not tables an index could serve.
      if (starts_with(rest, "CONSTANT ROW") || starts_with(rest, "(") ||
          rest.find("VIRTUAL TABLE") != std::string_view::npos)
        continue;
      const std::string_view name = first_word(rest);
      const bool is_derived = std::find(derived.begin(), derived.end(), name) != derived.end();
      level.tables.push_back(name);
      level.whole.push_back(scan && !is_derived && rest.find(" USING ") == std::string_view::npos);
    } else if (starts_with(detail, "USE TEMP B-TREE FOR ORDER BY") && statement_limited) {
      // A sort of every row to keep the first few: an index in that order
      // would serve. (A sort or grouping of the whole result reads it all
      // anyway.)
      level.sorts = true;
    } else if (detail.find("SUBQUERY") != std::string_view::npos) {
      has_subquery = true;
    }
  }
  const bool statement_filters = has_word(sql, "where") && !has_subquery;
  std::vector<std::string> found;
  for (const auto& [parent, level] : levels) {
    const bool filters = parent == 0 ? statement_filters
                                     : headers[parent].find("CORRELATED") != std::string_view::npos;
    // A scan in index order (no sort) that stops after LIMIT rows does not
    // read the table whole: the newest posts by key, say.
    const bool stops_early = parent == 0 && statement_limited && !level.sorts;
    for (std::size_t i = 0; i < level.tables.size(); ++i) {
      const bool flagged = i > 0 || level.sorts || (filters && !stops_early);
      if (level.whole[i] && flagged) add_once(found, level.tables[i]);
    }
  }
  return found;
}

std::vector<std::string> postgres_full_scans(const std::vector<std::string>& lines) {
  struct Node {
    std::size_t indent = 0;
    std::string_view name;
    int parent = -1;
    int child_index = 0;  // among its parent's children
    bool filtered = false;
  };
  std::vector<Node> nodes;
  const auto parent_of = [&](std::size_t indent) {
    for (int i = static_cast<int>(nodes.size()) - 1; i >= 0; --i)
      if (nodes[static_cast<std::size_t>(i)].indent < indent) return i;
    return -1;
  };
  for (const std::string& line : lines) {
    const std::size_t indent = line.find_first_not_of(' ');
    if (indent == std::string::npos) continue;
    std::string_view text = std::string_view(line).substr(indent);
    const bool arrow = starts_with(text, "->");
    if (arrow) text = text.substr(text.find_first_not_of(' ', 2));
    const bool node =
        arrow || nodes.empty() || starts_with(text, "SubPlan") || starts_with(text, "InitPlan");
    if (!node) {
      const int owner = parent_of(indent);
      if (owner >= 0 && starts_with(text, "Filter:"))
        nodes[static_cast<std::size_t>(owner)].filtered = true;
      continue;
    }
    Node n;
    n.indent = indent;
    n.name = text;
    n.parent = parent_of(indent);
    for (const Node& other : nodes)
      n.child_index += other.parent == n.parent && n.parent >= 0 ? 1 : 0;
    nodes.push_back(n);
  }
  std::vector<std::string> found;
  for (const Node& n : nodes) {
    const std::size_t on = n.name.find("Seq Scan on ");
    if (on == std::string_view::npos) continue;
    bool flagged = n.filtered;
    // Up the tree: a Sort under a Limit (a top-N an index would serve; a
    // sort of the whole result reads it all anyway), or the inner side (not
    // the first child) of a join.
    bool sorted = false;
    for (const Node* at = &n; !flagged && at->parent >= 0;) {
      const int child = at->child_index;
      at = &nodes[static_cast<std::size_t>(at->parent)];
      const bool join =
          starts_with(at->name, "Nested Loop") || at->name.find(" Join") != std::string_view::npos;
      if (starts_with(at->name, "Sort") || starts_with(at->name, "Incremental Sort")) sorted = true;
      if (sorted && starts_with(at->name, "Limit")) flagged = true;
      if (join && child > 0) flagged = true;
    }
    if (flagged) add_once(found, first_word(n.name.substr(on + 12)));
  }
  return found;
}

std::vector<std::string> mysql_full_scans(const std::vector<MysqlRow>& rows) {
  std::vector<std::string> found;
  std::string previous_select;
  for (const MysqlRow& row : rows) {
    const bool joined = row.select_id == previous_select;
    previous_select = row.select_id;
    if (row.access != "ALL" || row.table.empty() || row.table.front() == '<') continue;
    const bool no_index = row.possible_keys.empty();
    const bool filters = row.extra.find("Using where") != std::string::npos;
    // A filtered scan that also sorts may be served by an index in that
    // order (filtering on the way), which the plan of a small table hides.
    const bool sorts = row.extra.find("Using filesort") != std::string::npos;
    if (no_index && ((filters && !sorts) || joined)) add_once(found, row.table);
  }
  return found;
}

}  // namespace relate::plan
