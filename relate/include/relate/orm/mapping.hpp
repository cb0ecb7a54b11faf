#pragma once
// The declaration of a model: one constexpr table<T>(...) per model, beside
// the struct, naming its table, columns and relationships (relate.hpp shows
// one). Column nullability follows the member type: std::optional<X> is
// NULL-able, anything else is NOT NULL. Mistakes that the types show (a
// foreign key whose type differs from the key it references, a back_populates
// that does not point back, a relationship with no foreign key between the
// two models) do not compile.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "relate/orm/column_traits.hpp"
#include "relate/orm/fwd.hpp"
#include "relate/sql/schema.hpp"

namespace relate {

using sql::OnDelete;

// ---------------------------------------------------------------- columns

struct PrimaryKey {};
// The integer primary key; the database assigns it on insert when it is 0.
inline constexpr PrimaryKey primary_key{};

struct Unique {};
// A UNIQUE constraint named uq_<table>_<column>.
inline constexpr Unique unique{};

struct Indexed {};
// An index named ix_<table>_<column>. Foreign-key columns get one anyway.
inline constexpr Indexed indexed{};

struct VersionId {};
// An integer column counting the row's versions (SQLAlchemy's version_id_col):
// 1 on insert, one more on each UPDATE, which also requires the version the
// session read. An UPDATE from a stale read matches no row and throws
// StaleDataError instead of overwriting another session's write.
inline constexpr VersionId version_id{};

struct Varchar {
  std::size_t length;
};
// VARCHAR(n): relate refuses longer strings (in characters) before writing.
constexpr Varchar varchar(std::size_t length) {
  return Varchar{length};
}

template <class V>
struct Default {
  using value_type = V;
  V value;
};
// A DEFAULT clause in the table's DDL (for rows written by other tools; in
// C++ the member's initializer is the default).
template <class V>
constexpr Default<V> default_value(V value) {
  return Default<V>{value};
}

struct DefaultNow {};
// DEFAULT CURRENT_TIMESTAMP, and on insert relate fills a time point still
// at its zero value (the epoch) with the current time.
inline constexpr DefaultNow default_now{};

template <class Target, class M>
struct ForeignKey {
  using model_type = Target;  // the referenced model and member
  using member_type = M;
  M Target::*target;
  OnDelete on_delete;
};
// FOREIGN KEY referencing `target` (the primary key, or a unique column, of
// another model), named fk_<table>_<column>, with an index on the column.
template <class Target, class M>
constexpr ForeignKey<Target, M> foreign_key(M Target::*target,
                                            OnDelete on_delete = OnDelete::no_action) {
  return ForeignKey<Target, M>{target, on_delete};
}

namespace detail {

// Whether O is a Tmpl<...>.
template <class O, template <class...> class Tmpl>
inline constexpr bool is_a = false;
template <template <class...> class Tmpl, class... A>
inline constexpr bool is_a<Tmpl<A...>, Tmpl> = true;

// The first of Ts... that is a Tmpl<...> (void if none), and how many are.
template <template <class...> class Tmpl, class... Ts>
struct FirstOf {
  using type = void;
};
template <template <class...> class Tmpl, class T, class... Ts>
struct FirstOf<Tmpl, T, Ts...> {
  using type = std::conditional_t<is_a<T, Tmpl>, T, typename FirstOf<Tmpl, Ts...>::type>;
};
template <template <class...> class Tmpl, class... Ts>
using first_of_t = typename FirstOf<Tmpl, Ts...>::type;
template <template <class...> class Tmpl, class... Ts>
inline constexpr std::size_t count_of = (std::size_t{is_a<Ts, Tmpl>} + ... + 0);

template <class O>
inline constexpr bool is_column_option_v =
    std::is_same_v<O, PrimaryKey> || std::is_same_v<O, Unique> || std::is_same_v<O, Indexed> ||
    std::is_same_v<O, VersionId> || std::is_same_v<O, Varchar> || std::is_same_v<O, DefaultNow> ||
    is_a<O, Default> || is_a<O, ForeignKey>;

template <class T>
struct IsTimePoint : std::false_type {};
template <class D>
struct IsTimePoint<std::chrono::time_point<std::chrono::system_clock, D>> : std::true_type {};

}  // namespace detail

template <class T, class M, class... Options>
struct ColumnDef {
  using model_type = T;
  using member_type = M;
  using foreign_key_type = detail::first_of_t<ForeignKey, Options...>;
  using default_type = detail::first_of_t<Default, Options...>;

  static constexpr bool is_primary_key = (std::is_same_v<Options, PrimaryKey> || ...);
  static constexpr bool is_unique = (std::is_same_v<Options, Unique> || ...);
  static constexpr bool is_indexed = (std::is_same_v<Options, Indexed> || ...);
  static constexpr bool is_version = (std::is_same_v<Options, VersionId> || ...);
  static constexpr bool has_varchar = (std::is_same_v<Options, Varchar> || ...);
  static constexpr bool has_default_now = (std::is_same_v<Options, DefaultNow> || ...);
  static constexpr bool has_default = !std::is_void_v<default_type>;
  static constexpr bool has_foreign_key = !std::is_void_v<foreign_key_type>;
  static constexpr std::size_t foreign_key_count = detail::count_of<ForeignKey, Options...>;

  std::string_view name;
  M T::*member;
  std::tuple<Options...> options;
};

// A column `name` stored in `member`, with options (primary_key, unique,
// indexed, varchar(n), default_value(v), default_now, foreign_key(...)).
template <class T, class M, class... Options>
constexpr ColumnDef<T, M, Options...> column(std::string_view name, M T::*member,
                                             Options... options) {
  using Def = ColumnDef<T, M, Options...>;
  static_assert(detail::SupportedColumn<M>,
                "relate: unsupported column type; use std::int64_t, int, double, bool, "
                "std::string, a std::chrono::system_clock time point, or std::optional of one");
  static_assert((detail::is_column_option_v<Options> && ...),
                "relate: column() takes primary_key, unique, indexed, varchar(n), "
                "default_value(v), default_now and foreign_key(&Model::id)");
  static_assert(Def::foreign_key_count <= 1, "relate: a column references at most one column");
  static_assert(!Def::is_primary_key || std::is_same_v<M, std::int64_t>,
                "relate: a primary key column must be a std::int64_t");
  static_assert(!Def::has_varchar || std::is_same_v<detail::unwrap_t<M>, std::string>,
                "relate: varchar(n) applies to std::string columns");
  static_assert(!Def::has_default_now || detail::IsTimePoint<detail::unwrap_t<M>>::value,
                "relate: default_now applies to time point columns");
  if constexpr (Def::has_foreign_key) {
    using Referenced = typename Def::foreign_key_type::member_type;
    static_assert(std::is_same_v<detail::unwrap_t<M>, detail::unwrap_t<Referenced>>,
                  "relate: a foreign key column must have the type of the column it references");
  }
  if constexpr (Def::has_default) {
    using V = typename Def::default_type::value_type;
    static_assert(std::is_constructible_v<detail::unwrap_t<M>, V>,
                  "relate: default_value(v) must be a value of the column's type");
  }
  return Def{name, member, std::tuple<Options...>{options...}};
}

// ---------------------------------------------------------- relationships

template <class U, class R>
struct Backref {
  using model_type = U;
  using member_type = R;
  R U::*member;
};
// Wires `member` of the related model as the other side of this
// relationship without declaring it there (SQLAlchemy's backref).
template <class U, class R>
constexpr Backref<U, R> backref(R U::*member) {
  return Backref<U, R>{member};
}

template <class U, class R>
struct BackPopulates {
  using model_type = U;
  using member_type = R;
  R U::*member;
};
// Names the other side, which the related model's mapping declares too,
// pointing back at this one (SQLAlchemy's back_populates).
template <class U, class R>
constexpr BackPopulates<U, R> back_populates(R U::*member) {
  return BackPopulates<U, R>{member};
}

template <class U, class M>
struct ForeignKeys {
  using model_type = U;
  M U::*member;
};
// The foreign-key column to join on, when the child has several that
// reference the parent (SQLAlchemy's foreign_keys=).
template <class U, class M>
constexpr ForeignKeys<U, M> foreign_keys(M U::*member) {
  return ForeignKeys<U, M>{member};
}

template <class U, class M>
struct OrderBy {
  using model_type = U;
  M U::*member;
  bool descending;
};
// The order of a collection when it is loaded.
template <class U, class M>
constexpr OrderBy<U, M> order_by(M U::*member, bool descending = false) {
  return OrderBy<U, M>{member, descending};
}
inline constexpr bool descending = true;

// A many-to-many's association table (seed 003's db.Table('enrollments',
// ...)): two foreign keys, to L's and R's primary keys, which together are
// the table's primary key; rows go when either end is deleted (ON DELETE
// CASCADE). Declare it once and name it in both sides' secondary(...):
//   inline constexpr auto enrollments =
//       relate::association_table<Student, Course>("enrollments", "student_id", "course_id");
template <class L, class R>
struct AssociationTable {
  using left_model = L;
  using right_model = R;
  std::string_view name;
  std::string_view left_column;   // references L's primary key
  std::string_view right_column;  // references R's primary key
};
template <class L, class R>
constexpr AssociationTable<L, R> association_table(std::string_view name,
                                                   std::string_view left_column,
                                                   std::string_view right_column) {
  return AssociationTable<L, R>{name, left_column, right_column};
}

template <class L, class R>
struct Secondary {
  using left = L;
  using right = R;
  const AssociationTable<L, R>* table;
};
// The association table of a ManyToMany<X> relationship (SQLAlchemy's secondary=).
template <class L, class R>
constexpr Secondary<L, R> secondary(const AssociationTable<L, R>& table) {
  return Secondary<L, R>{&table};
}

struct Lazy {
  Load strategy;
};

struct PassiveDeletes {};
// Deleting the owner does not load its children to delete them: the
// database's ON DELETE CASCADE (or SET NULL) does it (SQLAlchemy's
// passive_deletes=True). Children already loaded are still handled in memory.
inline constexpr PassiveDeletes passive_deletes{};
// The relationship's loading strategy (SQLAlchemy's lazy=): Load::select,
// joined, selectin, peers, raise or noload. Queries may override it.
constexpr Lazy lazy(Load strategy) {
  return Lazy{strategy};
}

namespace cascade_flags {
inline constexpr unsigned save_update = 1U;
inline constexpr unsigned merge = 2U;
inline constexpr unsigned remove = 4U;  // "delete"
inline constexpr unsigned delete_orphan = 8U;
inline constexpr unsigned refresh_expire = 16U;
inline constexpr unsigned expunge = 32U;
inline constexpr unsigned all = save_update | merge | remove | refresh_expire | expunge;
}  // namespace cascade_flags

struct Cascade {
  unsigned flags;
};

namespace detail {
// Reached only for a cascade string with an unknown word: the compile error
// names this function.
inline void unknown_cascade_word_use_all_save_update_merge_delete_delete_orphan() {}
}  // namespace detail

// SQLAlchemy's cascade strings, checked at compile time:
// cascade("all, delete-orphan"), cascade("save-update, merge"), ...
consteval Cascade cascade(std::string_view spec) {
  unsigned flags = 0;
  while (!spec.empty()) {
    const std::size_t comma = spec.find(',');
    std::string_view word = spec.substr(0, comma);
    spec = comma == std::string_view::npos ? std::string_view{} : spec.substr(comma + 1);
    while (!word.empty() && word.front() == ' ')
      word.remove_prefix(1);
    while (!word.empty() && word.back() == ' ')
      word.remove_suffix(1);
    if (word == "all") {
      flags |= cascade_flags::all;
    } else if (word == "save-update") {
      flags |= cascade_flags::save_update;
    } else if (word == "merge") {
      flags |= cascade_flags::merge;
    } else if (word == "delete") {
      flags |= cascade_flags::remove;
    } else if (word == "delete-orphan") {
      flags |= cascade_flags::delete_orphan;
    } else if (word == "refresh-expire") {
      flags |= cascade_flags::refresh_expire;
    } else if (word == "expunge") {
      flags |= cascade_flags::expunge;
    } else if (word != "none") {
      detail::unknown_cascade_word_use_all_save_update_merge_delete_delete_orphan();
    }
  }
  return Cascade{flags};
}

namespace detail {
template <class O>
inline constexpr bool is_relationship_option_v =
    is_a<O, Backref> || is_a<O, BackPopulates> || is_a<O, ForeignKeys> || is_a<O, OrderBy> ||
    is_a<O, Secondary> || std::is_same_v<O, Cascade> || std::is_same_v<O, Lazy> ||
    std::is_same_v<O, PassiveDeletes>;
}  // namespace detail

template <class T, class R, class... Options>
struct RelationshipDef {
  using model_type = T;  // the owner
  using member_type = R;
  using traits = detail::RelationMemberTraits<R>;
  using target_type = typename traits::target;
  // The model holding the foreign key: the related model for a collection,
  // the owner for a BelongsTo.
  using child_type = std::conditional_t<traits::is_collection, target_type, T>;
  using parent_type = std::conditional_t<traits::is_collection, T, target_type>;
  static constexpr bool has_backref = detail::count_of<Backref, Options...> > 0;
  static constexpr bool has_back_populates = detail::count_of<BackPopulates, Options...> > 0;
  // backref(...) or back_populates(...)
  using pairing_type = std::conditional_t<has_backref, detail::first_of_t<Backref, Options...>,
                                          detail::first_of_t<BackPopulates, Options...>>;
  using foreign_keys_type = detail::first_of_t<ForeignKeys, Options...>;
  using order_by_type = detail::first_of_t<OrderBy, Options...>;
  using secondary_type = detail::first_of_t<Secondary, Options...>;

  static constexpr bool has_cascade = (std::is_same_v<Options, Cascade> || ...);
  static constexpr bool has_lazy = (std::is_same_v<Options, Lazy> || ...);
  static constexpr bool has_secondary = !std::is_void_v<secondary_type>;
  static constexpr bool has_passive_deletes = (std::is_same_v<Options, PassiveDeletes> || ...);

  R T::*member;
  std::tuple<Options...> options;
};

// A relationship held in `member` (one of relationships.hpp's members), on
// the foreign key that the two models' columns declare. Options: backref(&X::m)
// or back_populates(&X::m), cascade("..."), foreign_keys(&Child::fk),
// order_by(&X::column[, descending]), lazy(Load::...), secondary(table),
// passive_deletes.
template <class T, class R, class... Options>
constexpr RelationshipDef<T, R, Options...> relationship(R T::*member, Options... options) {
  using Def = RelationshipDef<T, R, Options...>;
  using traits = detail::RelationMemberTraits<R>;
  static_assert(
      traits::is_relation,
      "relate: relationship() takes a HasMany<X>, DynamicMany<X>, HasOne<X>, BelongsTo<X> "
      "or ManyToMany<X> member");
  static_assert((detail::is_relationship_option_v<Options> && ...),
                "relate: relationship() takes backref, back_populates, cascade, foreign_keys, "
                "order_by, lazy, secondary and passive_deletes");
  static_assert(!Def::has_passive_deletes || traits::is_collection,
                "relate: passive_deletes belongs on the side that holds the children (HasMany, "
                "DynamicMany, HasOne, ManyToMany)");
  if constexpr (traits::is_many_to_many) {
    static_assert(Def::has_secondary,
                  "relate: a ManyToMany<X> needs its association table: secondary(table)");
    if constexpr (Def::has_secondary) {
      using S = typename Def::secondary_type;
      static_assert((std::is_same_v<typename S::left, T> &&
                     std::is_same_v<typename S::right, typename traits::target>) ||
                        (std::is_same_v<typename S::left, typename traits::target> &&
                         std::is_same_v<typename S::right, T>),
                    "relate: secondary() names an association table between other models");
    }
  } else {
    static_assert(!Def::has_secondary, "relate: secondary() applies to ManyToMany<X> members");
  }
  static_assert(!(Def::has_lazy && traits::is_dynamic),
                "relate: a DynamicMany is a query, never loaded whole; it takes no lazy(...)");
  static_assert(!(Def::has_backref && Def::has_back_populates),
                "relate: give backref or back_populates, not both");
  if constexpr (!std::is_void_v<typename Def::pairing_type>) {
    using OtherModel = typename Def::pairing_type::model_type;
    using OtherMember = typename Def::pairing_type::member_type;
    static_assert(std::is_same_v<OtherModel, typename Def::target_type>,
                  "relate: back_populates/backref must name a member of the related model");
    if constexpr (traits::is_many_to_many) {
      static_assert(std::is_same_v<OtherMember, ManyToMany<T>>,
                    "relate: the other side of a ManyToMany<X> must be a ManyToMany<Owner> "
                    "member; this back_populates/backref does not point back at the owning type");
    } else if constexpr (traits::is_collection) {
      static_assert(std::is_same_v<OtherMember, BelongsTo<T>>,
                    "relate: the other side of a one-to-many or one-to-one must be a "
                    "BelongsTo<Owner> member; this back_populates/backref does not point back at "
                    "the owning type");
    } else {
      static_assert(
          std::is_same_v<OtherMember, HasMany<T>> || std::is_same_v<OtherMember, DynamicMany<T>> ||
              std::is_same_v<OtherMember, HasOne<T>>,
          "relate: the other side of a BelongsTo<X> must be a HasMany<Owner>, "
          "DynamicMany<Owner> or HasOne<Owner> member; this back_populates/backref does not "
          "point back at the owning type");
    }
  }
  if constexpr (!std::is_void_v<typename Def::foreign_keys_type>) {
    static_assert(
        std::is_same_v<typename Def::foreign_keys_type::model_type, typename Def::child_type>,
        "relate: foreign_keys() must name a column of the model holding the foreign key");
  }
  if constexpr (!std::is_void_v<typename Def::order_by_type>) {
    static_assert(traits::is_collection && !traits::is_to_one,
                  "relate: order_by() applies to collections");
    static_assert(
        std::is_same_v<typename Def::order_by_type::model_type, typename Def::target_type>,
        "relate: order_by() must name a column of the related model");
  }
  return Def{member, std::tuple<Options...>{options...}};
}

// ------------------------------------------------------ full-text indexes

// A full-text index over text columns of T (docs/relate.md "Full-text
// search"), named in table<T>(...) and searched with relate::matches():
//   inline constexpr auto post_search =
//       relate::fulltext_index("ix_post_search", &Post::title, &Post::content);
//   ... relate::table<Post>("post", ..., post_search);
template <class T, class... M>
struct FulltextIndexDef {
  using model_type = T;
  std::string_view name;
  std::tuple<M T::*...> members;
};
template <class T, class... M>
constexpr FulltextIndexDef<T, M...> fulltext_index(std::string_view name, M T::*... members) {
  static_assert(sizeof...(M) > 0, "relate: a full-text index needs at least one column");
  static_assert(
      ((std::is_same_v<M, std::string> || std::is_same_v<M, std::optional<std::string>>)&&...),
      "relate: a full-text index covers text columns (std::string members)");
  return FulltextIndexDef<T, M...>{name, std::tuple<M T::*...>{members...}};
}

// ------------------------------------------------------------------ tables

template <class T, class... Parts>
struct TableDef {
  using model_type = T;
  static constexpr bool is_table = true;
  std::string_view name;
  std::tuple<Parts...> parts;
};

namespace detail {
template <class P>
constexpr std::size_t primary_keys_in() {
  if constexpr (is_a<P, ColumnDef>) return P::is_primary_key ? 1 : 0;
  return 0;
}
}  // namespace detail

// The mapping of model T to table `name`: its columns and relationships.
template <class T, class... Parts>
constexpr TableDef<T, Parts...> table(std::string_view name, Parts... parts) {
  static_assert(((detail::is_a<Parts, ColumnDef> || detail::is_a<Parts, RelationshipDef> ||
                  detail::is_a<Parts, FulltextIndexDef>)&&...),
                "relate: table() takes column(...), relationship(...) and fulltext_index(...) "
                "declarations");
  static_assert((std::is_same_v<typename Parts::model_type, T> && ...),
                "relate: every column and relationship of table<T>() must be a member of T");
  static_assert((detail::primary_keys_in<Parts>() + ... + 0) == 1,
                "relate: a table needs exactly one primary_key column");
  static_assert(detail::count_of<ColumnDef, Parts...> <= 64,
                "relate: at most 64 columns per table");
  return TableDef<T, Parts...>{name, std::tuple<Parts...>{parts...}};
}

namespace detail {
template <class T>
struct Unmapped {};
}  // namespace detail

// The mapping of model T. Specialize it once per model:
//   template <> inline constexpr auto relate::model<Post> = relate::table<Post>(...);
template <class T>
inline constexpr detail::Unmapped<T> model{};

}  // namespace relate
