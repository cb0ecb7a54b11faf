#pragma once
// The relationship members a model declares:
//   HasMany<X>      one-to-many, loaded on first access (lazy select by default)
//   DynamicMany<X>  one-to-many as a query (lazy="dynamic"): never loaded whole
//   HasOne<X>       one-to-one (uselist=False): X's unique foreign key names the owner
//   ManyToMany<X>   many-to-many through an association table (secondary=)
//   BelongsTo<X>    many-to-one (or the other side of a HasOne), loaded on first access
// Both sides of a relationship stay in sync in memory: appending a comment
// to post->comments sets comment->post, and the reverse. How a relationship
// loads is its lazy(Load::...) strategy or a query's options (loading.hpp).

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <memory>
#include <vector>

#include "relate/orm/object.hpp"

namespace relate::detail {

// What all relationship members share: the object and relationship they
// belong to, set when the object enters relate's care, and whether what they
// hold is loaded. A copy of a model value is plain data: its members are not
// bound to any object.
class RelationMember {
 public:
  virtual ~RelationMember() = default;
  ObjectState* owner() const noexcept { return owner_; }
  const RelationInfo* relation() const noexcept { return relation_; }
  void bind(ObjectState* owner, const RelationInfo* relation) noexcept {
    owner_ = owner;
    relation_ = relation;
  }
  bool loaded() const noexcept { return loaded_; }
  void set_loaded(bool loaded) const noexcept { loaded_ = loaded; }
  // Makes the stored handles non-owning (once the member is bound to an
  // object, the graph owns the objects it refers to).
  virtual void erased_demote() const = 0;

 protected:
  explicit RelationMember(bool loaded) noexcept : loaded_(loaded) {}
  RelationMember(const RelationMember& other) noexcept : loaded_(other.loaded_) {}
  RelationMember& operator=(const RelationMember&) noexcept { return *this; }

  mutable bool loaded_;

 private:
  ObjectState* owner_ = nullptr;
  const RelationInfo* relation_ = nullptr;
};

// The type-erased side of HasMany<T> and DynamicMany<T>, used by the session.
// A new object's collection is complete (there is nothing in the database
// yet); one read from the database is loaded on first access.
class CollectionBase : public RelationMember {
 public:
  virtual std::size_t erased_size() const noexcept = 0;
  virtual ObjectState& erased_at(std::size_t i) const noexcept = 0;
  virtual bool erased_contains(const ObjectState& object) const noexcept = 0;
  virtual void erased_push(ObjectState& object) const = 0;
  virtual bool erased_remove(const ObjectState& object) const noexcept = 0;
  virtual void erased_clear() const noexcept = 0;
  virtual void erased_reserve(std::size_t n) const = 0;
  // Loads the collection if it is not loaded (may run SQL).
  void ensure_loaded() const;

 protected:
  CollectionBase() noexcept : RelationMember(true) {}
  void append_object(ObjectState& child);
  void remove_object(ObjectState& child);
};

// The type-erased side of BelongsTo<T>.
class ReferenceBase : public RelationMember {
 public:
  virtual ObjectState* erased_get() const noexcept = 0;
  virtual void erased_set(ObjectState* target) const = 0;

 protected:
  explicit ReferenceBase(bool loaded = false) noexcept : RelationMember(loaded) {}
  ObjectState* load() const;
  void assign(ObjectState* target);
};

// The objects a one-to-many member holds in memory, for HasMany<T>,
// DynamicMany<T> and HasOne<T> (at most one). Bound to an object, it stores non-owning handles (the
// graph owns the objects); as plain data (unbound) it owns them.
template <class T>
class CollectionOf : public CollectionBase {
 public:
  std::size_t erased_size() const noexcept override { return items_.size(); }
  ObjectState& erased_at(std::size_t i) const noexcept override { return *items_[i].state(); }
  bool erased_contains(const ObjectState& object) const noexcept override {
    return std::any_of(items_.begin(), items_.end(),
                       [&](const Ptr<T>& p) { return p.state() == &object; });
  }
  void erased_push(ObjectState& object) const override {
    items_.push_back(Ptr<T>::borrowed(object));
  }
  bool erased_remove(const ObjectState& object) const noexcept override {
    return std::erase_if(items_, [&](const Ptr<T>& p) { return p.state() == &object; }) > 0;
  }
  void erased_clear() const noexcept override { items_.clear(); }
  void erased_reserve(std::size_t n) const override { items_.reserve(n); }
  void erased_demote() const override {
    for (auto& p : items_)
      p = Ptr<T>::borrowed(*p.state());
  }

 protected:
  CollectionOf() = default;
  CollectionOf(std::initializer_list<Ptr<T>> items) : items_(items) {}
  CollectionOf(const CollectionOf& other) : CollectionBase(other), items_(other.items_) {}
  CollectionOf& operator=(const CollectionOf&) = delete;

  // Adds or removes `child`: with the other side kept in sync when bound,
  // as plain list operations when not.
  void add(const Ptr<T>& child) {
    if (!child) throw_null_ptr(model_info<T>());
    if (owner() != nullptr) {
      append_object(*child.state());
    } else if (!erased_contains(*child.state())) {
      items_.push_back(child);
    }
  }
  void take_out(const Ptr<T>& child) {
    if (!child) return;
    if (owner() != nullptr) {
      remove_object(*child.state());
    } else {
      std::erase(items_, child);
    }
  }

  mutable std::vector<Ptr<T>> items_;
};

}  // namespace relate::detail

namespace relate {

// One-to-many: the related objects, loaded with one SELECT on first access.
// Iterating gives `const Ptr<T>&` (the objects are mutable, the collection
// changes only through append/remove/clear, which keep both sides in sync).
template <class T>
class HasMany : public detail::CollectionOf<T> {
  using Base = detail::CollectionOf<T>;

 public:
  using value_type = Ptr<T>;
  using const_iterator = typename std::vector<Ptr<T>>::const_iterator;

  HasMany() = default;
  HasMany(std::initializer_list<Ptr<T>> items) : Base(items) {}
  HasMany(const HasMany& other) : Base(other) {}
  HasMany& operator=(const HasMany& other) {
    if (this != &other) assign(other.items_);
    return *this;
  }

  const_iterator begin() const {
    this->ensure_loaded();
    return this->items_.cbegin();
  }
  const_iterator end() const {
    this->ensure_loaded();
    return this->items_.cend();
  }
  std::size_t size() const {
    this->ensure_loaded();
    return this->items_.size();
  }
  bool empty() const { return size() == 0; }
  const Ptr<T>& operator[](std::size_t i) const {
    this->ensure_loaded();
    return this->items_[i];
  }
  bool contains(const Ptr<T>& item) const {
    this->ensure_loaded();
    return std::find(this->items_.begin(), this->items_.end(), item) != this->items_.end();
  }

  // Adds `child` (its BelongsTo side now points at this collection's owner).
  void append(const Ptr<T>& child) { this->add(child); }
  void push_back(const Ptr<T>& child) { this->add(child); }
  // Removes `child`; with cascade delete-orphan it is deleted at the next flush.
  void remove(const Ptr<T>& child) { this->take_out(child); }
  void clear() {
    const std::vector<Ptr<T>> current(begin(), end());
    for (const auto& p : current)
      remove(p);
  }
  // Replaces the contents: what is not in `items` is removed, the rest appended.
  void assign(const std::vector<Ptr<T>>& items) {
    const std::vector<Ptr<T>> current(begin(), end());
    for (const auto& p : current) {
      if (std::find(items.begin(), items.end(), p) == items.end()) remove(p);
    }
    for (const auto& p : items)
      append(p);
  }
};

// Many-to-many (seed 003's secondary=enrollments): the related objects
// through an association table, loaded on first access. Appending or
// removing on either side changes the other side's loaded collection too,
// and inserts or deletes the link row at the next flush.
template <class T>
class ManyToMany : public HasMany<T> {
 public:
  using HasMany<T>::HasMany;
};

// One-to-one (SQLAlchemy's uselist=False): the one object whose unique
// foreign key names this one, loaded on first access. Assigning another
// orphans the one before (with cascade delete-orphan, deletes it at flush).
template <class T>
class HasOne : public detail::CollectionOf<T> {
  using Base = detail::CollectionOf<T>;

 public:
  HasOne() = default;
  HasOne(Ptr<T> item) {  // NOLINT: User{.profile = p}
    if (item) this->items_.push_back(std::move(item));
  }
  HasOne(std::nullptr_t) {}  // NOLINT
  HasOne(const HasOne& other) : Base(other) {}
  HasOne& operator=(const HasOne& other) {
    if (this != &other) set(other.get());
    return *this;
  }

  HasOne& operator=(const Ptr<T>& item) {
    set(item);
    return *this;
  }
  HasOne& operator=(std::nullptr_t) {
    set(Ptr<T>{});
    return *this;
  }

  // The related object, or a null Ptr.
  Ptr<T> get() const {
    this->ensure_loaded();
    return this->items_.empty() ? Ptr<T>{} : this->items_.front();
  }
  operator Ptr<T>() const { return get(); }  // NOLINT: reads like the attribute it is
  // Read-only through a const member (a const owner), writable otherwise.
  const T* operator->() const {
    const Ptr<T> target = get();
    return target.operator->();
  }
  const T& operator*() const { return *operator->(); }
  T* operator->() { return get().operator->(); }
  T& operator*() { return *get(); }
  explicit operator bool() const { return static_cast<bool>(get()); }
  friend bool operator==(const HasOne& a, const Ptr<T>& b) { return a.get() == b; }

 private:
  void set(const Ptr<T>& item) {
    if (this->owner() == nullptr) {
      this->items_.clear();
      if (item) this->items_.push_back(item);
      return;
    }
    const Ptr<T> old = get();
    if (old == item) return;
    if (old) this->take_out(old);
    if (item) this->add(item);
  }
};

// Many-to-one: the parent object, loaded on first access (without SQL when
// the session already holds it). Assigning keeps the parent's collection in
// sync and sets the foreign key at the next flush.
template <class T>
class BelongsTo : public detail::ReferenceBase {
 public:
  BelongsTo() = default;
  BelongsTo(Ptr<T> target) : ReferenceBase(true), target_(std::move(target)) {}  // NOLINT
  BelongsTo(std::nullptr_t) : ReferenceBase(true) {}                             // NOLINT
  BelongsTo(const BelongsTo& other) : ReferenceBase(other), target_(other.target_) {}
  BelongsTo& operator=(const BelongsTo& other) {
    if (this != &other) *this = other.get();
    return *this;
  }

  BelongsTo& operator=(const Ptr<T>& target) {
    if (owner() == nullptr) {
      target_ = target;
      set_loaded(true);
    } else {
      assign(target.state());
    }
    return *this;
  }
  BelongsTo& operator=(std::nullptr_t) { return *this = Ptr<T>{}; }

  // The parent, or a null Ptr.
  Ptr<T> get() const {
    load();
    return target_;
  }
  operator Ptr<T>() const { return get(); }  // NOLINT: reads like the attribute it is
  // Read-only through a const member (a const owner), writable otherwise.
  const T* operator->() const {
    const Ptr<T> target = get();
    return target.operator->();
  }
  const T& operator*() const { return *operator->(); }
  T* operator->() { return get().operator->(); }
  T& operator*() { return *get(); }
  explicit operator bool() const { return static_cast<bool>(get()); }
  friend bool operator==(const BelongsTo& a, const Ptr<T>& b) { return a.get() == b; }

  detail::ObjectState* erased_get() const noexcept override { return target_.state(); }
  void erased_set(detail::ObjectState* target) const override {
    target_ = target ? Ptr<T>::borrowed(*target) : Ptr<T>{};
  }
  void erased_demote() const override {
    if (target_) target_ = Ptr<T>::borrowed(*target_.state());
  }

 private:
  mutable Ptr<T> target_;
};

}  // namespace relate
