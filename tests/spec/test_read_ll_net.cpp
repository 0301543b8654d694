#include "spec/read_ll_net.hpp"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/error_corpus.hpp"

namespace {

namespace fs = std::filesystem;

np::PetriNet parse(const std::string& text) { return np::parse_ll_net(np::SourceText("inline.ll_net", text)); }

// "LINE:COL: message" of the error `text` raises, or "accepted".
std::string error_of(const std::string& text) {
    try {
        parse(text);
    } catch (const np::SourceError& e) {
        return std::to_string(e.where().line) + ":" + std::to_string(e.where().col) + ": " + e.message();
    }
    return "accepted";
}

std::uint32_t place_named(const np::PetriNet& net, const std::string& name) {
    for (std::uint32_t i = 0; i < net.places.size(); ++i)
        if (net.places[i].name == name) return i;
    ADD_FAILURE() << "no place " << name;
    return 0;
}

std::uint32_t weight_of(const std::vector<np::Arc>& arcs, std::uint32_t place) {
    for (const auto& a : arcs)
        if (a.place == place) return a.weight;
    return 0;
}

std::size_t arc_count(const np::PetriNet& net, std::vector<np::Arc> np::NetTransition::*side) {
    std::size_t n = 0;
    for (const auto& t : net.transitions) n += (t.*side).size();
    return n;
}

std::size_t read_arc_count(const np::PetriNet& net) {
    std::size_t n = 0;
    for (const auto& t : net.transitions) n += t.read.size();
    return n;
}

fs::path corbett() { return np::test::data_dir() / "benchmarks/pep/corbett"; }

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

const char* kPtNet =
    "PEP\n"
    "PTNet\n"
    "FORMAT_N\n"
    "DPL s7n10@-9t2\n"
    "DTR s7n10@-9t2\n"
    "DPT w1t1\n"
    "PL\n"
    "\"idle\"30@30M1\n"
    "\"busy\"40@40\n"
    "TR\n"
    "\"start\"170@30\n"
    "\"stop\"180@40\n"
    "TP\n"
    "1<2\n"
    "2<1\n"
    "PT\n"
    "1>1\n"
    "2>2\n"
    "TX\n"
    "N1@1\"a text, ignored\"\n";

}  // namespace

TEST(ReadLlNet, PtNetVariantNumbersByAppearance) {
    np::PetriNet net = parse(kPtNet);
    EXPECT_FALSE(net.is_stg);
    EXPECT_EQ(net.file, "inline.ll_net");
    EXPECT_EQ(net.name, "inline");
    ASSERT_EQ(net.places.size(), 2u);
    ASSERT_EQ(net.transitions.size(), 2u);
    EXPECT_EQ(net.places[0].name, "idle");
    EXPECT_EQ(net.places[0].initial, 1u);
    EXPECT_EQ(net.places[0].capacity, 1u);
    EXPECT_EQ(net.places[1].initial, 0u);
    EXPECT_EQ(net.places[1].origin.line, 9u);
    EXPECT_EQ(net.places[1].origin.col, 1u);
    const auto& start = net.transitions[0];
    EXPECT_EQ(start.name, "start");
    ASSERT_EQ(start.pre.size(), 1u);
    EXPECT_EQ(start.pre[0].place, 0u);
    ASSERT_EQ(start.post.size(), 1u);
    EXPECT_EQ(start.post[0].place, 1u);
    EXPECT_EQ(start.post[0].weight, 1u);
    EXPECT_TRUE(start.read.empty());
    EXPECT_EQ(net.transitions[1].pre[0].place, 1u);
    EXPECT_EQ(net.transitions[1].post[0].place, 0u);
}

TEST(ReadLlNet, PetriBoxVariantWithExplicitSparseNumbers) {
    np::PetriNet net = parse(
        "PEP\nPetriBox\nFORMAT_N2\n"
        "PL\n"
        "7\"a\"M1\n"
        "3\"b\"\n"
        "TR\n"
        "20\"t\"\n"
        "TP\n"
        "20<3\n"
        "PT\n"
        "7>20\n");
    ASSERT_EQ(net.places.size(), 2u);
    ASSERT_EQ(net.transitions.size(), 1u);
    EXPECT_EQ(net.transitions[0].pre[0].place, place_named(net, "a"));
    EXPECT_EQ(net.transitions[0].post[0].place, place_named(net, "b"));
}

TEST(ReadLlNet, ExplicitNumbersInFormatN) {
    np::PetriNet net = parse(
        "PEP\nPetriBox\nFORMAT_N\n"
        "PL\n"
        "15\"c0P1\"17@47M1m1\n"
        "16\"c0P2\"148@90\n"
        "TR\n"
        "16\"c0T16\"77@71\n"
        "TP\n16<16J100@78\n"
        "PT\n15>16\n");
    EXPECT_EQ(net.transitions[0].name, "c0T16");
    EXPECT_EQ(net.transitions[0].post[0].place, place_named(net, "c0P2"));
    EXPECT_EQ(net.transitions[0].pre[0].place, place_named(net, "c0P1"));
}

TEST(ReadLlNet, AutonumberingFollowsReadpep) {
    // Explicit numbers equal to the running count keep autonumbering on.
    np::PetriNet net = parse("PEP\nPTNet\nFORMAT_N\nPL\n\"a\"\n2\"b\"\n\"c\"\nTR\n\"t\"\nTP\n1<3\nPT\n2>1\n");
    EXPECT_EQ(net.transitions[0].post[0].place, place_named(net, "c"));
    EXPECT_EQ(net.transitions[0].pre[0].place, place_named(net, "b"));
    // Once off, a missing number is an error; transitions restart it.
    EXPECT_EQ(error_of("PEP\nPTNet\nFORMAT_N\nPL\n5\"a\"\n\"b\"\nTR\nTP\nPT\n"), "6:1: missing place identifier");
    EXPECT_EQ(parse("PEP\nPTNet\nFORMAT_N\nPL\n5\"a\"\nTR\n\"t\"\nTP\n1<5\nPT\n").transitions[0].post.size(), 1u);
    EXPECT_EQ(error_of("PEP\nPTNet\nFORMAT_N\nPL\n\"a\"\nTR\n3\"t\"\n\"u\"\nTP\nPT\n"),
              "8:1: missing transition identifier");
}

TEST(ReadLlNet, MissingNamesDefaultToIdentifiers) {
    np::PetriNet net = parse("PEP\nPetriBox\nFORMAT_N2\nPL\n4M1\nTR\n9\nTP\nPT\n");
    EXPECT_EQ(net.places[0].name, "p4");
    EXPECT_EQ(net.transitions[0].name, "t9");
}

TEST(ReadLlNet, ReadArcs) {
    np::PetriNet net = parse(
        "PEP\nPetriBox\nFORMAT_N2\n"
        "PL\n1\"s0\"M1\n2\"s1\"\n3\"mid\"M1\n"
        "TR\n1\"t0\"\n"
        "TP\n1<2\nPT\n1>1\n"
        "RA\n1<3\n1<3\n");
    const auto& t = net.transitions[0];
    ASSERT_EQ(t.read.size(), 1u);
    EXPECT_EQ(t.read[0], place_named(net, "mid"));
    EXPECT_EQ(weight_of(t.pre, place_named(net, "mid")), 0u);
    EXPECT_EQ(error_of("PEP\nPetriBox\nFORMAT_N2\nPL\n1\nTR\n1\nTP\nPT\nRA\n1<1w2\n"), "11:4: a read arc has no weight");
}

TEST(ReadLlNet, WeightsCapacitiesAndRepeatedArcs) {
    np::PetriNet net = parse(
        "PEP\nPTNet\nFORMAT_N\n"
        "PL\n\"a\"M2k3\n\"b\"k2\n"
        "TR\n\"t\"\n"
        "TP\n1<2w2\n"
        "PT\n1>1\n1>1w2\n");
    EXPECT_EQ(net.places[0].initial, 2u);
    EXPECT_EQ(net.places[0].capacity, 3u);
    EXPECT_EQ(net.places[1].capacity, 2u);
    EXPECT_EQ(weight_of(net.transitions[0].post, 1), 2u);
    ASSERT_EQ(net.transitions[0].pre.size(), 1u);
    EXPECT_EQ(net.transitions[0].pre[0].weight, 3u);
}

TEST(ReadLlNet, LastMarkingFieldWins) {
    np::PetriNet net = parse("PEP\nPTNet\nFORMAT_N\nPL\n\"a\"M1m1M0\n\"b\"M0M1\nTR\nTP\nPT\n");
    EXPECT_EQ(net.places[0].initial, 0u);
    EXPECT_EQ(net.places[1].initial, 1u);
}

TEST(ReadLlNet, CommentsAndIgnoredAttributes) {
    np::PetriNet net = parse(
        "% leading comment\n"
        "PEP\n"
        "PetriBox   % the type\n"
        "FORMAT_N2\n"
        "%Generiert mit net_generator.pl\n"
        "DBL s7\n"
        "DPL s7n10@-9t2\n"
        "\n"
        "BL\n"
        "1 \"B1\"630@330 b\"unnamed_block_1\"\n"
        "PL\n"
        "  2\"P2\"750@180u\"(1)\"  % trailing comment\n"
        "7\"P7%not a comment\"990@30eM1m1xv3s7t2c1Z\"t\"z\"1\"y'1'R\"r\"T\"x\"n1@2N3@4a5@6A7@8B9@10\n"
        "TR\n"
        "3\"< incs2' = 1 >\"930@150v65b\"<'sem > 0>\"u\"(1)\"SrP\"p\"g\"g\"h1@1H2@2i\"i\"j3@3\n"
        "PTR\n"
        "4\"phantom\"1@1r\n"
        "TP\n"
        "3<2J100@78,1@2n1@1N2@2p\"x\"q3@3Q4@4v1t1c2\n"
        "PT\n"
        "7 > 3 w 1\n"
        "PTP\n"
        "4<2\n"
        "PPT\n"
        "7>4\n"
        "TX\n"
        "N1@1'text'\n");
    ASSERT_EQ(net.places.size(), 2u);
    ASSERT_EQ(net.transitions.size(), 1u);
    EXPECT_EQ(net.places[1].name, "P7%not a comment");
    EXPECT_EQ(net.places[1].initial, 1u);
    EXPECT_EQ(net.places[0].origin.col, 3u);
    EXPECT_EQ(net.transitions[0].name, "< incs2' = 1 >");
    EXPECT_EQ(net.transitions[0].post[0].place, 0u);
    EXPECT_EQ(net.transitions[0].pre[0].place, 1u);
}

TEST(ReadLlNet, CrLfLineEndings) {
    std::string text = kPtNet;
    std::string crlf;
    for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    np::PetriNet net = parse(crlf);
    EXPECT_EQ(net.places.size(), 2u);
    EXPECT_EQ(net.places[0].name, "idle");
}

TEST(ReadLlNet, Latin1NamesBecomeUtf8) {
    np::PetriNet net = parse("PEP\nPTNet\nFORMAT_N\nPL\n\"R\xF6mer\"\nTR\n'\xE9t\xE9'\nTP\nPT\n");
    EXPECT_EQ(net.places[0].name, "R\xC3\xB6mer");
    EXPECT_EQ(net.transitions[0].name, "\xC3\xA9t\xC3\xA9");
}

TEST(ReadLlNet, RendersLocatedDiagnostic) {
    try {
        parse("PEP\nPTNet\nFORMAT_N\nPL\n\"a\"M1Q\nTR\nTP\nPT\n");
        FAIL() << "accepted";
    } catch (const np::SourceError& e) {
        EXPECT_EQ(std::string(e.what()).rfind("inline.ll_net:5:6: error: unknown field 'Q' in PL", 0), 0u) << e.what();
        EXPECT_EQ(e.line_text(), "\"a\"M1Q");
    }
}

TEST(ReadLlNet, RejectsMalformedInline) {
    const std::string head = "PEP\nPTNet\nFORMAT_N\n";
    EXPECT_EQ(error_of(head + "PL\n-1\"a\"\nTR\nTP\nPT\n"), "5:1: place identifier must be at least 1");
    EXPECT_EQ(error_of(head + "PL\n\"a\"M-1\nTR\nTP\nPT\n"), "5:4: negative initial marking");
    EXPECT_EQ(error_of(head + "PL\n\"a\"k0\nTR\nTP\nPT\n"), "5:4: capacity must be at least 1");
    EXPECT_EQ(error_of(head + "PL\n\"a\"M2\nTR\nTP\nPT\n"),
              "5:4: initial marking 2 exceeds the capacity 1 of place 'a' (set a capacity with k)");
    EXPECT_EQ(error_of(head + "PL\n\"a\"\nTR\n\"t\"\nTP\n1<1w0\nPT\n"), "9:4: arc weight must be at least 1");
    EXPECT_EQ(error_of(head + "PL\n\"a\"\nTR\n\"t\"\nTP\n1>1\nPT\n"), "9:2: TP arcs are written t<p (transition, then place)");
    EXPECT_EQ(error_of(head + "PL\n\"a\"\nTR\n\"t\"\nTP\nPT\n1<1\n"), "10:2: PT arcs are written p>t (place, then transition)");
    EXPECT_EQ(error_of(head + "PL\n\"a\"\nTR\n\"t\"\nTP\n1<1 1<1\nPT\n"), "9:5: second arc on one line");
    EXPECT_EQ(error_of(head + "PL\n\"a\"\nTR\n\"t\"\nTP\nw2\nPT\n"), "9:1: arc without endpoints (write t<p or p>t)");
    EXPECT_EQ(error_of(head + "PL\n\"a\"\nTR\n\"t\"\nTP\n7\nPT\n"), "9:1: unexpected number in TP");
    EXPECT_EQ(error_of(head + "PL\n1<2\nTR\nTP\nPT\n"), "5:2: expected coordinates x@y in PL");
    EXPECT_EQ(error_of(head + "PL\n\"a\"n1\nTR\nTP\nPT\n"), "5:6: expected '@' in the coordinates of 'n'");
    EXPECT_EQ(error_of(head + "PL\n\"a\"b7\nTR\nTP\nPT\n"), "5:5: expected a quoted string after 'b'");
    EXPECT_EQ(error_of(head + "PL\n\"a\"M\nTR\nTP\nPT\n"), "5:5: expected a number after 'M'");
    EXPECT_EQ(error_of(head + "PL\n1 2\nTR\nTP\nPT\n"), "5:3: second identifier on one line");
    EXPECT_EQ(error_of(head + "PL\n\"a\"-x\nTR\nTP\nPT\n"), "5:5: expected a digit after '-'");
    EXPECT_EQ(error_of(head + "PL\n\"a\"S\nTR\nTP\nPT\n"), "5:4: unknown field 'S' in PL");
    EXPECT_EQ(error_of(head + "PL\n\"a\"#\nTR\nTP\nPT\n"), "5:4: unexpected character '#' in PL");
    EXPECT_EQ(error_of(head + "TR\nPL\nTP\nPT\n"), "4:1: missing block 'PL' before 'TR'");
    EXPECT_EQ(error_of(head + "PL\nTR\nTP\nPT\nTR\n"), "8:1: block 'TR' out of order: it comes before 'PT'");
    EXPECT_EQ(error_of(head + "PL\nPL\n"), "5:1: repeated block 'PL'");
    EXPECT_EQ(error_of(head + "PL junk\nTR\nTP\nPT\n"), "4:4: unexpected text after 'PL'");
    EXPECT_EQ(error_of(head + "\"a\"\nPL\n"), "4:1: expected a block keyword such as 'PL'");
    EXPECT_EQ(error_of(head + "PL\nTR\nTP\nPT\nTX\n1@1\n"), "9:1: unexpected coordinates in TX");
    EXPECT_EQ(error_of(head + "DPT w1\"x\"\nPL\nTR\nTP\nPT\n"), "4:7: unexpected string in DPT");
    EXPECT_EQ(error_of("PEP extra\n"), "1:5: unexpected text after 'PEP'");
    EXPECT_EQ(error_of("PEP\nPTNet\n"), "2:6: missing format line 'FORMAT_N' or 'FORMAT_N2'");
    EXPECT_EQ(error_of("PEP\nPTNet\nFORMAT_X\n"), "3:1: expected 'FORMAT_N' or 'FORMAT_N2'");
    EXPECT_EQ(error_of("%only a comment\n"), "1:16: missing header 'PEP'");
    EXPECT_EQ(error_of(head + "PL\n\"a\"\nTR\n\"t\"\nTP\n1<1w2147483647\n1<1w2147483647\n1<1w2147483647\nPT\n"),
              "11:4: total weight of the arcs between one place and transition is too large");
    EXPECT_EQ(error_of(head + "PL\n\"a\"M2147483648\nTR\nTP\nPT\n"), "5:5: number too large");
}

TEST(ReadLlNet, AcceptsFormatVariantsAndLargeCapacity) {
    np::PetriNet net = parse("PEP\nPTNet\nFORMAT_N3\nPL\n\"a\"M2147483647k2147483647\nTR\nTP\nPT\n");
    EXPECT_EQ(net.places[0].initial, 2147483647u);
}

TEST(ReadLlNet, AllCorbettBenchmarksParse) {
    if (!np::test::have_data()) GTEST_SKIP() << "shared data folder absent: " << np::test::data_dir();
    int parsed = 0;
    for (const auto& e : fs::directory_iterator(corbett())) {
        if (e.path().extension() != ".ll_net") continue;
        SCOPED_TRACE(e.path().string());
        np::PetriNet net;
        ASSERT_NO_THROW(net = np::read_ll_net(e.path().string()));
        EXPECT_EQ(net.file, e.path().string());
        EXPECT_FALSE(net.places.empty());
        EXPECT_FALSE(net.transitions.empty());
        ++parsed;
    }
    EXPECT_EQ(parsed, 58);
}

TEST(ReadLlNet, CorbettCounts) {
    if (!np::test::have_data()) GTEST_SKIP() << "shared data folder absent: " << np::test::data_dir();
    struct Expected {
        const char* file;
        std::size_t places, transitions, post, pre, read, marked;
    };
    for (const Expected& x : {Expected{"tiny_sem.ll_net", 4, 3, 3, 3, 1, 2},
                              Expected{"dp_6.fsa.ll_net", 36, 24, 48, 48, 0, 12},
                              Expected{"sem.ll_net", 21, 15, 23, 23, 0, 5},
                              Expected{"rrr10-1.ll_net", 45, 40, 60, 70, 0, 20},
                              Expected{"dpfm_2.fsa.ll_net", 7, 5, 9, 9, 0, 3}}) {
        SCOPED_TRACE(x.file);
        np::PetriNet net = np::read_ll_net((corbett() / x.file).string());
        EXPECT_EQ(net.places.size(), x.places);
        EXPECT_EQ(net.transitions.size(), x.transitions);
        EXPECT_EQ(arc_count(net, &np::NetTransition::post), x.post);
        EXPECT_EQ(arc_count(net, &np::NetTransition::pre), x.pre);
        EXPECT_EQ(read_arc_count(net), x.read);
        EXPECT_EQ(std::count_if(net.places.begin(), net.places.end(), [](const np::Place& p) { return p.initial == 1; }),
                  static_cast<std::ptrdiff_t>(x.marked));
    }
}

TEST(ReadLlNet, TinySemStructure) {
    if (!np::test::have_data()) GTEST_SKIP() << "shared data folder absent: " << np::test::data_dir();
    np::PetriNet net = np::read_ll_net((corbett() / "tiny_sem.ll_net").string());
    EXPECT_EQ(net.name, "tiny_sem");
    ASSERT_EQ(net.transitions.size(), 3u);
    const auto& t1 = net.transitions[1];
    EXPECT_EQ(t1.name, "t1");
    ASSERT_EQ(t1.read.size(), 1u);
    EXPECT_EQ(net.places[t1.read[0]].name, "s2");
    EXPECT_EQ(net.places[t1.pre[0].place].name, "s1");
    EXPECT_EQ(net.places[t1.post[0].place].name, "s3");
}

TEST(ReadLlNet, Dp6NamesAndLatin1Text) {
    if (!np::test::have_data()) GTEST_SKIP() << "shared data folder absent: " << np::test::data_dir();
    np::PetriNet net = np::read_ll_net((corbett() / "dp_6.fsa.ll_net").string());
    EXPECT_EQ(net.name, "dp_6.fsa");
    EXPECT_EQ(net.places[0].name, "000010000000000000001");
    EXPECT_EQ(net.places[0].origin.line, 8u);
    EXPECT_EQ(net.transitions[23].name, "000130000000000000024");
}

TEST(ReadLlNet, MustRejectCorpus) {
    int checked = np::test::check_error_corpus(np::test::source_dir() / "tests/errors/ll_net",
                                               [](const std::string& p) { np::read_ll_net(p); });
    EXPECT_GE(checked, 12);
}

namespace {

// The located-error contract: success, or a SourceError pointing inside the text. Returns what
// breaks it, or an empty string.
std::string contract_violation(const std::string& name, const std::string& text) {
    np::SourceText src(name, text);
    try {
        np::parse_ll_net(src);
    } catch (const np::SourceError& e) {
        const np::Origin& at = e.where();
        if (at.file != name) return "wrong file " + at.file;
        if (at.line < 1 || at.line > src.line_count()) return "line out of range: " + std::string(e.what());
        std::size_t begin = 0;
        for (std::uint32_t l = 1; l < at.line; ++l) begin = text.find('\n', begin) + 1;
        std::size_t end = std::min(text.find('\n', begin), text.size());
        if (at.col < 1 || at.col > end - begin + 1) return "column out of range: " + std::string(e.what());
    } catch (const std::exception& e) {
        return std::string("threw something else than SourceError: ") + e.what();
    } catch (...) {
        return "threw a non-standard exception";
    }
    return {};
}

const std::string kMutationBytes = std::string("\0\xFF\"'<>@%-\n\r \t", 13) + "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZMkwbeS";

}  // namespace

TEST(ReadLlNetProperty, MutatedBenchmarksAcceptOrRejectWithLocation) {
    if (!np::test::have_data()) GTEST_SKIP() << "shared data folder absent: " << np::test::data_dir();
    std::vector<std::pair<std::string, std::string>> files;
    for (const char* f : {"tiny_sem.ll_net", "tiny_mid3.ll_net", "tiny_middle.ll_net", "dpfm_2.fsa.ll_net", "sem.ll_net",
                          "cyclic_3.fsa.ll_net", "gas_q_1.fsa.ll_net", "dp_6.fsa.ll_net", "rrr10-1.ll_net"})
        files.emplace_back(f, slurp(corbett() / f));
    bool ok = rc::check("mutated .ll_net files are accepted or rejected with a location", [&] {
        const auto& [name, original] = files[*rc::gen::inRange<std::size_t>(0, files.size())];
        std::string text = original;
        const int edits = *rc::gen::inRange(1, 9);
        for (int i = 0; i < edits; ++i) {
            const int kind = *rc::gen::inRange(0, 3);
            const std::size_t at = *rc::gen::inRange<std::size_t>(0, text.size() + 1);
            const char byte = *rc::gen::elementOf(kMutationBytes);
            if (kind == 0 && at < text.size()) text[at] = byte;
            else if (kind == 1) text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), byte);
            else if (at < text.size()) text.erase(at, 1);
        }
        RC_ASSERT(contract_violation(name, text) == "");
    });
    EXPECT_TRUE(ok);
}

TEST(ReadLlNetProperty, EverySingleByteEditOfTinyNet) {
    if (!np::test::have_data()) GTEST_SKIP() << "shared data folder absent: " << np::test::data_dir();
    const std::string original = slurp(corbett() / "tiny_sem.ll_net");
    for (std::size_t at = 0; at <= original.size(); ++at) {
        std::vector<std::string> edits;
        if (at < original.size()) edits.push_back(std::string(original).erase(at, 1));
        for (char byte : kMutationBytes) {
            edits.push_back(original);
            edits.back().insert(edits.back().begin() + static_cast<std::ptrdiff_t>(at), byte);
            if (at < original.size()) {
                edits.push_back(original);
                edits.back()[at] = byte;
            }
        }
        for (const std::string& text : edits)
            ASSERT_EQ(contract_violation("tiny_sem.ll_net", text), "") << "edit at offset " << at;
    }
}
