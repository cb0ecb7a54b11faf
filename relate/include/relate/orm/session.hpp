#pragma once
// Session: the unit of work and identity map (SQLAlchemy's Session).
//
//   auto s = db.session();
//   auto post = s.add(Post{.title = "Hello"});
//   s.add(Comment{.content = "First!", .post = post});
//   s.commit();                       // INSERT post, then INSERT comment
//   auto again = s.get<Post>(post->id);  // the same object: no SQL
//
// Reads run without holding a transaction; the first flush that writes opens
// a write transaction (on SQLite: BEGIN IMMEDIATE), which commit() or
// rollback() ends. Destroying a session rolls back what was not committed
// and detaches its objects. Not thread-safe: one session per thread.

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <ranges>

#include "relate/orm/query.hpp"
#include "relate/orm/session_impl.hpp"

namespace relate {

class Session {
 public:
  explicit Session(std::shared_ptr<detail::DatabaseCore> database);
  Session(Session&&) noexcept;
  Session& operator=(Session&&) noexcept;
  ~Session();

  // Adds a new object made from `value`; returns its handle. Objects its
  // relationships hold are added too (save-update cascade).
  template <class T>
  requires detail::Mapped<T> Ptr<T> add(T value) {
    detail::ObjectState& object = impl_->graph().create<detail::Object<T>>(std::move(value));
    detail::adopt_new_object(object);
    impl_->add(object);
    return Ptr<T>::owned(object);
  }
  // Adds an object made with relate::make (or already in this session).
  // Throws InvalidRequestError if it belongs to another session.
  template <class T>
  const Ptr<T>& add(const Ptr<T>& object) {
    if (!object) detail::throw_null_ptr(detail::model_info<T>());
    impl_->add(*object.state());
    return object;
  }
  template <class T>
  void add_all(std::initializer_list<Ptr<T>> objects) {
    for (const auto& o : objects)
      add(o);
  }
  template <std::ranges::input_range R>
  void add_all(const R& objects) {
    for (const auto& o : objects)
      add(o);
  }

  // The object with primary key `id`, or a null Ptr. Answers from the
  // identity map without SQL when the session already holds it.
  template <class T>
  Ptr<T> get(std::int64_t id) {
    detail::ObjectState* state = impl_->get(detail::model_info<T>(), id);
    return state ? Ptr<T>::owned(*state) : Ptr<T>{};
  }

  template <class T>
  Query<T> query() {
    return Query<T>(*impl_);
  }

  // Deletes the object at the next flush (SQLAlchemy's session.delete),
  // with the cascades its relationships declare.
  template <class T>
  void remove(const Ptr<T>& object) {
    if (object) impl_->remove(*object.state());
  }
  // Removes the object from the session without deleting it.
  template <class T>
  void expunge(const Ptr<T>& object) {
    if (object) impl_->expunge(*object.state());
  }

  void flush();
  void commit();
  void rollback();
  // Rolls back what is uncommitted and detaches every object.
  void close();

  // Whether queries and lazy loads flush pending changes first (default on).
  void set_autoflush(bool on) noexcept;
  // Statements this session has run (queries, lazy loads, writes).
  std::uint64_t statement_count() const noexcept;

 private:
  std::unique_ptr<detail::SessionImpl> impl_;
};

}  // namespace relate
