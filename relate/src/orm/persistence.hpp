#pragma once
// The unit of work's writing half: a flush plan (unit_of_work.hpp) turned
// into statements from SQL cached per model and column set, run in the
// session's write transaction (opened if need be), with the identity map,
// the objects' snapshots and both sides of their relationships kept in step
// with what was written. On failure the transaction is rolled back and the
// error rethrown.

#include "unit_of_work.hpp"

namespace relate::detail {

void write_plan(SessionImpl& session, const FlushPlan& plan);

}  // namespace relate::detail
