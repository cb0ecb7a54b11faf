#include "relate/value.hpp"

#include <gtest/gtest.h>

#include "relate/error.hpp"

using namespace std::chrono;
using relate::parse_timestamp;
using relate::Timestamp;

TEST(Timestamp, ParsesTheFormsRelateAndOtherToolsWrite) {
  const Timestamp t = sys_days{year{2026} / 11 / 22} + hours{10} + minutes{4} + seconds{5};
  EXPECT_EQ(parse_timestamp("2026-11-22 10:04:05"), t);
  EXPECT_EQ(parse_timestamp("2026-11-22T10:04:05Z"), t);
  EXPECT_EQ(parse_timestamp("2026-11-22 10:04:05+00:00"), t);
  EXPECT_EQ(parse_timestamp("2026-11-22 10:04:05.123456"), t + microseconds{123456});
  EXPECT_EQ(parse_timestamp("2026-11-22 10:04:05.1"), t + microseconds{100000});
  EXPECT_EQ(parse_timestamp("2026-11-22 10:04:05.1234567"), t + microseconds{123456});
  EXPECT_EQ(parse_timestamp("2026-11-22"), Timestamp{sys_days{year{2026} / 11 / 22}});
}

TEST(Timestamp, RoundTripsThroughItsTextForm) {
  const Timestamp t =
      sys_days{year{1999} / 12 / 31} + hours{23} + minutes{59} + microseconds{999999};
  EXPECT_EQ(relate::format_timestamp(t), "1999-12-31 23:59:00.999999");
  EXPECT_EQ(parse_timestamp(relate::format_timestamp(t)), t);
}

TEST(Timestamp, RefusesWhatIsNotATimestamp) {
  for (const char* bad :
       {"", "garbage", "2026-13-01", "2026-02-30", "20261122", "2026-11-22 25:00:00",
        "2026-11-22 10:04", "2026-11-22 10:04:05 PST", "2026-11-22 10:04:05.", "2026/11/22"}) {
    EXPECT_THROW(parse_timestamp(bad), relate::DataError) << bad;
  }
}
