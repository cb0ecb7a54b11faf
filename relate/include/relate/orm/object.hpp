#pragma once
// Ptr<T>: the handle to a model object that relate tracks. Objects live on
// the heap with their ORM state (session, status, the column values last
// seen in the database); a Ptr shares ownership, so an object outlives its
// session if you keep a Ptr (it is then detached).

#include <cstddef>
#include <cstdint>
#include <cstring>
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

// A many-to-many link added or removed in memory, written to the association
// table at the next flush. `left` is the object whose key goes in the
// table's first column.
struct LinkChange {
  const sql::TableInfo* table;
  ObjectState* left;
  ObjectState* right;
  bool add;
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

// Objects that may refer to each other live and die together in a graph: a
// session's graph holds every object it loaded or was given, a new object
// starts in a graph of its own, and linking objects of two graphs merges
// them. Ptrs held by users keep the whole graph alive; the references
// between objects do not own anything, so they can form cycles freely.
class Graph : public std::enable_shared_from_this<Graph> {
 public:
  Graph() = default;
  ~Graph();
  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;

  // Constructs an object in the graph's memory (the graph destroys it).
  template <class O, class... Args>
  O& create(Args&&... args) {
    Graph& into = root();
    void* memory = into.allocate(sizeof(O), alignof(O));
    O* object = new (memory) O(std::forward<Args>(args)...);
    into.objects_.push_back(object);
    object->graph = &into;
    return *object;
  }
  // A copy of `text` in the graph's memory, alive as long as the graph's
  // objects (snapshots keep strings this way).
  std::string_view store(std::string_view text) {
    if (text.empty()) return {};
    auto* bytes = static_cast<char*>(root().allocate(text.size(), 1));
    std::memcpy(bytes, text.data(), text.size());
    return {bytes, text.size()};
  }
  // The graph that now holds this one's objects (itself unless merged).
  Graph& root() noexcept;
  // Many-to-many links changed among the graph's objects, not yet flushed.
  std::vector<LinkChange>& link_changes() noexcept { return root().link_changes_; }
  std::size_t size() const noexcept { return objects_.size(); }

  // Moves the objects of the smaller of the two graphs into the larger.
  friend void merge(Graph& a, Graph& b);

 private:
  // Objects are allocated in chunks: one graph's objects are destroyed
  // together, and sit close together in memory while they are used.
  void* allocate(std::size_t size, std::size_t align);

  std::vector<ObjectState*> objects_;
  std::vector<LinkChange> link_changes_;
  std::vector<std::unique_ptr<std::byte[]>> chunks_;
  std::byte* next_ = nullptr;
  std::size_t left_ = 0;
  std::size_t chunk_size_ = 0;
  std::shared_ptr<Graph> merged_into_;  // keeps the absorbing graph alive for old handles
};

// Puts a and b in one graph.
inline void merge_graphs(ObjectState& a, ObjectState& b) {
  merge(*a.graph, *b.graph);
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
  ~Ptr() = default;

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
    return Ptr(std::shared_ptr<detail::Object<T>>(detail::graph_of(state), as_object(state)));
  }
  static Ptr borrowed(detail::ObjectState& state) {
    return Ptr(std::shared_ptr<detail::Object<T>>(std::shared_ptr<void>{}, as_object(state)));
  }
  detail::ObjectState* state() const noexcept { return p_.get(); }

 private:
  explicit Ptr(std::shared_ptr<detail::Object<T>> p) noexcept : p_(std::move(p)) {}
  static detail::Object<T>* as_object(detail::ObjectState& state) noexcept {
    return static_cast<detail::Object<T>*>(&state);
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
  auto graph = std::make_shared<detail::Graph>();
  detail::ObjectState& object = graph->create<detail::Object<T>>(std::move(value));
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
