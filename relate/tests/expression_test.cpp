// Expressions as columns and in filters: arithmetic, coalesce, lower/upper,
// length, concatenation, CASE and CAST, typed from the columns' C++ types.

#include <gtest/gtest.h>

#include "test_support.hpp"

using namespace relate;
using models::Account;
using relate_test::OrmTest;

using Expressions = OrmTest;
RELATE_INSTANTIATE_FOR_EVERY_BACKEND(Expressions);

namespace {

void add_accounts(Database& db) {
  auto s = db.session();
  s.add(Account{.username = "Ann", .display_name = "Ann A.", .logins = 3, .score = 1.5});
  s.add(Account{.username = "bob", .logins = 0, .score = 4.0});
  s.add(Account{.username = "Cy", .logins = 12, .score = 0.25});
  s.commit();
}

}  // namespace

TEST_P(Expressions, ArithmeticKeepsTheColumnsTypes) {
  add_accounts(db);
  auto s = db.session();
  const auto rows = s.select(col(&Account::logins) * 2 + 1, col(&Account::score) / 2,
                             col(&Account::logins) - col(&Account::score))
                        .order_by(asc(&Account::id))
                        .all();
  static_assert(
      std::is_same_v<decltype(rows), const std::vector<std::tuple<std::int64_t, double, double>>>);
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(std::get<0>(rows[0]), 7);
  EXPECT_DOUBLE_EQ(std::get<1>(rows[1]), 2.0);
  EXPECT_DOUBLE_EQ(std::get<2>(rows[2]), 11.75);
  // Integer division truncates, as in C++.
  EXPECT_EQ(
      std::get<0>(s.select(col(&Account::logins) / 5).filter(col(&Account::logins) == 12).one()),
      2);
}

TEST_P(Expressions, StringFunctions) {
  add_accounts(db);
  auto s = db.session();
  const auto rows = s.select(lower(col(&Account::username)), upper(col(&Account::username)),
                             length(col(&Account::username)), concat(col(&Account::username), "!"),
                             coalesce(col(&Account::display_name), col(&Account::username)))
                        .order_by(asc(&Account::id))
                        .all();
  using Row = std::tuple<std::string, std::string, std::int64_t, std::string, std::string>;
  static_assert(std::is_same_v<decltype(rows), const std::vector<Row>>);
  EXPECT_EQ(rows, (std::vector<Row>{{"ann", "ANN", 3, "Ann!", "Ann A."},
                                    {"bob", "BOB", 3, "bob!", "bob"},
                                    {"cy", "CY", 2, "Cy!", "Cy"}}));
  // A NULL in a concatenation is NULL: std::optional.
  const auto nullable =
      s.select(concat(col(&Account::display_name), "?")).order_by(asc(&Account::id)).scalars();
  EXPECT_EQ(nullable,
            (std::vector<std::optional<std::string>>{"Ann A.?", std::nullopt, std::nullopt}));
}

TEST_P(Expressions, FiltersOnExpressions) {
  add_accounts(db);
  auto s = db.session();
  recorder.clear();
  const auto found = s.query<Account>().filter(lower(col(&Account::username)) == "cy").all();
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0]->username, "Cy");
  EXPECT_EQ(recorder.statements().size(), 1U);
  EXPECT_NE(recorder.statements()[0].find("WHERE lower(account.username) = "), std::string::npos);
  const auto busy =
      s.query<Account>().filter(col(&Account::logins) * col(&Account::score) > 4.0).all();
  ASSERT_EQ(busy.size(), 1U);
  EXPECT_EQ(busy[0]->username, "Ann");
}

TEST_P(Expressions, CaseWhenThenElse) {
  add_accounts(db);
  auto s = db.session();
  const auto activity = case_when(col(&Account::logins) > 10, "busy")
                            .when(col(&Account::logins) > 0, "some")
                            .else_("none");
  const auto rows = s.select(col(&Account::username), activity).order_by(asc(&Account::id)).all();
  EXPECT_EQ(rows, (std::vector<std::tuple<std::string, std::string>>{
                      {"Ann", "some"}, {"bob", "none"}, {"Cy", "busy"}}));
  // Without else_(), rows no branch matches are NULL.
  const auto busy = s.select(case_when(col(&Account::logins) > 10, col(&Account::score)).end())
                        .order_by(asc(&Account::id))
                        .scalars();
  EXPECT_EQ(busy, (std::vector<std::optional<double>>{std::nullopt, std::nullopt, 0.25}));
}

TEST_P(Expressions, CastBetweenNumbersAndText) {
  add_accounts(db);
  auto s = db.session();
  const auto rows =
      s.select(cast<std::string>(col(&Account::logins)), cast<std::int64_t>(col(&Account::score)),
               cast<double>(col(&Account::logins)))
          .order_by(asc(&Account::id))
          .all();
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(std::get<0>(rows[2]), "12");
  EXPECT_EQ(std::get<1>(rows[1]), 4);
  EXPECT_DOUBLE_EQ(std::get<2>(rows[0]), 3.0);
}

TEST_P(Expressions, ValuesAreBoundNeverSpliced) {
  add_accounts(db);
  auto s = db.session();
  const std::string hostile = "x'; DROP TABLE account; --";
  const auto stmt = s.select(concat(col(&Account::username), hostile), col(&Account::logins) + 41)
                        .filter(lower(col(&Account::username)) == hostile)
                        .statement();
  EXPECT_EQ(stmt.text.find("DROP"), std::string::npos);
  EXPECT_EQ(stmt.params.size(), 3U);
  EXPECT_TRUE(s.select(concat(col(&Account::username), hostile))
                  .filter(lower(col(&Account::username)) == hostile)
                  .all()
                  .empty());
  EXPECT_EQ(s.query<Account>().count(), 3);
}
