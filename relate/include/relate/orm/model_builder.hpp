#pragma once
// Builds a model's run-time ModelInfo from its constexpr mapping: the table
// description, the typed operations, the relationships. Each model's info
// is built once, on first use, and registered before main() runs so that
// backrefs declared on one model reach the other.

#include <bit>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>

#include "relate/error.hpp"
#include "relate/orm/mapping_traits.hpp"
#include "relate/orm/model_info.hpp"
#include "relate/orm/object.hpp"
#include "relate/orm/relationships.hpp"

namespace relate::detail {

// "Post" for T = Post, from the compiler's function signature.
template <class T>
std::string type_name() {
  std::string_view s = __PRETTY_FUNCTION__;
  const auto begin = s.find("T = ") + 4;
  const auto end = s.find_first_of(";]", begin);
  return std::string(s.substr(begin, end - begin));
}

// "Post::comments" for M = &Post::comments.
template <auto M>
std::string member_name() {
  std::string_view s = __PRETTY_FUNCTION__;
  auto begin = s.find("M = ") + 4;
  if (s.substr(begin, 1) == "&") ++begin;
  const auto end = s.find_first_of(";]", begin);
  return std::string(s.substr(begin, end - begin));
}

// A distinct address for each mapped member, to pair relationship sides.
template <auto M>
inline constexpr char member_tag = 0;

// The bits of a member pointer, which identify a member of T at run time
// (query options name relationships by member pointer).
template <class T, class M>
std::uintptr_t member_offset(M T::*member) noexcept {
  static_assert(sizeof(member) == sizeof(std::uintptr_t));
  return std::bit_cast<std::uintptr_t>(member);
}

template <class T>
Object<T>& as_object(ObjectState& s) noexcept {
  return static_cast<Object<T>&>(s);
}
template <class T>
const Object<T>& as_object(const ObjectState& s) noexcept {
  return static_cast<const Object<T>&>(s);
}

[[noreturn]] void throw_null_column(const ModelInfo& model, std::size_t column);
[[noreturn]] void throw_not_nullable(const ModelInfo& model, std::size_t column);
[[noreturn]] void throw_too_long(const ModelInfo& model, std::size_t column, std::size_t length,
                                 std::size_t limit);
std::size_t utf8_length(std::string_view s) noexcept;

// Snapshot := field, copying strings into the object's graph.
template <class M, class S>
void save_field(const M& field, S& saved, ObjectState& object) {
  if constexpr (std::is_same_v<M, std::string>) {
    saved = object.graph->store(field);
  } else if constexpr (std::is_same_v<M, std::optional<std::string>>) {
    saved = field ? std::optional<std::string_view>(object.graph->store(*field)) : std::nullopt;
  } else {
    saved = field;
  }
}

// Field := snapshot.
template <class M, class S>
void restore_field(M& field, const S& saved) {
  if constexpr (std::is_same_v<M, std::optional<std::string>>) {
    field = saved ? std::optional<std::string>(std::string(*saved)) : std::nullopt;
  } else {
    field = M(saved);
  }
}

template <class M>
inline constexpr bool is_integer_column_v =
    std::is_same_v<unwrap_t<M>, std::int64_t> || std::is_same_v<unwrap_t<M>, int>;

template <class T, std::size_t C>
sql::ColumnInfo build_column(std::vector<ForeignKeyTarget>& foreign_keys) {
  using Def = column_t<T, C>;
  using M = typename Def::member_type;
  constexpr const Def& def = column_def<T, C>();
  sql::ColumnInfo info;
  info.name = std::string(def.name);
  info.type = ColumnTraits<unwrap_t<M>>::type;
  info.nullable = IsOptional<M>::value;
  info.primary_key = Def::is_primary_key;
  info.unique = Def::is_unique;
  info.indexed = Def::is_indexed;
  info.default_now = Def::has_default_now;
  if constexpr (Def::has_varchar) info.varchar_length = std::get<Varchar>(def.options).length;
  static_assert(!Def::is_version || (std::is_same_v<M, std::int64_t> && !Def::is_primary_key),
                "relate: a version_id column is a std::int64_t that is not the primary key");
  if constexpr (Def::has_default) {
    info.default_value =
        ColumnTraits<unwrap_t<M>>::value(std::get<typename Def::default_type>(def.options).value);
  }
  if constexpr (Def::has_foreign_key) {
    using FK = typename Def::foreign_key_type;
    using Target = typename IsForeignKey<FK>::target;
    constexpr std::size_t target_column = column_index_of<Target>(std::get<FK>(def.options).target);
    static_assert(column_t<Target, target_column>::is_primary_key ||
                      column_t<Target, target_column>::is_unique,
                  "relate: a foreign key must reference a primary key or unique column");
    info.foreign_key =
        sql::ForeignKeyInfo{"fk_" + std::string(model<T>.name) + "_" + info.name, nullptr,
                            target_column, std::get<FK>(def.options).on_delete};
    foreign_keys.push_back(ForeignKeyTarget{C, &model_info<Target>, target_column});
  }
  return info;
}

// Calls f(field, snapshot_field, column constant) for every column.
template <class T, class Obj, class F>
void visit_columns(Obj& object, F&& f) {
  for_each_column<T>([&](auto c) {
    constexpr std::size_t C = decltype(c)::value;
    f(object.value.*(column_def<T, C>().member), std::get<C>(object.snapshot), c);
  });
}

template <class T>
ModelOps build_ops() {
  ModelOps ops;
  ops.create = [](Graph& graph) -> ObjectState& { return graph.create<Object<T>>(); };
  ops.read = [](ObjectState& s, const Cursor& cursor) {
    visit_columns<T>(as_object<T>(s), [&](auto& field, auto& saved, auto c) {
      using M = std::remove_cvref_t<decltype(field)>;
      if (!ColumnTraits<M>::read(field, cursor, c)) throw_null_column(model_info<T>(), c);
      save_field(field, saved, s);
    });
  };
  ops.params = [](const ObjectState& s, ColumnMask columns, std::vector<Param>& out) {
    visit_columns<T>(as_object<T>(s), [&](const auto& field, const auto&, auto c) {
      using M = std::remove_cvref_t<decltype(field)>;
      if (columns >> c & 1U) out.push_back(ColumnTraits<M>::param(field));
    });
  };
  ops.changed = [](const ObjectState& s) {
    ColumnMask mask = 0;
    visit_columns<T>(as_object<T>(s), [&](const auto& field, const auto& saved, auto c) {
      if (!(field == saved)) mask |= ColumnMask{1} << c;
    });
    return mask;
  };
  ops.take_snapshot = [](ObjectState& s) {
    visit_columns<T>(as_object<T>(s),
                     [&](const auto& field, auto& saved, auto) { save_field(field, saved, s); });
  };
  ops.restore_snapshot = [](ObjectState& s) {
    visit_columns<T>(as_object<T>(s),
                     [](auto& field, const auto& saved, auto) { restore_field(field, saved); });
  };
  ops.save_original = [](ObjectState& s) {
    auto& o = as_object<T>(s);
    if (!o.original) o.original = std::make_unique<Snapshot<T>>(o.snapshot);
  };
  ops.restore_original = [](ObjectState& s) {
    auto& o = as_object<T>(s);
    if (o.original) o.snapshot = *o.original;
    o.original.reset();
    visit_columns<T>(o, [](auto& field, const auto& saved, auto) { restore_field(field, saved); });
  };
  ops.forget_original = [](ObjectState& s) { as_object<T>(s).original.reset(); };
  ops.primary_key = [](const ObjectState& s) {
    return as_object<T>(s).value.*(column_def<T, primary_key_column<T>>().member);
  };
  ops.set_primary_key = [](ObjectState& s, std::int64_t key) {
    as_object<T>(s).value.*(column_def<T, primary_key_column<T>>().member) = key;
  };
  ops.integer = [](const ObjectState& s, std::size_t column) {
    std::optional<std::int64_t> out;
    visit_columns<T>(as_object<T>(s), [&](const auto& field, const auto&, auto c) {
      using M = std::remove_cvref_t<decltype(field)>;
      if constexpr (is_integer_column_v<M>) {
        if (c == column) {
          if constexpr (IsOptional<M>::value) {
            if (field) out = *field;
          } else {
            out = field;
          }
        }
      }
    });
    return out;
  };
  ops.snapshot_integer = [](const ObjectState& s, std::size_t column) {
    std::optional<std::int64_t> out;
    visit_columns<T>(as_object<T>(s), [&](const auto&, const auto& saved, auto c) {
      using M = std::remove_cvref_t<decltype(saved)>;
      if constexpr (is_integer_column_v<M>) {
        if (c == column) {
          if constexpr (IsOptional<M>::value) {
            if (saved) out = *saved;
          } else {
            out = saved;
          }
        }
      }
    });
    return out;
  };
  ops.set_integer = [](ObjectState& s, std::size_t column, std::optional<std::int64_t> value) {
    visit_columns<T>(as_object<T>(s), [&](auto& field, const auto&, auto c) {
      using M = std::remove_cvref_t<decltype(field)>;
      if constexpr (is_integer_column_v<M>) {
        if (c != column) return;
        if constexpr (IsOptional<M>::value) {
          if (value) {
            field = static_cast<unwrap_t<M>>(*value);
          } else {
            field.reset();
          }
        } else {
          if (!value) throw_not_nullable(model_info<T>(), c);
          field = static_cast<M>(*value);
        }
      }
    });
  };
  ops.apply_insert_defaults = [](ObjectState& s) {
    visit_columns<T>(as_object<T>(s), [](auto& field, const auto&, auto c) {
      if constexpr (column_t<T, decltype(c)::value>::has_default_now) {
        using M = std::remove_cvref_t<decltype(field)>;
        using TP = unwrap_t<M>;
        if constexpr (IsOptional<M>::value) {
          if (!field)
            field = std::chrono::time_point_cast<typename TP::duration>(
                std::chrono::system_clock::now());
        } else {
          if (field == TP{})
            field = std::chrono::time_point_cast<typename TP::duration>(
                std::chrono::system_clock::now());
        }
      }
    });
  };
  ops.check_lengths = [](const ObjectState& s, ColumnMask columns) {
    visit_columns<T>(as_object<T>(s), [&](const auto& field, const auto&, auto c) {
      using Def = column_t<T, decltype(c)::value>;
      if constexpr (Def::has_varchar) {
        if (!(columns >> c & 1U)) return;
        const std::size_t limit =
            std::get<Varchar>(column_def<T, decltype(c)::value>().options).length;
        const std::string* text = nullptr;
        if constexpr (IsOptional<typename Def::member_type>::value) {
          if (field) text = &*field;
        } else {
          text = &field;
        }
        if (text != nullptr && text->size() > limit) {
          const std::size_t length = utf8_length(*text);
          if (length > limit) throw_too_long(model_info<T>(), c, length, limit);
        }
      }
    });
  };
  ops.describe_column = [](const ObjectState& s, std::size_t column) {
    std::string out;
    visit_columns<T>(as_object<T>(s), [&](const auto& field, const auto&, auto c) {
      using M = std::remove_cvref_t<decltype(field)>;
      if (c == column) out = describe(ColumnTraits<M>::param(field));
    });
    return out;
  };
  return ops;
}

// The foreign-key column (in the child model) that a relationship joins on.
template <class T, std::size_t R>
consteval std::size_t relation_fk_column() {
  using Def = relation_t<T, R>;
  using Child = typename Def::child_type;
  using Parent = typename Def::parent_type;
  if constexpr (!std::is_void_v<typename Def::foreign_keys_type>) {
    constexpr std::size_t c = column_index_of<Child>(
        std::get<typename Def::foreign_keys_type>(relation_def<T, R>().options).member);
    using Column = column_t<Child, c>;
    static_assert(
        Column::has_foreign_key &&
            std::is_same_v<typename IsForeignKey<typename Column::foreign_key_type>::target,
                           Parent>,
        "relate: foreign_keys() must name a column declared with foreign_key(&Parent::id)");
    return c;
  } else {
    static_assert(foreign_key_count_to<Child, Parent>() > 0,
                  "relate: no foreign key joins these two models (NoForeignKeysError); declare a "
                  "column with foreign_key(&Parent::id) on the model of the many side");
    static_assert(foreign_key_count_to<Child, Parent>() < 2,
                  "relate: several foreign keys join these two models (AmbiguousForeignKeysError); "
                  "name the one to use with foreign_keys(&Child::column)");
    return first_foreign_key_to<Child, Parent>();
  }
}

// A relationship's foreign key must reference the parent's primary key.
template <class T, std::size_t R>
consteval bool relation_references_primary_key() {
  using Def = relation_t<T, R>;
  using Child = typename Def::child_type;
  using Parent = typename Def::parent_type;
  constexpr std::size_t c = relation_fk_column<T, R>();
  using FK = typename column_t<Child, c>::foreign_key_type;
  return column_index_of<Parent>(std::get<FK>(column_def<Child, c>().options).target) ==
         primary_key_column<Parent>;
}

template <class Member>
constexpr RelationKind relation_kind() {
  using Traits = RelationMemberTraits<Member>;
  if constexpr (!Traits::is_collection) {
    return RelationKind::many_to_one;
  } else if constexpr (Traits::is_many_to_many) {
    return RelationKind::many_to_many;
  } else if constexpr (Traits::is_dynamic) {
    return RelationKind::dynamic;
  } else if constexpr (Traits::is_to_one) {
    return RelationKind::one_to_one;
  } else {
    return RelationKind::one_to_many;
  }
}

template <class T, std::size_t R>
void build_relation(ModelInfo& info) {
  using Def = relation_t<T, R>;
  using Target = typename Def::target_type;
  constexpr const Def& def = relation_def<T, R>();
  constexpr bool many_to_many = Def::traits::is_many_to_many;
  constexpr std::size_t fk_column = [] {
    if constexpr (many_to_many) {
      return std::size_t{0};  // joined through the association table instead
    } else {
      static_assert(relation_references_primary_key<T, R>(),
                    "relate: a relationship joins on a foreign key that references the parent's "
                    "primary key");
      return relation_fk_column<T, R>();
    }
  }();
  constexpr unsigned cascade = [] {
    if constexpr (Def::has_cascade) {
      return std::get<Cascade>(relation_def<T, R>().options).flags;
    } else {
      return cascade_flags::save_update | cascade_flags::merge;
    }
  }();
  static_assert(Def::traits::is_collection || !(cascade & cascade_flags::delete_orphan),
                "relate: delete-orphan belongs on the one-to-many side of a relationship");
  static_assert(!many_to_many || !(cascade & cascade_flags::delete_orphan),
                "relate: delete-orphan does not apply to a many-to-many (an object may have "
                "other owners)");
  if constexpr (Def::traits::is_collection && Def::traits::is_to_one) {
    static_assert(column_t<typename Def::child_type, fk_column>::is_unique,
                  "relate: a one-to-one (HasOne<X>) needs a unique foreign key: declare X's "
                  "column with relate::unique, so that the database allows one X per owner");
  }

  auto rel = std::make_unique<RelationInfo>();
  rel->name = member_name<def.member>();
  rel->kind = relation_kind<typename Def::member_type>();
  rel->cascade = cascade;
  rel->fk_column = fk_column;
  rel->member = [](ObjectState& s) -> RelationMember& {
    return as_object<T>(s).value.*(relation_def<T, R>().member);
  };
  rel->member_id = &member_tag<def.member>;
  rel->member_offset = member_offset(def.member);
  if constexpr (Def::has_lazy) rel->loading = std::get<Lazy>(def.options).strategy;
  rel->passive_deletes = Def::has_passive_deletes;
  rel->owner_model = &model_info<T>;
  rel->target_model = &model_info<Target>;
  if constexpr (!std::is_void_v<typename Def::order_by_type>) {
    constexpr auto order = std::get<typename Def::order_by_type>(def.options);
    rel->order_by.push_back({column_index_of<Target>(order.member), order.descending});
  }
  if constexpr (many_to_many) {
    using S = typename Def::secondary_type;
    constexpr auto* table = std::get<S>(def.options).table;
    using Left = typename IsSecondary<S>::left;
    using Right = typename IsSecondary<S>::right;
    rel->link = register_link_table(table, table->name, table->left_column, table->right_column,
                                    &model_info<Left>, &model_info<Right>);
    rel->link_owner_column = std::is_same_v<Left, T> ? 0 : 1;
  }

  if constexpr (Def::has_back_populates) {
    using BP = typename Def::pairing_type;
    constexpr auto other_member = std::get<BP>(def.options).member;
    constexpr std::size_t other = relation_index_of<Target>(other_member);
    static_assert(other != npos,
                  "relate: back_populates names a member that the related model's mapping does not "
                  "declare; declare relationship(&Other::member, back_populates(...)) there too, "
                  "or use backref instead");
    using OtherDef = relation_t<Target, other>;
    static_assert(OtherDef::has_back_populates,
                  "relate: both sides of back_populates must name each other");
    using OtherBP = typename OtherDef::pairing_type;
    constexpr auto back = std::get<OtherBP>(relation_def<Target, other>().options).member;
    using Back = std::remove_cv_t<decltype(back)>;
    using Member = typename Def::member_type T::*;
    static_assert(std::is_same_v<Back, Member>,
                  "relate: the other side's back_populates does not point back at this member");
    if constexpr (std::is_same_v<Back, Member>) {
      static_assert(back == def.member,
                    "relate: the other side's back_populates does not point back at this member");
    }
    if constexpr (many_to_many) {
      using S = typename Def::secondary_type;
      using OtherS = typename OtherDef::secondary_type;
      static_assert(std::is_same_v<S, OtherS>,
                    "relate: the two sides of a many-to-many name different association tables");
      if constexpr (std::is_same_v<S, OtherS>) {
        static_assert(std::get<S>(def.options).table ==
                          std::get<OtherS>(relation_def<Target, other>().options).table,
                      "relate: the two sides of a many-to-many name different association tables");
      }
    }
    rel->back_populates = &member_tag<other_member>;
  }

  if constexpr (Def::has_backref) {
    using BR = typename Def::pairing_type;
    constexpr auto other_member = std::get<BR>(def.options).member;
    using OtherMember = typename IsBackref<BR>::member;
    if constexpr (RelationMemberTraits<OtherMember>::is_collection &&
                  RelationMemberTraits<OtherMember>::is_to_one) {
      static_assert(column_t<T, fk_column>::is_unique,
                    "relate: a one-to-one (HasOne<X>) needs a unique foreign key: declare X's "
                    "column with relate::unique, so that the database allows one X per owner");
    }
    auto back = std::make_unique<RelationInfo>();
    back->name = member_name<other_member>();
    back->kind = relation_kind<OtherMember>();
    back->cascade = cascade_flags::save_update | cascade_flags::merge;
    back->fk_column = fk_column;
    back->link = rel->link;
    back->link_owner_column = 1 - rel->link_owner_column;
    back->member = [](ObjectState& s) -> RelationMember& {
      return as_object<Target>(s).value.*other_member;
    };
    back->member_id = &member_tag<other_member>;
    back->member_offset = member_offset(other_member);
    back->owner_model = &model_info<Target>;
    back->target_model = &model_info<T>;
    back->is_backref = true;
    back->reverse = rel.get();
    rel->reverse = back.get();
    info.declared.push_back(std::move(back));
  }
  info.declared.push_back(std::move(rel));
}

template <class T>
std::unique_ptr<ModelInfo> build_model_info() {
  static_assert(Mapped<T>,
                "relate: this type has no mapping; declare "
                "template <> inline constexpr auto relate::model<T> = relate::table<T>(...)");
  auto info = std::make_unique<ModelInfo>();
  info->type_name = type_name<T>();
  info->table.name = std::string(model<T>.name);
  for_each_column<T>([&](auto c) {
    info->table.columns.push_back(build_column<T, decltype(c)::value>(info->foreign_keys));
  });
  info->table.primary_key = primary_key_column<T>;
  for_each_column<T>([&](auto c) {
    if constexpr (column_t<T, decltype(c)::value>::is_version) info->table.version_column = c;
  });
  info->ops = build_ops<T>();
  for_each_relation<T>([&](auto r) { build_relation<T, decltype(r)::value>(*info); });
  return info;
}

// Registers every model used in the program before main() runs.
template <class T>
struct ModelRegistration {
  static inline const bool registered = (model_info<T>(), true);
};

template <class T>
ModelInfo& model_info() {
  static ModelInfo& info = register_model(build_model_info<T>());
  (void)ModelRegistration<T>::registered;
  return info;
}

}  // namespace relate::detail
