// KISS framing: the cases of docs/comms.md, "KISS framing".
#include <gtest/gtest.h>

#include "comms/kiss.h"

using namespace kubos::comms;

namespace {
KissFrame decodeOk(const Bytes& in) {
  auto r = kissDecode(in);
  EXPECT_TRUE(std::holds_alternative<KissFrame>(r));
  return std::holds_alternative<KissFrame>(r) ? std::get<KissFrame>(r) : KissFrame{};
}
std::string decodeErr(const Bytes& in) {
  auto r = kissDecode(in);
  EXPECT_TRUE(std::holds_alternative<KissError>(r));
  return std::holds_alternative<KissError>(r) ? std::get<KissError>(r).message : "";
}
}  // namespace

TEST(Kiss, COMMS_13_unescape) {
  EXPECT_EQ(kissUnescape(Bytes{0xDB, 0xDC}), (Bytes{0xC0}));
  EXPECT_EQ(kissUnescape(Bytes{0xDB, 0xDD}), (Bytes{0xDB}));
  EXPECT_EQ(kissUnescape(Bytes{0x01, 0xDB, 0xDC, 0x01}), (Bytes{0x01, 0xC0, 0x01}));
  EXPECT_EQ(kissUnescape(Bytes{0x01, 0xDB, 0xDC, 0x02, 0xDB, 0xDD, 0x03}), (Bytes{0x01, 0xC0, 0x02, 0xDB, 0x03}));
  EXPECT_FALSE(kissUnescape(Bytes{0xDB, 0x11}));
  EXPECT_FALSE(kissUnescape(Bytes{0x01, 0xDB}));
}

TEST(Kiss, COMMS_13_encode) {
  EXPECT_EQ(kissEncode(Bytes{0, 1, 2, 3}), (Bytes{0xC0, 0x00, 0x00, 0x01, 0x02, 0x03, 0xC0}));
  EXPECT_EQ(kissEncode(Bytes{1, 2, 0xC0, 4}), (Bytes{0xC0, 0x00, 0x01, 0x02, 0xDB, 0xDC, 0x04, 0xC0}));
  EXPECT_EQ(kissEncode(Bytes{0x01, 0xDB, 0x02, 0xC0, 0x04, 0xDB, 0xC0}),
            (Bytes{0xC0, 0x00, 0x01, 0xDB, 0xDD, 0x02, 0xDB, 0xDC, 0x04, 0xDB, 0xDD, 0xDB, 0xDC, 0xC0}));
}

TEST(Kiss, COMMS_14_decode_with_pre_and_post) {
  KissFrame f = decodeOk({0xC0, 0x00, 0x01, 0x01, 0x01, 0xC0});
  EXPECT_EQ(f.frame, (Bytes{1, 1, 1}));
  EXPECT_TRUE(f.pre.empty());
  EXPECT_TRUE(f.post.empty());
  f = decodeOk({0xFF, 0xBB, 0xCC, 0xC0, 0x00, 0x01, 0x02, 0x03, 0xC0});
  EXPECT_EQ(f.frame, (Bytes{1, 2, 3}));
  EXPECT_EQ(f.pre, (Bytes{0xFF, 0xBB, 0xCC}));
  EXPECT_TRUE(f.post.empty());
  f = decodeOk({0xC0, 0x00, 0x03, 0x02, 0x01, 0xC0, 0xFF, 0xBB, 0xCC});
  EXPECT_EQ(f.frame, (Bytes{3, 2, 1}));
  EXPECT_TRUE(f.pre.empty());
  EXPECT_EQ(f.post, (Bytes{0xFF, 0xBB, 0xCC}));
  f = decodeOk({0xFF, 0xBB, 0xCC, 0xC0, 0x00, 0x03, 0x04, 0x05, 0xC0, 0xFF, 0xBB, 0xCC});
  EXPECT_EQ(f.frame, (Bytes{3, 4, 5}));
  EXPECT_EQ(f.pre, (Bytes{0xFF, 0xBB, 0xCC}));
  EXPECT_EQ(f.post, (Bytes{0xFF, 0xBB, 0xCC}));
  f = decodeOk({0xC0, 0x00, 0x03, 0xDB, 0xDC, 0x04, 0xDB, 0xDD, 0x05, 0xC0});
  EXPECT_EQ(f.frame, (Bytes{0x03, 0xC0, 0x04, 0xDB, 0x05}));
  f = decodeOk({0x01, 0x0F, 0xC0, 0x00, 0x03, 0xDB, 0xDC, 0x04, 0xDB, 0xDD, 0x05, 0xC0, 0x01, 0x0F, 0x02});
  EXPECT_EQ(f.frame, (Bytes{0x03, 0xC0, 0x04, 0xDB, 0x05}));
  EXPECT_EQ(f.pre, (Bytes{0x01, 0x0F}));
  EXPECT_EQ(f.post, (Bytes{0x01, 0x0F, 0x02}));
  f = decodeOk({0xC0, 0x00, 0x1B, 0x58, 0x8F, 0x3D, 0x00, 0x62, 0x55, 0x62, 0x00, 0x82, 0x1A, 0x00, 0x04, 0x7C, 0x52,
                0xF5, 0xC0});
  EXPECT_EQ(f.frame, (Bytes{0x1B, 0x58, 0x8F, 0x3D, 0x00, 0x62, 0x55, 0x62, 0x00, 0x82, 0x1A, 0x00, 0x04, 0x7C, 0x52, 0xF5}));
  EXPECT_TRUE(f.pre.empty());
  EXPECT_TRUE(f.post.empty());
}

TEST(Kiss, COMMS_14_errors_and_round_trip) {
  EXPECT_EQ(decodeErr({0x01, 0x0F, 0xC1, 0x00, 0x01, 0xC0}), "KISS frame start not found");
  EXPECT_EQ(decodeErr({0xC0}), "KISS frame start not found");
  EXPECT_EQ(decodeErr({}), "KISS frame start not found");
  EXPECT_EQ(decodeErr({0xC0, 0x00, 0x01, 0x02}), "KISS frame end not found");
  const Bytes data{0x00, 0x82, 0x1A, 0x00, 0x01, 0xDA, 0x86, 0xF5};
  KissFrame f = decodeOk(kissEncode(data));
  EXPECT_EQ(f.frame, data);
  EXPECT_TRUE(f.pre.empty());
  EXPECT_TRUE(f.post.empty());
}

TEST(Kiss, COMMS_14_back_to_back_frames_and_resync) {
  KissFrame f = decodeOk({0xC0, 0x00, 0x01, 0xC0, 0xC0, 0x00, 0x02, 0xC0});
  EXPECT_EQ(f.frame, (Bytes{1}));
  EXPECT_EQ(f.post, (Bytes{0xC0, 0x00, 0x02, 0xC0}));
  KissFrame g = decodeOk(f.post);
  EXPECT_EQ(g.frame, (Bytes{2}));
  EXPECT_TRUE(g.pre.empty());
  EXPECT_TRUE(g.post.empty());
  // A frame with a bad escape is skipped; its closing FEND starts the next.
  KissFrame h = decodeOk({0xC0, 0x00, 0x01, 0xDB, 0x11, 0xC0, 0x00, 0x07, 0xC0});
  EXPECT_EQ(h.frame, (Bytes{7}));
  EXPECT_EQ(decodeErr({0xC0, 0x00, 0xDB, 0x11, 0xC0}), "KISS frame end not found");
}

TEST(Kiss, COMMS_15_stream_across_reads) {
  KissStream s;
  Bytes wire{0xFF, 0xEE};  // garbage first
  for (const Bytes& frame : {Bytes{1, 2, 3}, Bytes{0xC0, 0xDB}, Bytes{}}) {
    Bytes e = kissEncode(frame);
    wire.insert(wire.end(), e.begin(), e.end());
  }
  wire.insert(wire.end(), {0x55, 0xC0, 0x00, 0x09, 0xDB, 0x42, 0xC0});  // garbage, then a bad escape
  Bytes ok = kissEncode(Bytes{9});
  wire.insert(wire.end(), ok.begin(), ok.end());
  std::vector<Bytes> got;
  for (std::uint8_t b : wire) {  // one byte per read: the worst case
    s.push(Bytes{b});
    while (auto f = s.next()) got.push_back(*f);
  }
  ASSERT_EQ(got.size(), 4U);
  EXPECT_EQ(got[0], (Bytes{1, 2, 3}));
  EXPECT_EQ(got[1], (Bytes{0xC0, 0xDB}));
  EXPECT_TRUE(got[2].empty());
  EXPECT_EQ(got[3], (Bytes{9}));
  EXPECT_GT(s.dropped(), 0U);
  EXPECT_LE(s.buffered(), 1U);
}
