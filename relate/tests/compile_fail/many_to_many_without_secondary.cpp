// expect: a ManyToMany<X> needs its association table: secondary
#include "common.hpp"
namespace cf {
struct Course;
struct Student {
  std::int64_t id{};
  relate::ManyToMany<Course> courses{};
};
struct Course {
  std::int64_t id{};
};
}  // namespace cf
constexpr auto r = relate::relationship(&cf::Student::courses);
