// The handshake-protocol property of a declared channel: order of req/ack edges and data
// stability, checked by the explicit engine on small designs (good, and one bug of each kind).
#include <gtest/gtest.h>

#include "checkers/explicit_search.hpp"
#include "model/handshake_property.hpp"
#include "spec/elaborate.hpp"
#include "spec/load_system.hpp"
#include "tests/support/error_corpus.hpp"

namespace np {
namespace {

PropertyResult check(const std::string& body, const std::string& protocol = "4phase") {
    std::string text = "module top {\n  channel c: " + protocol + "(u8);\n" + body + "\n}\n";
    System sys = elaborate_text("hs.np", text);
    const Channel* ch = sys.find_channel("c");
    EXPECT_NE(ch, nullptr);
    sys.properties.push_back(handshake_property(sys, *ch));
    auto r = check_explicit(sys, {&sys.properties.back()});
    return r.at(0);
}

const char* kSender = R"(
  var n: u8 = 0;
  input rule send when !c.req && !c.ack && n < 3 { c.data := n; c.req := true; n := n + 1; }
  input rule release when c.req && c.ack { c.req := false; })";

TEST(HandshakeProperty, FourPhasePasses) {
    PropertyResult r = check(std::string(kSender) + R"(
  output rule ack when c.req && !c.ack { c.ack := true; }
  output rule unack when !c.req && c.ack { c.ack := false; })");
    EXPECT_EQ(r.verdict, Verdict::Pass) << r.message;
}

TEST(HandshakeProperty, AckBeforeRequestFails) {
    PropertyResult r = check(std::string(kSender) + R"(
  output rule ack when !c.ack { c.ack := true; }
  output rule unack when !c.req && c.ack { c.ack := false; })");
    ASSERT_EQ(r.verdict, Verdict::Fail) << r.message;
    EXPECT_NE(r.message.find("ack breaks the 4phase order of c.req/c.ack"), std::string::npos) << r.message;
    EXPECT_EQ(r.trace->steps.size(), 0u);  // ack+ is enabled in the initial state
}

TEST(HandshakeProperty, DataChangedWhileRequestIsHighFails) {
    PropertyResult r = check(std::string(kSender) + R"(
  output rule ack when c.req && !c.ack { c.ack := true; }
  output rule unack when !c.req && c.ack { c.ack := false; }
  input rule glitch when c.req && !c.ack { c.data := c.data + 1; })");
    ASSERT_EQ(r.verdict, Verdict::Fail) << r.message;
    EXPECT_NE(r.message.find("glitch changes c.data while a transfer on channel c is pending"), std::string::npos) << r.message;
}

TEST(HandshakeProperty, TwoPhase) {
    const char* sender = R"(
  var n: u8 = 0;
  input rule send when c.req == c.ack && n < 3 { c.data := n; c.req := !c.req; n := n + 1; })";
    EXPECT_EQ(check(std::string(sender) + "\n  output rule ack when c.req != c.ack { c.ack := !c.ack; }", "2phase").verdict,
              Verdict::Pass);
    // Acknowledging twice per request breaks the order.
    PropertyResult r = check(std::string(sender) + "\n  output rule ack when true { c.ack := !c.ack; }", "2phase");
    EXPECT_EQ(r.verdict, Verdict::Fail) << r.message;
}

TEST(HandshakeProperty, OfferedForEveryChannelOfADesign) {
    System good = load_system((test::source_dir() / "examples/fifo/fifo.np").string());
    System bad = load_system((test::source_dir() / "examples/fifo/fifo_broken.np").string());
    ASSERT_NE(good.find_property("handshake:b"), nullptr);
    EXPECT_EQ(check_explicit(good, {good.find_property("handshake:b")}).at(0).verdict, Verdict::Pass);
    PropertyResult r = check_explicit(bad, {bad.find_property("handshake:b")}).at(0);
    EXPECT_EQ(r.verdict, Verdict::Fail) << r.message;
}

}  // namespace
}  // namespace np
