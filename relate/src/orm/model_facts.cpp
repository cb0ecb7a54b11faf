// A model's run-time description, built once from the facts its mapping
// gives (relate/orm/model_builder.hpp): the table, the relationships (with
// the other side a backref wires), and the ModelOps, which loop over the
// columns' typed operations.

#include <memory>
#include <string>
#include <vector>

#include "relate/orm/model_info.hpp"

namespace relate::detail {

namespace {

const std::vector<ColumnOps>& columns_of(const ObjectState& s) noexcept {
  return s.model().columns;
}

void read(ObjectState& s, const Cursor& cursor) {
  const auto& columns = columns_of(s);
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (!columns[c].read(s, cursor, c)) throw_null_column(s.model(), c);
  }
}

void params(const ObjectState& s, ColumnMask mask, std::vector<Param>& out) {
  const auto& columns = columns_of(s);
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (mask >> c & 1U) out.push_back(columns[c].param(s));
  }
}

ColumnMask changed(const ObjectState& s) {
  const auto& columns = columns_of(s);
  ColumnMask mask = 0;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (columns[c].changed(s)) mask |= ColumnMask{1} << c;
  }
  return mask;
}

void take_snapshot(ObjectState& s) {
  for (const ColumnOps& column : columns_of(s))
    column.save(s);
}

void restore_snapshot(ObjectState& s) {
  for (const ColumnOps& column : columns_of(s))
    column.restore(s);
}

void restore_original(ObjectState& s) {
  s.model().restore_original_snapshot(s);
  restore_snapshot(s);
}

std::optional<std::int64_t> integer_of(const ObjectState& s, std::size_t column, bool snapshot) {
  const ColumnOps& ops = columns_of(s)[column];
  return ops.integer ? ops.integer(s, snapshot) : std::nullopt;
}

std::int64_t primary_key(const ObjectState& s) {
  return *integer_of(s, s.model().table.primary_key, false);
}

void set_integer(ObjectState& s, std::size_t column, std::optional<std::int64_t> value) {
  const ColumnOps& ops = columns_of(s)[column];
  if (ops.set_integer && !ops.set_integer(s, value)) throw_not_nullable(s.model(), column);
}

void apply_insert_defaults(ObjectState& s) {
  for (const ColumnOps& column : columns_of(s)) {
    if (column.fill_now) column.fill_now(s);
  }
}

void check_lengths(const ObjectState& s, ColumnMask mask) {
  const ModelInfo& model = s.model();
  for (std::size_t c = 0; c < model.columns.size(); ++c) {
    const std::size_t limit = model.table.columns[c].varchar_length;
    if (limit == 0 || !(mask >> c & 1U)) continue;
    const Param value = model.columns[c].param(s);
    const auto* text = std::get_if<std::string_view>(&value);
    if (text != nullptr && text->size() > limit) {
      const std::size_t length = utf8_length(*text);
      if (length > limit) throw_too_long(model, c, length, limit);
    }
  }
}

std::string describe_column(const ObjectState& s, std::size_t column) {
  return describe(columns_of(s)[column].param(s));
}

std::unique_ptr<RelationInfo> relation_info(const RelationSide& side) {
  auto rel = std::make_unique<RelationInfo>();
  rel->name = side.name;
  rel->kind = side.kind;
  rel->member = side.member;
  rel->member_id = side.id;
  rel->member_offset = side.offset;
  rel->owner_model = side.owner;
  rel->target_model = side.target;
  return rel;
}

}  // namespace

std::string name_in_signature(std::string_view signature, std::string_view marker) {
  auto begin = signature.find(marker) + marker.size();
  if (signature.substr(begin, 1) == "&") ++begin;
  const auto end = signature.find_first_of(";]", begin);
  return std::string(signature.substr(begin, end - begin));
}

const sql::TableInfo& table_of(const ModelInfo& model) noexcept {
  return model.table;
}

ModelInfo& register_model(const ModelFacts& facts) {
  auto info = std::make_unique<ModelInfo>();
  info->type_name = facts.type_name;
  info->table.name = std::string(facts.table);
  for (std::size_t c = 0; c < facts.columns.size(); ++c) {
    const ColumnFacts& f = facts.columns[c];
    sql::ColumnInfo& column = info->table.columns.emplace_back();
    column.name = std::string(f.name);
    column.type = f.type;
    column.nullable = f.nullable;
    column.primary_key = f.primary_key;
    column.unique = f.unique;
    column.indexed = f.indexed;
    column.default_now = f.default_now;
    column.varchar_length = f.varchar_length;
    column.default_value = f.default_value;
    if (f.fk_target != nullptr) {
      column.foreign_key = sql::ForeignKeyInfo{"fk_" + info->table.name + "_" + column.name,
                                               nullptr, f.fk_target_column, f.on_delete};
      info->foreign_keys.push_back(ForeignKeyTarget{c, f.fk_target, f.fk_target_column});
    }
    if (f.primary_key) info->table.primary_key = c;
    if (f.version) info->table.version_column = c;
    info->columns.push_back(f.ops);
  }
  for (const FulltextFacts& f : facts.fulltext_indexes)
    info->table.fulltext_indexes.push_back({std::string(f.name), f.columns});
  info->restore_original_snapshot = facts.restore_original;

  ModelOps& ops = info->ops;
  ops.create = facts.create;
  ops.read = read;
  ops.params = params;
  ops.changed = changed;
  ops.take_snapshot = take_snapshot;
  ops.restore_snapshot = restore_snapshot;
  ops.save_original = facts.save_original;
  ops.restore_original = restore_original;
  ops.forget_original = facts.forget_original;
  ops.copy_snapshot = facts.copy_snapshot;
  ops.put_snapshot = facts.put_snapshot;
  ops.primary_key = primary_key;
  ops.set_primary_key = [](ObjectState& s, std::int64_t key) {
    set_integer(s, s.model().table.primary_key, key);
  };
  ops.integer = [](const ObjectState& s, std::size_t column) {
    return integer_of(s, column, false);
  };
  ops.snapshot_integer = [](const ObjectState& s, std::size_t column) {
    return integer_of(s, column, true);
  };
  ops.set_integer = set_integer;
  ops.apply_insert_defaults = apply_insert_defaults;
  ops.check_lengths = check_lengths;
  ops.describe_column = describe_column;

  for (const RelationFacts& f : facts.relations) {
    std::unique_ptr<RelationInfo> rel = relation_info(f.side);
    rel->cascade = f.cascade;
    rel->loading = f.loading;
    rel->passive_deletes = f.passive_deletes;
    rel->fk_column = f.fk_column;
    if (f.order_column) rel->order_by.push_back({*f.order_column, f.order_descending});
    if (f.link.key != nullptr) {
      rel->link = register_link_table(f.link.key, f.link.name, f.link.left_column,
                                      f.link.right_column, f.link.left, f.link.right);
      rel->link_owner_column = f.link_owner_column;
    }
    rel->back_populates = f.back_populates;
    if (f.backref) {
      std::unique_ptr<RelationInfo> back = relation_info(*f.backref);
      back->cascade = cascade_flags::save_update | cascade_flags::merge;
      back->fk_column = f.fk_column;
      back->link = rel->link;
      back->link_owner_column = 1 - rel->link_owner_column;
      back->is_backref = true;
      back->reverse = rel.get();
      rel->reverse = back.get();
      info->declared.push_back(std::move(back));
    }
    info->declared.push_back(std::move(rel));
  }
  return register_model(std::move(info));
}

}  // namespace relate::detail
