#pragma once
// Turns a model's constexpr mapping into facts without types (ModelFacts),
// from which relate builds the model's run-time description once, on first
// use (src/orm/model_facts.cpp), and checks at compile time what the types
// show: a relationship's foreign key, back_populates pairs, one-to-one
// uniqueness. Models register before main() runs so that backrefs declared
// on one model reach the other. No SQL; not for direct use.

#include <bit>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "relate/orm/column_traits.hpp"
#include "relate/orm/mapping_traits.hpp"
#include "relate/orm/object.hpp"
#include "relate/orm/relationships.hpp"

namespace relate::detail {

// One column's typed operations on an object of its model (column_ops<T, C>).
struct ColumnOps {
  // Member and snapshot := the cursor's column `index`; false (and neither
  // set) for a NULL that the member cannot hold.
  bool (*read)(ObjectState&, const Cursor&, std::size_t index) = nullptr;
  Param (*param)(const ObjectState&) = nullptr;   // the member's value, to bind
  bool (*changed)(const ObjectState&) = nullptr;  // member != snapshot
  void (*save)(ObjectState&) = nullptr;           // snapshot := member
  void (*restore)(ObjectState&) = nullptr;        // member := snapshot
  // Integer columns only: the member's (or the snapshot's) value; and
  // member := value, false for NULL on a member that cannot hold it.
  std::optional<std::int64_t> (*integer)(const ObjectState&, bool snapshot) = nullptr;
  bool (*set_integer)(ObjectState&, std::optional<std::int64_t>) = nullptr;
  void (*fill_now)(ObjectState&) = nullptr;  // default_now only: a zero time := now
};

struct ColumnFacts {
  std::string_view name;
  sql::SqlType type = sql::SqlType::text;
  bool nullable = false, primary_key = false, unique = false, indexed = false;
  bool default_now = false, version = false;
  std::size_t varchar_length = 0;
  std::optional<Value> default_value;
  ModelThunk fk_target = nullptr;  // a foreign key: the model and column it references
  std::size_t fk_target_column = 0;
  sql::OnDelete on_delete = sql::OnDelete::no_action;
  ColumnOps ops;
};

// One relationship member.
struct RelationSide {
  std::string name;  // "Post::comments", for messages
  RelationKind kind = RelationKind::many_to_one;
  RelationMember& (*member)(ObjectState& owner) = nullptr;
  const void* id = nullptr;   // identifies the member (member_tag)
  std::uintptr_t offset = 0;  // the member pointer's bits (member_offset)
  ModelThunk owner = nullptr;
  ModelThunk target = nullptr;
};

struct RelationFacts {
  RelationSide side;
  std::optional<RelationSide> backref;  // the other side that backref(...) wires
  unsigned cascade = 0;
  Load loading = Load::select;
  bool passive_deletes = false;
  std::size_t fk_column = 0;                // in the child model (not for a many-to-many)
  std::optional<std::size_t> order_column;  // of the target, for collections
  bool order_descending = false;
  const void* back_populates = nullptr;  // the id of the other side's member
  struct Link {                          // a many-to-many's association table (register_link_table)
    const void* key = nullptr;
    std::string_view name, left_column, right_column;
    ModelThunk left = nullptr, right = nullptr;
  } link;
  std::size_t link_owner_column = 0;
};

// A relate::fulltext_index of the model: its name and the columns it covers.
struct FulltextFacts {
  std::string_view name;
  std::vector<std::size_t> columns;
};

struct ModelFacts {
  std::string type_name;
  std::string_view table;
  std::vector<ColumnFacts> columns;
  std::vector<RelationFacts> relations;
  std::vector<FulltextFacts> fulltext_indexes;
  ObjectState& (*create)(Graph&) = nullptr;  // a new object with default values
  // The snapshot before this transaction's first write: kept, put back
  // (restore_original leaves the members to the caller), forgotten.
  void (*save_original)(ObjectState&) = nullptr;
  void (*restore_original)(ObjectState&) = nullptr;
  void (*forget_original)(ObjectState&) = nullptr;
  // A copy of the snapshot, and putting one back (a savepoint's record of an
  // object written after it).
  std::shared_ptr<const void> (*copy_snapshot)(const ObjectState&) = nullptr;
  void (*put_snapshot)(ObjectState&, const void* copy) = nullptr;
};

// Builds and registers the run-time description of a model (the registry
// owns it for the program's life).
ModelInfo& register_model(const ModelFacts& facts);
const sql::TableInfo& table_of(const ModelInfo& model) noexcept;

// The name after `marker` in a function signature (__PRETTY_FUNCTION__),
// without a leading '&'.
std::string name_in_signature(std::string_view signature, std::string_view marker);
// "Post" for T = Post, and "Post::comments" for M = &Post::comments.
template <class T>
std::string type_name() {
  return name_in_signature(__PRETTY_FUNCTION__, "T = ");
}
template <auto M>
std::string member_name() {
  return name_in_signature(__PRETTY_FUNCTION__, "M = ");
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

// Snapshot := field, copying strings into the object's graph.
template <class M, class S>
void save_field(const M& field, S& saved, ObjectState& object) {
  if constexpr (std::is_same_v<M, std::string>) {
    saved = graph_store(*object.graph, field);
  } else if constexpr (std::is_same_v<M, std::optional<std::string>>) {
    saved =
        field ? std::optional<std::string_view>(graph_store(*object.graph, *field)) : std::nullopt;
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

template <class T, std::size_t C, class S>
auto& field(S& s) noexcept {
  return as_object<T>(s).value.*(column_def<T, C>().member);
}
template <class T, std::size_t C, class S>
auto& saved(S& s) noexcept {
  return std::get<C>(as_object<T>(s).snapshot);
}

template <class T, std::size_t C>
ColumnOps column_ops() {
  using M = typename column_t<T, C>::member_type;
  using V = unwrap_t<M>;
  ColumnOps ops;
  ops.read = [](ObjectState& s, const Cursor& cursor, std::size_t index) {
    if (!ColumnTraits<M>::read(field<T, C>(s), cursor, index)) return false;
    save_field(field<T, C>(s), saved<T, C>(s), s);
    return true;
  };
  ops.param = [](const ObjectState& s) { return ColumnTraits<M>::param(field<T, C>(s)); };
  ops.changed = [](const ObjectState& s) { return !(field<T, C>(s) == saved<T, C>(s)); };
  ops.save = [](ObjectState& s) { save_field(field<T, C>(s), saved<T, C>(s), s); };
  ops.restore = [](ObjectState& s) { restore_field(field<T, C>(s), saved<T, C>(s)); };
  if constexpr (std::is_same_v<V, std::int64_t> || std::is_same_v<V, int>) {
    ops.integer = [](const ObjectState& s, bool snapshot) {
      return std::optional<std::int64_t>(snapshot ? saved<T, C>(s) : field<T, C>(s));
    };
    ops.set_integer = [](ObjectState& s, std::optional<std::int64_t> value) {
      if constexpr (IsOptional<M>::value) {
        field<T, C>(s) = value ? std::optional<V>(static_cast<V>(*value)) : std::nullopt;
      } else {
        if (!value) return false;
        field<T, C>(s) = static_cast<M>(*value);
      }
      return true;
    };
  }
  if constexpr (column_t<T, C>::has_default_now) {
    ops.fill_now = [](ObjectState& s) {
      M& f = field<T, C>(s);
      bool unset = false;
      if constexpr (IsOptional<M>::value) {
        unset = !f;
      } else {
        unset = f == V{};
      }
      if (unset) {
        f = std::chrono::time_point_cast<typename V::duration>(std::chrono::system_clock::now());
      }
    };
  }
  return ops;
}

template <class T, std::size_t C>
ColumnFacts column_facts() {
  using Def = column_t<T, C>;
  using M = typename Def::member_type;
  constexpr const Def& def = column_def<T, C>();
  static_assert(!Def::is_version || (std::is_same_v<M, std::int64_t> && !Def::is_primary_key),
                "relate: a version_id column is a std::int64_t that is not the primary key");
  ColumnFacts f;
  f.name = def.name;
  f.type = ColumnTraits<unwrap_t<M>>::type;
  f.nullable = IsOptional<M>::value;
  f.primary_key = Def::is_primary_key;
  f.unique = Def::is_unique;
  f.indexed = Def::is_indexed;
  f.default_now = Def::has_default_now;
  f.version = Def::is_version;
  if constexpr (Def::has_varchar) f.varchar_length = std::get<Varchar>(def.options).length;
  if constexpr (Def::has_default) {
    f.default_value =
        ColumnTraits<unwrap_t<M>>::value(std::get<typename Def::default_type>(def.options).value);
  }
  if constexpr (Def::has_foreign_key) {
    using FK = typename Def::foreign_key_type;
    using Target = typename FK::model_type;
    constexpr std::size_t target_column = column_index_of<Target>(std::get<FK>(def.options).target);
    static_assert(column_t<Target, target_column>::is_primary_key ||
                      column_t<Target, target_column>::is_unique,
                  "relate: a foreign key must reference a primary key or unique column");
    f.fk_target = &model_info<Target>;
    f.fk_target_column = target_column;
    f.on_delete = std::get<FK>(def.options).on_delete;
  }
  f.ops = column_ops<T, C>();
  return f;
}

// Whether a and b have one type and are equal.
template <class A, class B>
constexpr bool same_value(const A& a, const B& b) {
  if constexpr (std::is_same_v<A, B>) {
    return a == b;
  } else {
    return false;
  }
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
            std::is_same_v<typename Column::foreign_key_type::model_type, Parent>,
        "relate: foreign_keys() must name a column declared with foreign_key(&Parent::id)");
    return c;
  } else {
    constexpr ForeignKeysTo fks = foreign_keys_to<Child, Parent>();
    static_assert(fks.count > 0,
                  "relate: no foreign key joins these two models (NoForeignKeysError); declare a "
                  "column with foreign_key(&Parent::id) on the model of the many side");
    static_assert(fks.count < 2,
                  "relate: several foreign keys join these two models (AmbiguousForeignKeysError); "
                  "name the one to use with foreign_keys(&Child::column)");
    return fks.first;
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

// The relationship member M of its model, without types.
template <auto M, class Owner, class R>
RelationSide relation_side(R Owner::*) {
  return RelationSide{
      member_name<M>(),
      RelationMemberTraits<R>::kind,
      [](ObjectState& s) -> RelationMember& { return as_object<Owner>(s).value.*M; },
      &member_tag<M>,
      member_offset(M),
      &model_info<Owner>,
      &model_info<typename RelationMemberTraits<R>::target>};
}

template <class T, std::size_t R>
RelationFacts relation_facts() {
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

  RelationFacts rel;
  rel.side = relation_side<def.member>(def.member);
  rel.cascade = cascade;
  rel.fk_column = fk_column;
  if constexpr (Def::has_lazy) rel.loading = std::get<Lazy>(def.options).strategy;
  rel.passive_deletes = Def::has_passive_deletes;
  if constexpr (!std::is_void_v<typename Def::order_by_type>) {
    constexpr auto order = std::get<typename Def::order_by_type>(def.options);
    rel.order_column = column_index_of<Target>(order.member);
    rel.order_descending = order.descending;
  }
  if constexpr (many_to_many) {
    using S = typename Def::secondary_type;
    constexpr auto* table = std::get<S>(def.options).table;
    rel.link = {table,
                table->name,
                table->left_column,
                table->right_column,
                &model_info<typename S::left>,
                &model_info<typename S::right>};
    rel.link_owner_column = std::is_same_v<typename S::left, T> ? 0 : 1;
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
    static_assert(same_value(back, def.member),
                  "relate: the other side's back_populates does not point back at this member");
    if constexpr (many_to_many) {
      using S = typename Def::secondary_type;
      static_assert(
          same_value(std::get<S>(def.options).table, std::get<typename OtherDef::secondary_type>(
                                                         relation_def<Target, other>().options)
                                                         .table),
          "relate: the two sides of a many-to-many name different association tables");
    }
    rel.back_populates = &member_tag<other_member>;
  }

  if constexpr (Def::has_backref) {
    using BR = typename Def::pairing_type;
    constexpr auto other_member = std::get<BR>(def.options).member;
    using OtherMember = typename BR::member_type;
    if constexpr (RelationMemberTraits<OtherMember>::is_collection &&
                  RelationMemberTraits<OtherMember>::is_to_one) {
      static_assert(column_t<T, fk_column>::is_unique,
                    "relate: a one-to-one (HasOne<X>) needs a unique foreign key: declare X's "
                    "column with relate::unique, so that the database allows one X per owner");
    }
    rel.backref = relation_side<other_member>(other_member);
  }
  return rel;
}

// The facts of the full-text index that is part P of T's mapping.
template <class T, std::size_t P>
FulltextFacts fulltext_facts() {
  constexpr const auto& def = std::get<P>(model<T>.parts);
  FulltextFacts f{def.name, {}};
  [&]<std::size_t... K>(std::index_sequence<K...>) {
    (f.columns.push_back(
         std::integral_constant<std::size_t, column_index_of<T>(std::get<K>(def.members))>::value),
     ...);
  }
  (std::make_index_sequence<std::tuple_size_v<decltype(def.members)>>{});
  return f;
}

template <class T>
ModelFacts model_facts() {
  static_assert(Mapped<T>,
                "relate: this type has no mapping; declare "
                "template <> inline constexpr auto relate::model<T> = relate::table<T>(...)");
  ModelFacts f;
  f.type_name = type_name<T>();
  f.table = model<T>.name;
  for_each_column<T>([&](auto c) { f.columns.push_back(column_facts<T, decltype(c)::value>()); });
  for_each_relation<T>(
      [&](auto r) { f.relations.push_back(relation_facts<T, decltype(r)::value>()); });
  constexpr auto fulltext_parts = part_indices<T, FulltextIndexDef>();
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (f.fulltext_indexes.push_back(fulltext_facts<T, fulltext_parts[I]>()), ...);
  }
  (std::make_index_sequence<fulltext_parts.size()>{});
  f.create = [](Graph& graph) -> ObjectState& { return create<Object<T>>(graph); };
  f.save_original = [](ObjectState& s) {
    auto& o = as_object<T>(s);
    if (!o.original) o.original = std::make_unique<Snapshot<T>>(o.snapshot);
  };
  f.restore_original = [](ObjectState& s) {
    auto& o = as_object<T>(s);
    if (o.original) o.snapshot = *o.original;
    o.original.reset();
  };
  f.forget_original = [](ObjectState& s) { as_object<T>(s).original.reset(); };
  f.copy_snapshot = [](const ObjectState& s) -> std::shared_ptr<const void> {
    return std::make_shared<const Snapshot<T>>(as_object<T>(s).snapshot);
  };
  f.put_snapshot = [](ObjectState& s, const void* copy) {
    as_object<T>(s).snapshot = *static_cast<const Snapshot<T>*>(copy);
  };
  return f;
}

// Registers every model used in the program before main() runs.
template <class T>
struct ModelRegistration {
  static inline const bool registered = (model_info<T>(), true);
};

template <class T>
ModelInfo& model_info() {
  static ModelInfo& info = register_model(model_facts<T>());
  (void)ModelRegistration<T>::registered;
  return info;
}

}  // namespace relate::detail
