#pragma once
// Ptr<T>: the handle to a model object that relate tracks. Objects live on
// the heap with their ORM state (session, status, the column values last
// seen in the database); a Ptr shares ownership, so an object outlives its
// session if you keep a Ptr (it is then detached).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <vector>

#include "relate/orm/mapping_traits.hpp"

namespace relate::detail {

class SessionImpl;
class Graph;

enum class ObjectStatus : std::uint8_t {
  transient,   // never in a session
  pending,     // added to a session, not yet inserted
  persistent,  // in a session and in the database
  deleted,     // deleted from the database by a flush
  detached,    // was persistent; its session is gone
};

// A parent assigned in memory (by `child->post = p` or `p->comments.append(child)`),
// applied to the child's foreign-key column at the next flush.
struct ParentLink {
  std::size_t fk_column;
  ObjectState* parent;  // null: set the key to NULL
};

// The links of one object: nearly always none or one, so one is kept inline.
class ParentLinks {
 public:
  bool empty() const noexcept { return !first_.has_value(); }
  // Sets the link of `fk_column` (replacing an earlier one).
  void set(std::size_t fk_column, ObjectState* parent);
  const ParentLink* find(std::size_t fk_column) const noexcept;
  template <class F>
  void for_each(F&& f) const {
    if (first_) f(*first_);
    if (more_) {
      for (const ParentLink& link : *more_)
        f(link);
    }
  }
  void clear() noexcept;

 private:
  std::optional<ParentLink> first_;
  std::unique_ptr<std::vector<ParentLink>> more_;
};

// The ORM state of one object. Not thread-safe: objects belong to their
// session's thread.
class ObjectState {
 public:
  explicit ObjectState(const ModelInfo& model) noexcept : model_(&model) {}
  virtual ~ObjectState() = default;
  ObjectState(const ObjectState&) = delete;
  ObjectState& operator=(const ObjectState&) = delete;

  const ModelInfo& model() const noexcept { return *model_; }

  // Called on each write access through a Ptr: the session then compares
  // this object with its snapshot at the next autoflush.
  void touch() {
    if (!touched && session != nullptr) note_touched();
  }

  Graph* graph = nullptr;  // the graph that owns this object
  SessionImpl* session = nullptr;
  ObjectStatus status = ObjectStatus::transient;
  bool touched = false;
  bool marked_for_delete = false;
  // Its values may be stale (a commit, or Session::expire): the next row read
  // for it (a query, get()) overwrites them, and its relationships reload.
  bool expired = false;
  // The query result this object was last loaded by (1-based into its
  // session's results; 0: none), for peer loading and the N+1 detector.
  std::uint32_t result = 0;
  ParentLinks links;

 private:
  void note_touched();
  const ModelInfo* model_;
};

// Objects live in graphs (private: src/relate/orm/graph.hpp). Memory in
// `graph` for an object, and the graph taking the object built there (it
// destroys it); a copy of `text` that lives as long as the graph's objects.
void* graph_allocate(Graph& graph, std::size_t size, std::size_t align);
void graph_adopt(Graph& graph, ObjectState& object);
std::string_view graph_store(Graph& graph, std::string_view text);
std::shared_ptr<Graph> new_graph();

// Constructs an object in `graph`.
template <class O, class... Args>
O& create(Graph& graph, Args&&... args) {
  O& object = *new (graph_allocate(graph, sizeof(O), alignof(O))) O(std::forward<Args>(args)...);
  graph_adopt(graph, object);
  return object;
}

// An owning handle to the graph `object` lives in.
std::shared_ptr<Graph> graph_of(const ObjectState& object);

template <class T>
class Object final : public ObjectState {
  static_assert(
      Mapped<T>,
      "relate: this model has no mapping (a relationship member or Ptr names it); "
      "declare template <> inline constexpr auto relate::model<T> = relate::table<T>(...)");

 public:
  Object() : ObjectState(model_info<T>()) {}
  explicit Object(T&& v) : ObjectState(model_info<T>()), value(std::move(v)) {}

  T value{};
  Snapshot<T> snapshot{};
  std::unique_ptr<Snapshot<T>> original;  // snapshot before this transaction wrote
};

template <class T, class S>  // S: ObjectState or const ObjectState
auto& as_object(S& s) noexcept {
  return static_cast<std::conditional_t<std::is_const_v<S>, const Object<T>, Object<T>>&>(s);
}

[[noreturn]] void throw_null_ptr(const ModelInfo& model);

// Binds the relationship members of a new object and applies what was set
// in them before it had a state (Comment{.post = p}).
void adopt_new_object(ObjectState& object);

}  // namespace relate::detail

namespace relate {

// A handle to a model object, shared: the object (and the graph of objects
// it is linked with) lives while a Ptr to it does. Null when
// default-constructed, and when get() or first() found nothing;
// dereferencing a null Ptr throws InvalidRequestError. Equality is identity:
// within a session there is one object per primary key, so equal rows give
// equal Ptrs. Copying is cheap (one reference count).
template <class T>
class Ptr {
 public:
  Ptr() noexcept = default;
  Ptr(std::nullptr_t) noexcept {}  // NOLINT: a null Ptr converts from nullptr
  // A copy always owns, even when made from a relationship's own handle.
  Ptr(const Ptr& other) : p_(owning(other.p_)) {}
  Ptr(Ptr&& other) noexcept = default;
  Ptr& operator=(const Ptr& other) {
    p_ = owning(other.p_);
    return *this;
  }
  Ptr& operator=(Ptr&& other) noexcept = default;

  // Access follows the handle's constness, as for a value: through a const
  // Ptr (a `const auto&` in a loop, a relationship's elements) the object is
  // read-only and the session does not look at it again; through a non-const
  // Ptr it may be changed, so the next flush compares it with what was
  // loaded. Throw InvalidRequestError when null.
  const T* operator->() const { return &checked(); }
  const T& operator*() const { return checked(); }
  T* operator->() { return &modify(); }
  T& operator*() { return modify(); }
  // Write access from any handle (e.g. to an element of a relationship):
  // `post->comments[0].modify().content = "edited";`
  T& modify() const {
    T& value = checked();
    p_->touch();
    return value;
  }
  // The object, or null.
  const T* get() const noexcept { return p_ ? &p_->value : nullptr; }
  T* get() {
    if (!p_) return nullptr;
    p_->touch();
    return &p_->value;
  }
  explicit operator bool() const noexcept { return p_ != nullptr; }

  friend bool operator==(const Ptr& a, const Ptr& b) noexcept { return a.p_ == b.p_; }
  friend bool operator==(const Ptr& a, std::nullptr_t) noexcept { return a.p_ == nullptr; }

  // relate's own constructors: an owning handle, and the non-owning handle
  // that relationship members store (members must not own: cycles).
  static Ptr owned(detail::ObjectState& state) {
    return Ptr(std::shared_ptr<detail::Object<T>>(detail::graph_of(state), object_of(state)));
  }
  static Ptr borrowed(detail::ObjectState& state) {
    return Ptr(std::shared_ptr<detail::Object<T>>(std::shared_ptr<void>{}, object_of(state)));
  }
  detail::ObjectState* state() const noexcept { return p_.get(); }

 private:
  explicit Ptr(std::shared_ptr<detail::Object<T>> p) noexcept : p_(std::move(p)) {}
  static detail::Object<T>* object_of(detail::ObjectState& state) noexcept {
    return &detail::as_object<T>(state);
  }
  static std::shared_ptr<detail::Object<T>> owning(const std::shared_ptr<detail::Object<T>>& p) {
    if (!p || p.use_count() != 0) return p;
    return std::shared_ptr<detail::Object<T>>(detail::graph_of(*p), p.get());
  }
  T& checked() const {
    if (!p_) detail::throw_null_ptr(detail::model_info<T>());
    return p_->value;
  }

  std::shared_ptr<detail::Object<T>> p_;
};

// A new, transient object (in no session yet), with its relationship
// members wired: `auto post = relate::make(Post{.title = "..."});`
template <class T>
Ptr<T> make(T value) {
  const std::shared_ptr<detail::Graph> graph = detail::new_graph();
  detail::ObjectState& object = detail::create<detail::Object<T>>(*graph, std::move(value));
  detail::adopt_new_object(object);
  return Ptr<T>::owned(object);
}

}  // namespace relate

template <class T>
struct std::hash<relate::Ptr<T>> {
  std::size_t operator()(const relate::Ptr<T>& p) const noexcept {
    return std::hash<const void*>{}(p.state());
  }
};
