#pragma once
// The unit of work, in two halves. This one orders: from the session's new,
// changed and deleted objects it works out what a flush writes and in which
// order (the delete cascades to a fixed point, parents before children,
// rows of a model referring to itself in tree order). persistence.hpp turns
// the plan into statements.

#include <vector>

#include "relate/orm/model_info.hpp"

namespace relate::detail {

class SessionImpl;
class ObjectState;

struct FlushPlan {
  std::vector<ObjectState*> inserts;  // parents first
  struct Update {
    ObjectState* object;
    ColumnMask changed;  // compared with the snapshot when planned
  };
  std::vector<Update> updates;        // parents first
  std::vector<ObjectState*> deletes;  // children first
  bool links = false;                 // many-to-many links changed in memory

  bool empty() const noexcept {
    return inserts.empty() && updates.empty() && deletes.empty() && !links;
  }
};

// The plan of a flush of everything (`everything`: every persistent object
// is compared with its snapshot) or of an autoflush (only those reached for
// writing since the last flush). May run SQL: a delete cascade loads the
// children it reaches. Marks the objects the cascades delete.
FlushPlan plan_flush(SessionImpl& session, bool everything);

}  // namespace relate::detail
