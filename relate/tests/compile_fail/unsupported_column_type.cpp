// expect: unsupported column type
#include <vector>
#include "common.hpp"
struct Bad { std::int64_t id{}; std::vector<int> list{}; };
constexpr auto c = relate::column("list", &Bad::list);
