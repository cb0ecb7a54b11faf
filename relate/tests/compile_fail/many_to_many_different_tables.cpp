// expect: the two sides of a many-to-many name different association tables
#include "common.hpp"
namespace cf {
struct Course;
struct Student {
  std::int64_t id{};
  relate::ManyToMany<Course> courses{};
};
struct Course {
  std::int64_t id{};
  relate::ManyToMany<Student> students{};
};
inline constexpr auto enrollments =
    relate::association_table<Student, Course>("enrollments", "student_id", "course_id");
inline constexpr auto waitlist =
    relate::association_table<Student, Course>("waitlist", "student_id", "course_id");
}  // namespace cf
template <>
inline constexpr auto relate::model<cf::Student> = relate::table<cf::Student>(
    "student", relate::column("id", &cf::Student::id, relate::primary_key),
    relate::relationship(&cf::Student::courses, relate::secondary(cf::enrollments),
                         relate::back_populates(&cf::Course::students)));
template <>
inline constexpr auto relate::model<cf::Course> = relate::table<cf::Course>(
    "course", relate::column("id", &cf::Course::id, relate::primary_key),
    relate::relationship(&cf::Course::students, relate::secondary(cf::waitlist),
                         relate::back_populates(&cf::Student::courses)));
int main() {
  relate::Database("sqlite://").create_all<cf::Student, cf::Course>();
}
