// SQL compilation, checked without a database.

#include "relate/sql/compiler.hpp"

#include <gtest/gtest.h>

#include "models.hpp"
#include "relate/orm/model_info.hpp"

using namespace relate;
using models::Account;
using models::Comment;
using models::Post;

namespace {

const sql::Dialect& sqlite = sql::sqlite_dialect();

template <class T>
sql::CompiledSql compile_filter(const Filter<T>& f) {
  sql::Select s;
  s.table = &detail::model_info<T>().table;
  s.where.push_back(f.condition());
  return sql::compile(s, sqlite);
}

std::string where_of(const sql::CompiledSql& c) {
  return c.text.substr(c.text.find(" WHERE ") + 7);
}

}  // namespace

TEST(Compiler, SelectListsEveryColumnQualified) {
  sql::Select s;
  s.table = &detail::model_info<Post>().table;
  EXPECT_EQ(sql::compile(s, sqlite).text, "SELECT post.id, post.title, post.content FROM post");
}

TEST(Compiler, ComparisonsBindValuesAsParameters) {
  const auto c = compile_filter(col(&Comment::author) == "Robert'); DROP TABLE comment;--");
  EXPECT_EQ(where_of(c), "comment.author = ?");
  ASSERT_EQ(c.params.size(), 1U);
  EXPECT_EQ(std::get<std::string>(c.params[0]), "Robert'); DROP TABLE comment;--");
}

TEST(Compiler, AndOrNotNestWithParentheses) {
  const auto c = compile_filter((col(&Comment::post_id) == 1 || col(&Comment::post_id) == 2) &&
                                !(col(&Comment::author) == "spam"));
  EXPECT_EQ(where_of(c),
            "((comment.post_id = ? OR comment.post_id = ?) AND NOT (comment.author = ?))");
  EXPECT_EQ(c.params.size(), 3U);
}

TEST(Compiler, LikeInAndNullChecks) {
  EXPECT_EQ(where_of(compile_filter(col(&Comment::content).like("%C++%"))),
            "comment.content LIKE ?");
  EXPECT_EQ(where_of(compile_filter(col(&Comment::id).in({1, 2, 3}))), "comment.id IN (?, ?, ?)");
  EXPECT_EQ(where_of(compile_filter(col(&Comment::id).not_in(std::vector<int>{}))), "1 = 1");
  EXPECT_EQ(where_of(compile_filter(col(&Comment::id).in(std::vector<int>{}))), "1 = 0");
  EXPECT_EQ(where_of(compile_filter(col(&Comment::website).is_null())), "comment.website IS NULL");
  EXPECT_EQ(where_of(compile_filter(col(&Comment::post_id) == std::nullopt)),
            "comment.post_id IS NULL");
  EXPECT_EQ(where_of(compile_filter(col(&Comment::post_id) != std::nullopt)),
            "comment.post_id IS NOT NULL");
}

TEST(Compiler, OrderLimitOffsetAreParameters) {
  sql::Select s;
  s.table = &detail::model_info<Post>().table;
  s.order_by.push_back(desc(&Post::id).term());
  s.order_by.push_back(asc(&Post::title).term());
  s.limit = 10;
  s.offset = 20;
  const auto c = sql::compile(s, sqlite);
  EXPECT_TRUE(c.text.ends_with(" ORDER BY post.id DESC, post.title LIMIT ? OFFSET ?")) << c.text;
  EXPECT_EQ(std::get<std::int64_t>(c.params.at(0)), 10);
  EXPECT_EQ(std::get<std::int64_t>(c.params.at(1)), 20);
}

TEST(Compiler, CountSelectsCountStar) {
  sql::Select s;
  s.table = &detail::model_info<Post>().table;
  s.shape = sql::Select::Shape::count;
  EXPECT_EQ(sql::compile(s, sqlite).text, "SELECT count(*) FROM post");
}

TEST(Compiler, InsertUpdateDelete) {
  const auto& table = detail::model_info<Post>().table;
  EXPECT_EQ(sql::insert_sql(table, false, sqlite),
            "INSERT INTO post (title, content) VALUES (?, ?)");
  EXPECT_EQ(sql::insert_sql(table, true, sqlite),
            "INSERT INTO post (id, title, content) VALUES (?, ?, ?)");
  EXPECT_EQ(sql::update_sql(table, 0b100, sqlite), "UPDATE post SET content = ? WHERE id = ?");
  EXPECT_EQ(sql::delete_sql(table, sqlite), "DELETE FROM post WHERE id = ?");
}

TEST(Compiler, InsertOfOnlyAGeneratedKeyUsesDefaultValues) {
  sql::TableInfo t;
  t.name = "library";
  t.columns.emplace_back();
  t.columns[0].name = "id";
  t.columns[0].primary_key = true;
  EXPECT_EQ(sql::insert_sql(t, false, sqlite), "INSERT INTO library DEFAULT VALUES");
}

TEST(Compiler, CreateTableHasKeysConstraintsAndForeignKeyIndex) {
  detail::ensure_configured();
  const auto ddl = sql::create_table_sql(detail::model_info<Comment>().table, sqlite);
  ASSERT_EQ(ddl.size(), 2U);
  EXPECT_EQ(ddl[0],
            "CREATE TABLE IF NOT EXISTS comment (\n"
            "  id INTEGER PRIMARY KEY,\n"
            "  author VARCHAR(128) NOT NULL,\n"
            "  website VARCHAR(255),\n"
            "  content TEXT NOT NULL,\n"
            "  post_id INTEGER,\n"
            "  CONSTRAINT fk_comment_post_id FOREIGN KEY (post_id) REFERENCES post (id) ON DELETE "
            "CASCADE\n"
            ")");
  EXPECT_EQ(ddl[1], "CREATE INDEX IF NOT EXISTS ix_comment_post_id ON comment (post_id)");
}

TEST(Compiler, CreateTableRendersDefaultsUniqueAndIndexes) {
  const auto ddl = sql::create_table_sql(detail::model_info<Account>().table, sqlite);
  EXPECT_NE(ddl[0].find("username VARCHAR(32) NOT NULL"), std::string::npos);
  EXPECT_NE(ddl[0].find("logins INTEGER NOT NULL DEFAULT 0"), std::string::npos);
  EXPECT_NE(ddl[0].find("is_admin BOOLEAN NOT NULL DEFAULT 0"), std::string::npos);
  EXPECT_NE(ddl[0].find("created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP"),
            std::string::npos);
  EXPECT_NE(ddl[0].find("last_seen TIMESTAMP,"), std::string::npos);
  EXPECT_NE(ddl[0].find("CONSTRAINT uq_account_username UNIQUE (username)"), std::string::npos);
  ASSERT_EQ(ddl.size(), 2U);
  EXPECT_EQ(ddl[1], "CREATE INDEX IF NOT EXISTS ix_account_score ON account (score)");
}

TEST(Compiler, ReservedWordsAndOddNamesAreQuoted) {
  sql::TableInfo t;
  t.name = "user";
  for (const char* name : {"id", "Group Name", "order"}) {
    sql::ColumnInfo c;
    c.name = name;
    t.columns.push_back(c);
  }
  t.columns[0].primary_key = true;
  EXPECT_EQ(sql::insert_sql(t, false, sqlite),
            "INSERT INTO \"user\" (\"Group Name\", \"order\") VALUES (?, ?)");
}

TEST(Compiler, DdlLiteralsEscapeQuotes) {
  std::string out;
  sqlite.append_literal(out, Value{std::string("it's")});
  EXPECT_EQ(out, "'it''s'");
}

// ---- the PostgreSQL dialect

namespace {

const sql::Dialect& postgres = sql::postgres_dialect();

sql::TableInfo table_with_columns(std::string name, const std::vector<std::string>& columns) {
  sql::TableInfo t;
  t.name = std::move(name);
  for (const auto& c : columns) {
    sql::ColumnInfo info;
    info.name = c;
    t.columns.push_back(info);
  }
  t.columns[0].type = sql::SqlType::integer;
  t.columns[0].primary_key = true;
  return t;
}

}  // namespace

TEST(PostgresDialect, PlaceholdersAreNumberedInOrder) {
  sql::Select s;
  s.table = &detail::model_info<Comment>().table;
  s.where.push_back(((col(&Comment::post_id) == 1 || col(&Comment::post_id) == 2) &&
                     !(col(&Comment::author) == "spam"))
                        .condition());
  s.limit = 5;
  const auto c = sql::compile(s, postgres);
  EXPECT_EQ(c.text.substr(c.text.find(" WHERE ")),
            " WHERE ((comment.post_id = $1 OR comment.post_id = $2) AND NOT (comment.author = $3)) "
            "LIMIT $4");
}

TEST(PostgresDialect, InsertsReturnTheNewKey) {
  const auto& table = detail::model_info<Post>().table;
  EXPECT_EQ(sql::insert_sql(table, false, postgres),
            "INSERT INTO post (title, content) VALUES ($1, $2) RETURNING id");
  EXPECT_EQ(sql::insert_sql(table, true, postgres),
            "INSERT INTO post (id, title, content) VALUES ($1, $2, $3) RETURNING id");
  EXPECT_EQ(sql::update_sql(table, 0b110, postgres),
            "UPDATE post SET title = $1, content = $2 WHERE id = $3");
  EXPECT_EQ(sql::delete_sql(table, postgres), "DELETE FROM post WHERE id = $1");
}

TEST(PostgresDialect, OffsetNeedsNoLimit) {
  sql::Select s;
  s.table = &detail::model_info<Post>().table;
  s.offset = 20;
  const auto pg = sql::compile(s, postgres);
  EXPECT_TRUE(pg.text.ends_with("FROM post OFFSET $1")) << pg.text;
  ASSERT_EQ(pg.params.size(), 1U);
  // SQLite allows OFFSET only after a LIMIT: -1 is none.
  const auto lite = sql::compile(s, sqlite);
  EXPECT_TRUE(lite.text.ends_with("FROM post LIMIT ? OFFSET ?")) << lite.text;
  EXPECT_EQ(std::get<std::int64_t>(lite.params.at(0)), -1);
}

TEST(PostgresDialect, CreateTableUsesIdentityKeysAndPostgresTypes) {
  detail::ensure_configured();
  const auto comment = sql::create_table_sql(detail::model_info<Comment>().table, postgres);
  ASSERT_EQ(comment.size(), 2U);
  EXPECT_EQ(comment[0],
            "CREATE TABLE IF NOT EXISTS comment (\n"
            "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,\n"
            "  author VARCHAR(128) NOT NULL,\n"
            "  website VARCHAR(255),\n"
            "  content TEXT NOT NULL,\n"
            "  post_id BIGINT,\n"
            "  CONSTRAINT fk_comment_post_id FOREIGN KEY (post_id) REFERENCES post (id) ON DELETE "
            "CASCADE\n"
            ")");
  const auto account = sql::create_table_sql(detail::model_info<Account>().table, postgres)[0];
  for (const char* part :
       {"logins BIGINT NOT NULL DEFAULT 0", "score DOUBLE PRECISION NOT NULL",
        "is_admin BOOLEAN NOT NULL DEFAULT false",
        "created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP", "last_seen TIMESTAMPTZ,",
        "CONSTRAINT uq_account_username UNIQUE (username)"}) {
    EXPECT_NE(account.find(part), std::string::npos) << part << " in\n" << account;
  }
}

TEST(PostgresDialect, QuotesItsReservedWords) {
  const auto t = table_with_columns("user", {"id", "where", "order", "name"});
  EXPECT_EQ(sql::insert_sql(t, false, postgres),
            "INSERT INTO \"user\" (\"where\", \"order\", name) VALUES ($1, $2, $3) RETURNING id");
}

TEST(PostgresDialect, LiteralsAreBooleansAndUtcTimestamps) {
  using namespace std::chrono;
  std::string out;
  postgres.append_literal(out, Value{true});
  out += ' ';
  postgres.append_literal(out, Value{Timestamp{sys_days{year{2026} / 1 / 2} + hours{3}}});
  EXPECT_EQ(out, "true '2026-01-02 03:00:00.000000+00'");
}

TEST(PostgresDialect, MultiRowInsertNumbersTheRowsAndTypesTheParameters) {
  const auto& table = detail::model_info<Post>().table;
  EXPECT_EQ(sql::insert_many_sql(table, 2, postgres),
            "INSERT INTO post (title, content) SELECT p0, p1 FROM (VALUES ($1::TEXT, $2::TEXT, 0), "
            "($3::TEXT, $4::TEXT, 1)) AS batch (p0, p1, sentinel) ORDER BY sentinel RETURNING id");
}

TEST(PostgresDialect, BatchesStayUnderTheParameterLimit) {
  EXPECT_EQ(sql::max_rows_per_insert(detail::model_info<Post>().table, postgres), 1000U);
  std::vector<std::string> wide{"id"};
  for (int i = 0; i < 100; ++i)
    wide.push_back("c" + std::to_string(i));
  EXPECT_EQ(sql::max_rows_per_insert(table_with_columns("wide", wide), postgres), 655U);
  EXPECT_EQ(sql::max_rows_per_insert(detail::model_info<Post>().table, sqlite), 1U);
}

TEST(Compiler, BulkUpdateSetsThenFiltersWithParametersInOrder) {
  const sql::TableInfo& account = detail::model_info<Account>().table;
  const Assignment<Account> logins = set(&Account::logins, 0);
  const Assignment<Account> name = set(col(&Account::display_name), std::nullopt);
  const std::vector<sql::ColumnValue> sets{logins.column_value(), name.column_value()};
  const std::vector<sql::Condition> where{(col(&Account::logins) < 10).condition()};
  const auto pg = sql::compile_update(account, sets, where, false, sql::postgres_dialect());
  EXPECT_EQ(pg.text, "UPDATE account SET logins = $1, display_name = $2 WHERE account.logins < $3");
  ASSERT_EQ(pg.params.size(), 3U);
  EXPECT_EQ(std::get<std::int64_t>(pg.params[0]), 0);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(pg.params[1]));  // NULL, bound
  EXPECT_EQ(std::get<std::int64_t>(pg.params[2]), 10);
  const auto returning = sql::compile_update(account, sets, {}, true, sqlite);
  EXPECT_EQ(returning.text, "UPDATE account SET logins = ?, display_name = ? RETURNING " +
                                sql::column_list(account, sqlite));
}

TEST(Compiler, BulkDeleteAndSavepoints) {
  const sql::TableInfo& post = detail::model_info<Post>().table;
  const std::vector<sql::Condition> where{(col(&Post::title) == "x").condition()};
  EXPECT_EQ(sql::compile_delete(post, where, false, sqlite).text,
            "DELETE FROM post WHERE post.title = ?");
  EXPECT_EQ(sql::compile_delete(post, {}, true, sql::postgres_dialect()).text,
            "DELETE FROM post RETURNING post.id");
  EXPECT_EQ(sql::savepoint_sql(sql::SavepointStep::begin, "relate_savepoint_1", sqlite),
            "SAVEPOINT relate_savepoint_1");
  EXPECT_EQ(sql::savepoint_sql(sql::SavepointStep::release, "relate_savepoint_1", sqlite),
            "RELEASE SAVEPOINT relate_savepoint_1");
  EXPECT_EQ(sql::savepoint_sql(sql::SavepointStep::rollback, "relate_savepoint_1",
                               sql::postgres_dialect()),
            "ROLLBACK TO SAVEPOINT relate_savepoint_1");
}
