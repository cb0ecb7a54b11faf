// Search terms, and full-text indexes and queries per database (see
// relate/sql/fulltext.hpp and src/relate/sql/fulltext_sql.hpp).

#include <algorithm>
#include <array>
#include <cstdint>
#include <stdexcept>

#include "relate/sql/fulltext_sql.hpp"

namespace relate::sql {

namespace {

// The code point at text[i] and its length; false for invalid UTF-8
// (a stray continuation byte, a truncated or overlong sequence, a surrogate).
bool decode(std::string_view text, std::size_t i, char32_t& cp, std::size_t& length) noexcept {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b = byte(i);
  length = 1;
  if (b < 0x80) {
    cp = b;
    return true;
  }
  std::size_t n = 0;
  char32_t min = 0;
  if ((b & 0xE0) == 0xC0) {
    n = 2, cp = b & 0x1F, min = 0x80;
  } else if ((b & 0xF0) == 0xE0) {
    n = 3, cp = b & 0x0F, min = 0x800;
  } else if ((b & 0xF8) == 0xF0) {
    n = 4, cp = b & 0x07, min = 0x10000;
  } else {
    return false;
  }
  if (i + n > text.size()) return false;
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return false;
    cp = cp << 6 | (byte(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
  length = n;
  return true;
}

// Non-ASCII code points that are punctuation, symbols or spaces rather than
// letters (the blocks a search text plausibly holds; the rest count as letters).
bool is_separator(char32_t cp) noexcept {
  return cp < 0xC0 || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp <= 0x206F) ||
         (cp >= 0x20A0 && cp <= 0x20CF) || (cp >= 0x2100 && cp <= 0x2BFF) ||
         (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
         (cp >= 0xFF00 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
         (cp >= 0xFFF0 && cp <= 0xFFFF) || (cp >= 0x1F000 && cp <= 0x1FAFF);
}

std::size_t code_points(std::string_view word) noexcept {
  return static_cast<std::size_t>(std::count_if(word.begin(), word.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// InnoDB's default stopword list (INFORMATION_SCHEMA.INNODB_FT_DEFAULT_STOPWORD).
constexpr std::array<std::string_view, 36> kInnodbStopwords = {
    "a",    "about", "an",  "are",  "as",   "at",    "be",  "by",   "com",  "de",  "en",   "for",
    "from", "how",   "i",   "in",   "is",   "it",    "la",  "of",   "on",   "or",  "that", "the",
    "this", "to",    "was", "what", "when", "where", "who", "will", "with", "und", "www",  "the"};

// Other spellings of a word (search_terms lower-cases ASCII letters).
std::string upper_case(const std::string& word) {
  std::string out = word;
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - ('a' - 'A'));
  return out;
}
std::string capitalized(const std::string& word) {
  std::string out = word;
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
  return out;
}

bool indexed_by_innodb(std::string_view word) {
  return code_points(word) >= 3 && std::find(kInnodbStopwords.begin(), kInnodbStopwords.end(),
                                             word) == kInnodbStopwords.end();
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words)
    out += (out.empty() ? "" : " ") + w;
  return out;
}

void append_identifier(std::string& out, const Dialect& dialect, std::string_view name) {
  dialect.append_identifier(out, name);
}

std::string column_list(const std::vector<std::string>& columns, const Dialect& dialect,
                        std::string_view prefix = {}) {
  std::string out;
  for (const std::string& c : columns) {
    if (!out.empty()) out += ", ";
    out += prefix;
    dialect.append_identifier(out, c);
  }
  return out;
}

}  // namespace

bool is_word_character(std::string_view text, std::size_t i, std::size_t& length) noexcept {
  char32_t cp = 0;
  if (!decode(text, i, cp, length)) return false;
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  }
  return !is_separator(cp);
}

std::vector<SearchTerm> search_terms(std::string_view text) {
  std::vector<SearchTerm> terms;
  // Whether a closing quote follows: only then does a quote open a phrase.
  const auto closing_quote_after = [&](std::size_t i) {
    return text.find('"', i + 1) != std::string_view::npos;
  };
  bool in_phrase = false;
  SearchTerm phrase;
  std::string word;
  const auto end_word = [&] {
    if (!word.empty() && word.size() <= kMaxSearchWordBytes) {
      if (in_phrase) {
        if (phrase.words.size() < kMaxSearchTerms) phrase.words.push_back(word);
      } else {
        terms.push_back(SearchTerm{{word}});
      }
    }
    word.clear();
  };
  for (std::size_t i = 0; i < text.size() && terms.size() < kMaxSearchTerms;) {
    std::size_t length = 1;
    if (is_word_character(text, i, length)) {
      for (std::size_t k = 0; k < length; ++k) {
        const char c = text[i + k];
        word += c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
      }
      i += length;
      continue;
    }
    end_word();
    if (text[i] == '"') {
      if (in_phrase) {
        if (!phrase.words.empty()) terms.push_back(std::move(phrase));
        phrase = {};
        in_phrase = false;
      } else if (closing_quote_after(i)) {
        in_phrase = true;
      }
    }
    i += length;
  }
  end_word();
  if (!phrase.words.empty() && terms.size() < kMaxSearchTerms) terms.push_back(std::move(phrase));
  if (terms.size() > kMaxSearchTerms) terms.resize(kMaxSearchTerms);
  return terms;
}

std::string fts5_query(const std::vector<SearchTerm>& terms) {
  // Words hold no '"' (search_terms splits there), so quoting cannot be
  // broken out of; FTS5 reads each as a string, never as an operator.
  std::string out;
  for (const SearchTerm& t : terms)
    out += (out.empty() ? "\"" : " \"") + joined(t.words) + '"';
  return out;
}

std::string mysql_boolean_query(const std::vector<SearchTerm>& terms) {
  std::string out;
  for (const SearchTerm& t : terms) {
    // A phrase is its words, each required: InnoDB's phrase search finds
    // nothing in case-sensitive (utf8mb4_bin) columns, which relate's are.
    for (const std::string& w : t.words) {
      if (!indexed_by_innodb(w)) continue;
      // The index compares bytes too: the word is required in any of its
      // usual spellings (lower case, Capitalized, UPPER CASE; ASCII letters).
      std::vector<std::string> spellings{w};
      for (std::string other : {capitalized(w), upper_case(w)}) {
        if (std::find(spellings.begin(), spellings.end(), other) == spellings.end())
          spellings.push_back(std::move(other));
      }
      out += out.empty() ? "+(" : " +(";
      for (std::size_t i = 0; i < spellings.size(); ++i)
        out += (i ? " " : "") + spellings[i];
      out += ')';
    }
  }
  return out;
}

std::vector<std::string> term_texts(const std::vector<SearchTerm>& terms) {
  std::vector<std::string> out;
  for (const SearchTerm& t : terms)
    out.push_back(joined(t.words));
  return out;
}

std::vector<std::string> fts5_trigger_names(std::string_view name) {
  return {std::string(name) + "_ai", std::string(name) + "_ad", std::string(name) + "_au"};
}

bool is_fts5_shadow_table(std::string_view table, std::string_view index) noexcept {
  if (table.size() <= index.size() || table.substr(0, index.size()) != index) return false;
  const std::string_view suffix = table.substr(index.size());
  return suffix == "_data" || suffix == "_idx" || suffix == "_content" || suffix == "_docsize" ||
         suffix == "_config";
}

std::vector<std::string> create_fulltext_sql(const FulltextTarget& index, const Dialect& dialect,
                                             bool if_not_exists) {
  const std::string maybe = if_not_exists ? "IF NOT EXISTS " : "";
  std::vector<std::string> out;
  switch (dialect.fulltext_syntax()) {
    case FulltextSyntax::fts5: {
      // An external-content FTS5 table: it indexes the table's rows (by
      // rowid, the integer key) without a copy of their text, and triggers
      // keep it in step with every INSERT, UPDATE and DELETE.
      std::string name;
      append_identifier(name, dialect, index.name);
      std::string table;
      append_identifier(table, dialect, index.table);
      std::string key;
      append_identifier(key, dialect, index.key);
      const std::string columns = column_list(index.columns, dialect);
      std::string ddl = "CREATE VIRTUAL TABLE " + maybe + name + " USING fts5(" + columns;
      ddl += ", content=";
      dialect.append_literal(ddl, Value{std::string(index.table)});
      ddl += ", content_rowid=";
      dialect.append_literal(ddl, Value{std::string(index.key)});
      out.push_back(ddl + ")");
      const std::vector<std::string> triggers = fts5_trigger_names(index.name);
      const auto trigger = [&](std::size_t i) {
        std::string t;
        append_identifier(t, dialect, triggers[i]);
        return t;
      };
      const std::string insert_new = "INSERT INTO " + name + " (rowid, " + columns +
                                     ") VALUES (new." + key + ", " +
                                     column_list(index.columns, dialect, "new.") + ");";
      const std::string delete_old = "INSERT INTO " + name + " (" + name + ", rowid, " + columns +
                                     ") VALUES ('delete', old." + key + ", " +
                                     column_list(index.columns, dialect, "old.") + ");";
      out.push_back("CREATE TRIGGER " + maybe + trigger(0) + " AFTER INSERT ON " + table +
                    " BEGIN " + insert_new + " END");
      out.push_back("CREATE TRIGGER " + maybe + trigger(1) + " AFTER DELETE ON " + table +
                    " BEGIN " + delete_old + " END");
      // Only a change of an indexed column re-indexes the row.
      out.push_back("CREATE TRIGGER " + maybe + trigger(2) + " AFTER UPDATE OF " + columns +
                    " ON " + table + " BEGIN " + delete_old + " " + insert_new + " END");
      out.push_back("INSERT INTO " + name + " (" + name + ") VALUES ('rebuild')");
      return out;
    }
    case FulltextSyntax::tsvector: {
      std::string ddl = "CREATE INDEX " + maybe;
      append_identifier(ddl, dialect, index.name);
      ddl += " ON ";
      append_identifier(ddl, dialect, index.table);
      ddl += " USING GIN ((" + tsvector_document(index.columns, dialect, {}) + "))";
      out.push_back(std::move(ddl));
      return out;
    }
    case FulltextSyntax::match_against: {
      std::string ddl = "CREATE FULLTEXT INDEX " + maybe;
      append_identifier(ddl, dialect, index.name);
      ddl += " ON ";
      append_identifier(ddl, dialect, index.table);
      ddl += " (" + column_list(index.columns, dialect) + ")";
      out.push_back(std::move(ddl));
      return out;
    }
    case FulltextSyntax::none:
      break;
  }
  throw std::invalid_argument("relate has no full-text indexes for " + std::string(dialect.name()) +
                              " databases");
}

std::vector<std::string> drop_fulltext_sql(const FulltextTarget& index, const Dialect& dialect) {
  std::vector<std::string> out;
  std::string name;
  append_identifier(name, dialect, index.name);
  std::string table;
  append_identifier(table, dialect, index.table);
  switch (dialect.fulltext_syntax()) {
    case FulltextSyntax::fts5:
      for (const std::string& t : fts5_trigger_names(index.name)) {
        std::string drop = "DROP TRIGGER IF EXISTS ";
        append_identifier(drop, dialect, t);
        out.push_back(std::move(drop));
      }
      out.push_back("DROP TABLE IF EXISTS " + name);
      return out;
    case FulltextSyntax::tsvector:
      out.push_back("DROP INDEX " + name);
      return out;
    case FulltextSyntax::match_against:
      out.push_back("DROP INDEX " + name + " ON " + table);
      return out;
    case FulltextSyntax::none:
      break;
  }
  throw std::invalid_argument("relate has no full-text indexes for " + std::string(dialect.name()) +
                              " databases");
}

std::string tsvector_document(const std::vector<std::string>& columns, const Dialect& dialect,
                              std::string_view qualifier) {
  // One document of all the columns (NULL as empty), in the 'simple'
  // configuration: words lower-cased, no stemming and no stopwords, so that
  // what is found does not depend on the server's default language. The
  // query repeats this expression exactly, which is what lets PostgreSQL
  // use the index.
  std::string out = "to_tsvector('simple', ";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i) out += " || ' ' || ";
    out += "coalesce(";
    if (!qualifier.empty()) {
      dialect.append_identifier(out, qualifier);
      out += '.';
    }
    dialect.append_identifier(out, columns[i]);
    out += ", '')";
  }
  return out + ")";
}

}  // namespace relate::sql
