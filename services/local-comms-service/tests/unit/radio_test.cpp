// The UDP radio and the service schema, without the binary.
#include <gtest/gtest.h>

#include <boost/asio/ip/udp.hpp>

#include "graphql/engine.h"
#include "service/graphql_http.h"
#include "radio.h"
#include "resolvers.h"

using namespace kubos::local_comms_service;
using boost::asio::ip::udp;

TEST(UdpRadio, LCS_1_one_datagram_is_one_packet_both_ways) {
  boost::asio::io_context ioc;
  udp::socket ground(ioc, udp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
  UdpRadio radio({"127.0.0.1", 0, "127.0.0.1", ground.local_endpoint().port()});
  EXPECT_FALSE(radio.read(std::chrono::milliseconds(10)));
  kubos::comms::Bytes big(60000, 0x5A);
  ground.send_to(boost::asio::buffer(big), udp::endpoint(boost::asio::ip::make_address("127.0.0.1"), radio.localPort()));
  auto got = radio.read(std::chrono::milliseconds(2000));
  ASSERT_TRUE(got);
  EXPECT_EQ(*got, big);
  radio.write(big);
  kubos::comms::Bytes in(70000);
  udp::endpoint from;
  const std::size_t n = ground.receive_from(boost::asio::buffer(in), from);
  EXPECT_EQ(n, big.size());
  EXPECT_EQ(from.port(), radio.localPort());  // packets go down from the listening socket
}

TEST(UdpRadio, LCS_1_bad_addresses_are_clear_errors) {
  try {
    UdpRadio r({"nope", 1, "127.0.0.1", 1});
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "listening_ip: \"nope\" is not an IP address (IPv4 or IPv6 literal)");
  }
  EXPECT_THROW(UdpRadio({"127.0.0.1", 1, "::1", 1}), std::invalid_argument);
  boost::asio::io_context ioc;
  udp::socket holder(ioc, udp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
  try {
    UdpRadio r({"127.0.0.1", holder.local_endpoint().port(), "127.0.0.1", 1});
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot listen for uplink on 127.0.0.1:"), std::string::npos) << e.what();
  }
}

TEST(LocalCommsSchema, LCS_2_serves_ping_and_telemetry) {
  auto telemetry = std::make_shared<kubos::comms::CommsTelemetry>();
  telemetry->packetUp();
  telemetry->failedUp("packet too short: 3 bytes (a Space Packet header is 16)");
  std::string error;
  auto schema = buildSchema(telemetry, &error);
  ASSERT_TRUE(schema) << error;
  kubos::graphql::Engine engine(schema);
  // The request path the service runs (kubos::service::parseRequests + execute).
  kubos::service::GraphQLHttpOptions options;
  options.logErrors = false;
  kubos::service::GraphQLHttpHandler handler(engine, options);
  auto post = [&](std::string body) {
    kubos::service::HttpRequest request;
    request.method = "POST";
    request.target = "/";
    request.body = std::move(body);
    return handler.handle(request).body;
  };
  EXPECT_EQ(post(R"({"query":"{ping packetsUp packetsDown failedPacketsUp failedPacketsDown errorLog{message}}"})"),
            R"j({"data":{"ping":"pong","packetsUp":1,"packetsDown":0,"failedPacketsUp":1,"failedPacketsDown":0,)j"
            R"j("errorLog":[{"message":"packet too short: 3 bytes (a Space Packet header is 16)"}]}})j");
  EXPECT_EQ(post(R"({"query":"mutation{resetTelemetry}"})"), R"({"data":{"resetTelemetry":true}})");
  EXPECT_EQ(telemetry->snapshot().packetsUp, 0U);
}
