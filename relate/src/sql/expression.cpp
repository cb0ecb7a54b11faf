#include "relate/sql/expression.hpp"

#include "relate/sql/condition_node.hpp"
#include "relate/sql/expression_node.hpp"
#include "relate/sql/select.hpp"

namespace relate::sql {

namespace {

std::shared_ptr<Condition::Node> make(Condition::Node::Kind kind) {
  auto node = std::make_shared<Condition::Node>();
  node->kind = kind;
  return node;
}

// Joins a and b under `kind`, flattening nested nodes of the same kind so
// that a && b && c compiles to one flat list.
Condition::Node::Kind combine_into(Condition::Node& out, const Condition& c,
                                   Condition::Node::Kind kind) {
  if (c.node().kind == kind) {
    out.children.insert(out.children.end(), c.node().children.begin(), c.node().children.end());
  } else {
    out.children.push_back(c);
  }
  return kind;
}

}  // namespace

Condition Condition::compare(ColumnRef lhs, CompareOp op, Value rhs) {
  auto node = make(Node::Kind::compare_value);
  node->column = lhs;
  node->op = op;
  node->values.push_back(std::move(rhs));
  return Condition{std::move(node)};
}

Condition Condition::compare(ColumnRef lhs, CompareOp op, ColumnRef rhs) {
  auto node = make(Node::Kind::compare_column);
  node->column = lhs;
  node->op = op;
  node->other_column = rhs;
  return Condition{std::move(node)};
}

Condition Condition::in(ColumnRef lhs, std::vector<Value> values, bool negated) {
  auto node = make(Node::Kind::in);
  node->column = lhs;
  node->values = std::move(values);
  node->negated = negated;
  return Condition{std::move(node)};
}

Condition Condition::is_null(ColumnRef operand, bool negated) {
  auto node = make(Node::Kind::is_null);
  node->column = operand;
  node->negated = negated;
  return Condition{std::move(node)};
}

Condition Condition::exists(std::shared_ptr<const Select> subquery) {
  auto node = make(Node::Kind::exists);
  node->subquery = std::move(subquery);
  return Condition{std::move(node)};
}

Condition Condition::always(bool value) {
  auto node = make(Node::Kind::constant);
  node->constant = value;
  return Condition{std::move(node)};
}

Condition Condition::fulltext_match(ColumnRef key, std::size_t index, std::string text) {
  auto node = make(Node::Kind::fulltext_match);
  node->column = key;
  node->fulltext_index = index;
  node->values.emplace_back(std::move(text));
  return Condition{std::move(node)};
}

Condition Condition::compare(Expression lhs, CompareOp op, Expression rhs) {
  auto node = make(Node::Kind::compare_value);
  node->op = op;
  node->operands = {std::move(lhs), std::move(rhs)};
  return Condition{std::move(node)};
}

Condition Condition::in(Expression lhs, std::vector<Value> values, bool negated) {
  auto node = make(Node::Kind::in);
  node->operands.push_back(std::move(lhs));
  node->values = std::move(values);
  node->negated = negated;
  return Condition{std::move(node)};
}

Condition Condition::in(Expression lhs, std::shared_ptr<const Select> subquery, bool negated) {
  auto node = make(Node::Kind::in);
  node->operands.push_back(std::move(lhs));
  node->subquery = std::move(subquery);
  node->negated = negated;
  return Condition{std::move(node)};
}

Condition Condition::is_null(Expression operand, bool negated) {
  auto node = make(Node::Kind::is_null);
  node->operands.push_back(std::move(operand));
  node->negated = negated;
  return Condition{std::move(node)};
}

Condition Condition::aliased(const TableInfo* table, std::string_view alias) const {
  auto node = std::make_shared<Node>(*node_);
  const auto rename = [&](ColumnRef& ref) {
    if (ref.table == table && ref.alias.empty()) ref.alias = alias;
  };
  rename(node->column);
  rename(node->other_column);
  for (Condition& child : node->children)
    child = child.aliased(table, alias);
  for (Expression& operand : node->operands)
    operand = operand.aliased(table, alias);
  return Condition{std::move(node)};
}

namespace {

std::shared_ptr<Expression::Node> make_expression(Expression::Node::Kind kind) {
  auto node = std::make_shared<Expression::Node>();
  node->kind = kind;
  return node;
}

}  // namespace

Expression Expression::column(ColumnRef ref) {
  auto node = make_expression(Node::Kind::column);
  node->column = ref;
  return Expression{std::move(node)};
}

Expression Expression::value(Value v) {
  auto node = make_expression(Node::Kind::value);
  node->value = std::move(v);
  return Expression{std::move(node)};
}

Expression Expression::count_rows() {
  return Expression{make_expression(Node::Kind::count_rows)};
}

Expression Expression::function(SqlFunction f, std::vector<Expression> args, bool distinct) {
  auto node = make_expression(Node::Kind::function);
  node->function = f;
  node->args = std::move(args);
  node->distinct = distinct;
  return Expression{std::move(node)};
}

Expression Expression::arithmetic(ArithmeticOp op, Expression lhs, Expression rhs, SqlType type) {
  auto node = make_expression(Node::Kind::arithmetic);
  node->op = op;
  node->type = type;
  node->args = {std::move(lhs), std::move(rhs)};
  return Expression{std::move(node)};
}

Expression Expression::case_when(std::vector<Condition> whens, std::vector<Expression> thens,
                                 const Expression* otherwise) {
  auto node = make_expression(Node::Kind::case_when);
  node->whens = std::move(whens);
  node->args = std::move(thens);
  if (otherwise != nullptr) {
    node->args.push_back(*otherwise);
    node->has_else = true;
  }
  return Expression{std::move(node)};
}

Expression Expression::cast(Expression operand, SqlType type) {
  auto node = make_expression(Node::Kind::cast);
  node->type = type;
  node->args.push_back(std::move(operand));
  return Expression{std::move(node)};
}

Expression Expression::scalar(std::shared_ptr<const Select> subquery) {
  auto node = make_expression(Node::Kind::scalar);
  node->subquery = std::move(subquery);
  return Expression{std::move(node)};
}

Expression Expression::fulltext_rank(ColumnRef key, std::size_t index, std::string text) {
  auto node = make_expression(Node::Kind::fulltext_rank);
  node->column = key;
  node->fulltext_index = index;
  node->value = std::move(text);
  return Expression{std::move(node)};
}

Expression Expression::aliased(const TableInfo* table, std::string_view alias) const {
  auto node = std::make_shared<Node>(*node_);
  if (node->column.table == table && node->column.alias.empty()) node->column.alias = alias;
  for (Expression& arg : node->args)
    arg = arg.aliased(table, alias);
  for (Condition& when : node->whens)
    when = when.aliased(table, alias);
  return Expression{std::move(node)};
}

Condition operator&&(const Condition& a, const Condition& b) {
  auto node = make(Condition::Node::Kind::all);
  combine_into(*node, a, Condition::Node::Kind::all);
  combine_into(*node, b, Condition::Node::Kind::all);
  return Condition{std::move(node)};
}

Condition operator||(const Condition& a, const Condition& b) {
  auto node = make(Condition::Node::Kind::any);
  combine_into(*node, a, Condition::Node::Kind::any);
  combine_into(*node, b, Condition::Node::Kind::any);
  return Condition{std::move(node)};
}

Condition operator!(const Condition& a) {
  auto node = make(Condition::Node::Kind::negate);
  node->children.push_back(a);
  return Condition{std::move(node)};
}

}  // namespace relate::sql
