// Whether the cascades a mapping declares and the ON DELETE rules of its
// foreign keys agree: where they disagree, deleting a parent does one thing
// to the children in memory and another to the rows in the database.

#include "cascade_check.hpp"

#include "kinds/behaviour.hpp"
#include "relate/orm/mapping.hpp"

namespace relate::detail {

namespace {

std::string on_delete_name(sql::OnDelete action) {
  switch (action) {
    case sql::OnDelete::no_action:
      return "no ON DELETE action";
    case sql::OnDelete::restrict:
      return "ON DELETE RESTRICT";
    case sql::OnDelete::cascade:
      return "ON DELETE CASCADE";
    case sql::OnDelete::set_null:
      return "ON DELETE SET NULL";
  }
  return "";
}

}  // namespace

void check_child_key_cascades(const RelationInfo& rel, std::vector<std::string>& out) {
  const sql::ColumnInfo& column = rel.target->table.columns[rel.fk_column];
  const sql::ForeignKeyInfo& fk = *column.foreign_key;
  const std::string where = rel.target->table.name + "." + column.name;
  const bool orm_deletes = (rel.cascade & cascade_flags::remove) != 0;
  const bool db_acts =
      fk.on_delete == sql::OnDelete::cascade || fk.on_delete == sql::OnDelete::set_null;

  if (rel.passive_deletes && !db_acts) {
    out.push_back(rel.name +
                  " has passive_deletes, which leaves the children to the database, but " +
                  fk.name + " has " + on_delete_name(fk.on_delete) +
                  ": deleting an owner with children not in memory will fail. Declare "
                  "foreign_key(..., OnDelete::cascade) (or set_null) on " +
                  where);
  }
  if (!orm_deletes && fk.on_delete == sql::OnDelete::cascade && !rel.passive_deletes) {
    out.push_back(fk.name + " deletes the rows of " + where +
                  " with their parent (ON DELETE "
                  "CASCADE), but " +
                  rel.name +
                  " does not cascade deletes: children in memory "
                  "would be kept with a NULL key while the others are deleted. Add "
                  "cascade(\"all, delete-orphan\") or passive_deletes to " +
                  rel.name);
  }
  if (!orm_deletes && !column.nullable) {
    out.push_back(rel.name + " does not cascade deletes, so deleting a parent sets " + where +
                  " to NULL, but the column is NOT NULL: add cascade(\"all, delete-orphan\") to " +
                  rel.name + ", or make the column a std::optional");
  }
  if (fk.on_delete == sql::OnDelete::set_null && !column.nullable) {
    out.push_back(fk.name + " is ON DELETE SET NULL, but " + where + " is NOT NULL");
  }
  if (orm_deletes && fk.on_delete == sql::OnDelete::set_null) {
    out.push_back(rel.name + " deletes children with their parent, but " + fk.name +
                  " sets their key to NULL (ON DELETE SET NULL): the two disagree about what "
                  "happens to " +
                  where);
  }
}

std::vector<std::string> cascade_problems(const std::vector<const ModelInfo*>& models) {
  ensure_configured();
  std::vector<std::string> out;
  for (const ModelInfo* m : models) {
    for (const RelationInfo* rel : m->relations)
      rel->behaviour->check_cascades(*rel, out);
  }
  return out;
}

}  // namespace relate::detail
