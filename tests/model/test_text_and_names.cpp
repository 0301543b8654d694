// Nothing lost to a byte or a name (issue 17): UTF-8 repair, JSON text that always serialises,
// located JSON errors, and file names every file system takes.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "model/did_you_mean.hpp"
#include "model/file_name.hpp"
#include "model/json_text.hpp"

namespace np {
namespace {

bool strict_utf8(const std::string& s) {
    try {
        (void)nlohmann::json(s).dump();  // nlohmann validates strictly (RFC 3629)
        return true;
    } catch (const nlohmann::json::type_error&) {
        return false;
    }
}

RC_GTEST_PROP(TextProperty, RepairedBytesAreValidUtf8AndValidTextIsKept, (std::string bytes)) {
    const std::string fixed = to_valid_utf8(bytes);
    RC_ASSERT(strict_utf8(fixed));
    if (strict_utf8(bytes)) RC_ASSERT(fixed == bytes);
    RC_ASSERT(bytes_from_json(nlohmann::json::parse(json_text(bytes_to_json(bytes)))) == bytes);
}

TEST(Text, SequencesThatAreNotUtf8AreRepaired) {
    // Overlong, surrogate, past U+10FFFF, truncated: each becomes its Latin-1 reading.
    for (const std::string bad : {"\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xE2\x82"}) {
        SCOPED_TRACE(bad);
        EXPECT_FALSE(strict_utf8(bad));
        EXPECT_TRUE(strict_utf8(to_valid_utf8(bad)));
    }
    EXPECT_EQ(to_valid_utf8("caf\xE9"), "caf\xC3\xA9");
    EXPECT_EQ(to_valid_utf8("\xF0\x9F\x92\xA1 ok"), "\xF0\x9F\x92\xA1 ok");
}

TEST(Text, JsonTextNeverThrowsAndSaysWhenItReplaced) {
    bool replaced = false;
    EXPECT_EQ(json_text(nlohmann::json{{"k", "ok"}}, -1, &replaced), R"({"k":"ok"})");
    EXPECT_FALSE(replaced);
    const std::string text = json_text(nlohmann::json{{"k", "a\xFF" "b"}}, -1, &replaced);
    EXPECT_TRUE(replaced);
    EXPECT_EQ(text, "{\"k\":\"a\xEF\xBF\xBD" "b\"}");
}

TEST(Text, JsonErrorsHaveAnOffsetLineAndColumn) {
    EXPECT_FALSE(json_error_offset(R"({"a": [1, 2.5, -1e300]})"));
    const auto overflow = json_error_offset("{\n  \"w\": [1, -1e999]\n}");
    ASSERT_TRUE(overflow);
    EXPECT_EQ(overflow->line, 2u);
    EXPECT_EQ(overflow->col, 12u);  // the token's first character
    EXPECT_EQ(overflow->message, "number overflow parsing '-1e999'");
    const auto syntax = json_error_offset("[1,\n 2,,]");
    ASSERT_TRUE(syntax);
    EXPECT_EQ(syntax->line, 2u);
    EXPECT_EQ(syntax->col, 4u);
    EXPECT_NE(syntax->message.find("syntax error while parsing value"), std::string::npos) << syntax->message;
}

RC_GTEST_PROP(TextProperty, JsonErrorOffsetAgreesWithTheParser, (std::string text)) {
    const auto err = json_error_offset(text);
    bool parses = true;
    try {
        (void)nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception&) {
        parses = false;
    }
    RC_ASSERT(parses == !err.has_value());
    if (err) RC_ASSERT(err->offset <= text.size());
}

TEST(FileNames, ShortNamesStayLongNamesGetAHash) {
    EXPECT_EQ(portable_file_name("invariant:n0.in_range"), "invariant-n0-in_range");
    EXPECT_EQ(portable_file_name(""), "-");
    EXPECT_EQ(portable_file_name(".."), "--");
    const std::string a = "invariant:" + std::string(300, 'x'), b = "invariant:" + std::string(299, 'x') + "y";
    const std::string fa = portable_file_name(a), fb = portable_file_name(b);
    EXPECT_EQ(fa.size(), kMaxFileName);
    EXPECT_NE(fa, fb);
    EXPECT_EQ(fa.rfind("invariant-xxx", 0), 0u);
    // shorten_file_name keeps bytes and never cuts a UTF-8 character in two.
    const std::string accented = std::string(118, 'e') + "\xC3\xA9\xC3\xA9\xC3\xA9";
    const std::string s = shorten_file_name(accented, 40);
    EXPECT_EQ(s.size(), 40u);
    EXPECT_EQ(to_valid_utf8(s), s);
}

}  // namespace
}  // namespace np

namespace {

TEST(DidYouMean, SuggestsTheClosestNameWithinTwoEdits) {
    const std::vector<std::string> names{"check", "ci", "certify", "deadlock", "n0.v"};
    EXPECT_EQ(np::did_you_mean("chekc", names), " (did you mean 'check'?)");
    EXPECT_EQ(np::did_you_mean("deadlok", names), " (did you mean 'deadlock'?)");
    EXPECT_EQ(np::did_you_mean("n0.w", names), " (did you mean 'n0.v'?)");
    EXPECT_EQ(np::did_you_mean("xyzzy", names), "");           // nothing close
    EXPECT_EQ(np::did_you_mean("c", names), "");               // too short to guess
    EXPECT_EQ(np::did_you_mean(std::string(300, 'c'), names), "");  // no quadratic work on hostile input
    EXPECT_EQ(np::edit_distance("kitten", "sitting"), 3u);
    EXPECT_EQ(np::edit_distance("", "abc"), 3u);
}

}  // namespace
