#pragma once
// Ptr<T>: the handle to a model object that relate tracks. Objects live on
// the heap with their ORM state (session, status, the column values last
// seen in the database); a Ptr shares ownership, so an object outlives its
// session if you keep a Ptr (it is then detached).

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "relate/orm/mapping_traits.hpp"
#include "relate/orm/model_info.hpp"

namespace relate::detail {

class SessionImpl;

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
  std::shared_ptr<ObjectState> parent;  // null: set the key to NULL
};

// The ORM state of one object. Not thread-safe: objects belong to their
// session's thread.
class ObjectState : public std::enable_shared_from_this<ObjectState> {
 public:
  explicit ObjectState(const ModelInfo& model) noexcept : model_(&model) {}
  virtual ~ObjectState() = default;
  ObjectState(const ObjectState&) = delete;
  ObjectState& operator=(const ObjectState&) = delete;

  const ModelInfo& model() const noexcept { return *model_; }

  // Called on each access through a Ptr: the session then compares this
  // object with its snapshot at the next autoflush.
  void touch() {
    if (!touched && session != nullptr) note_touched();
  }

  SessionImpl* session = nullptr;
  ObjectStatus status = ObjectStatus::transient;
  bool touched = false;
  bool marked_for_delete = false;
  std::vector<ParentLink> links;

 private:
  void note_touched();
  const ModelInfo* model_;
};

template <class T>
class Object final : public ObjectState {
  static_assert(Mapped<T>,
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

// A shared handle to a model object. Null when default-constructed, and
// when get() or first() found nothing. Dereferencing a null Ptr throws
// InvalidRequestError. Equality is identity: within one session there is
// one object per primary key, so equal rows give equal Ptrs.
template <class T>
class Ptr {
 public:
  Ptr() noexcept = default;
  Ptr(std::nullptr_t) noexcept {}  // NOLINT: a null Ptr converts from nullptr

  T* operator->() const { return &checked(); }
  T& operator*() const { return checked(); }
  T* get() const {
    if (!object_) return nullptr;
    object_->touch();
    return &object_->value;
  }
  explicit operator bool() const noexcept { return object_ != nullptr; }

  friend bool operator==(const Ptr& a, const Ptr& b) noexcept { return a.object_ == b.object_; }
  friend bool operator==(const Ptr& a, std::nullptr_t) noexcept { return a.object_ == nullptr; }

  // relate's own access to the object's state.
  explicit Ptr(std::shared_ptr<detail::Object<T>> object) noexcept : object_(std::move(object)) {}
  static Ptr from_state(detail::ObjectState& state) {
    return Ptr(std::static_pointer_cast<detail::Object<T>>(state.shared_from_this()));
  }
  detail::ObjectState* state() const noexcept { return object_.get(); }

 private:
  T& checked() const {
    if (!object_) detail::throw_null_ptr(detail::model_info<T>());
    object_->touch();
    return object_->value;
  }

  std::shared_ptr<detail::Object<T>> object_;
};

// A new, transient object (in no session yet), with its relationship
// members wired: `auto post = relate::make(Post{.title = "..."});`
template <class T>
Ptr<T> make(T value) {
  auto object = std::make_shared<detail::Object<T>>(std::move(value));
  detail::adopt_new_object(*object);
  return Ptr<T>(std::move(object));
}

}  // namespace relate

template <class T>
struct std::hash<relate::Ptr<T>> {
  std::size_t operator()(const relate::Ptr<T>& p) const noexcept {
    return std::hash<const void*>{}(p.state());
  }
};
