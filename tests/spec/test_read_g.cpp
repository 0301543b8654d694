// Tests of the `.g` STG reader: inline texts, the shared Workcraft benchmarks, the must-reject
// corpus tests/errors/g, and random mutations of the benchmarks.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "spec/read_g.hpp"
#include "tests/support/error_corpus.hpp"

namespace np {
namespace {

PetriNet parse(const std::string& text) { return parse_g(SourceText("inline.g", text)); }

// `LINE:COL: MESSAGE` of the SourceError that parsing `text` throws, or "accepted".
std::string error_of(const std::string& text) {
    try {
        parse(text);
    } catch (const SourceError& e) {
        return std::to_string(e.where().line) + ":" + std::to_string(e.where().col) + ": " + e.message();
    }
    return "accepted";
}

const NetTransition* find_transition(const PetriNet& net, const std::string& name) {
    for (const auto& t : net.transitions)
        if (t.name == name) return &t;
    return nullptr;
}

const Place* find_place(const PetriNet& net, const std::string& name) {
    for (const auto& p : net.places)
        if (p.name == name) return &p;
    return nullptr;
}

std::vector<std::string> place_names(const PetriNet& net, const std::vector<Arc>& arcs) {
    std::vector<std::string> out;
    for (const auto& a : arcs) out.push_back(net.places[a.place].name);
    return out;
}

std::uint32_t total_tokens(const PetriNet& net) {
    std::uint32_t n = 0;
    for (const auto& p : net.places) n += p.initial;
    return n;
}

std::vector<std::filesystem::path> benchmark_files() {
    std::vector<std::filesystem::path> out;
    for (const auto& e : std::filesystem::directory_iterator(test::data_dir() / "benchmarks/stg/workcraft"))
        if (e.path().extension() == ".g") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

std::string read_all(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

const char* kHandshake =
    ".model hs\n"
    ".inputs a\n"
    ".outputs b\n"
    ".graph\n"
    "a+ b+\n"
    "b+ a-\n"
    "a- b-\n"
    "b- a+\n"
    ".marking {<b-,a+>}\n"
    ".end\n";

// --- inline texts

TEST(ReadG, ImplicitPlacesBetweenTransitions) {
    PetriNet net = parse(kHandshake);
    EXPECT_TRUE(net.is_stg);
    EXPECT_EQ(net.name, "hs");
    EXPECT_EQ(net.file, "inline.g");
    ASSERT_EQ(net.signals.size(), 2u);
    EXPECT_EQ(net.signals[0].name, "a");
    EXPECT_EQ(net.signals[0].kind, SignalKind::Input);
    EXPECT_EQ(net.signals[1].kind, SignalKind::Output);
    EXPECT_FALSE(net.signals[0].initial.has_value());
    ASSERT_EQ(net.transitions.size(), 4u);
    EXPECT_EQ(net.transitions[0].name, "a+");
    EXPECT_EQ(net.transitions[0].signal, 0);
    EXPECT_EQ(net.transitions[0].edge, Edge::Plus);
    EXPECT_EQ(net.transitions[2].name, "a-");
    EXPECT_EQ(net.transitions[2].edge, Edge::Minus);
    EXPECT_EQ(net.transitions[1].signal, 1);
    ASSERT_EQ(net.places.size(), 4u);
    EXPECT_EQ(net.places[0].name, "<a+,b+>");
    EXPECT_TRUE(net.places[0].implicit);
    EXPECT_EQ(net.places[3].name, "<b-,a+>");
    EXPECT_EQ(net.places[3].initial, 1u);
    EXPECT_EQ(total_tokens(net), 1u);
    const NetTransition* ap = find_transition(net, "a+");
    EXPECT_EQ(place_names(net, ap->pre), std::vector<std::string>{"<b-,a+>"});
    EXPECT_EQ(place_names(net, ap->post), std::vector<std::string>{"<a+,b+>"});
    EXPECT_TRUE(net.warnings.empty());
}

TEST(ReadG, OriginsAreFirstMentions) {
    PetriNet net = parse(kHandshake);
    const NetTransition* bp = find_transition(net, "b+");
    EXPECT_EQ(bp->origin.file, "inline.g");
    EXPECT_EQ(bp->origin.line, 5u);
    EXPECT_EQ(bp->origin.col, 4u);
    EXPECT_EQ(find_place(net, "<b+,a->")->origin.line, 6u);
    EXPECT_EQ(find_place(net, "<b+,a->")->origin.col, 4u);
    EXPECT_EQ(net.signals[1].origin.line, 3u);
    EXPECT_EQ(net.signals[1].origin.col, 10u);
}

TEST(ReadG, InstanceZeroIsTheUnsuffixedTransition) {
    PetriNet net = parse(
        ".inputs a\n.outputs b\n.graph\n"
        "a+/0 b+\nb+/0 a-/1\na-/01 b-/2\nb-/2 a+\n"
        ".marking {<b-/2,a+/0>}\n.end\n");
    ASSERT_EQ(net.transitions.size(), 4u);
    EXPECT_EQ(net.transitions[0].name, "a+");
    EXPECT_EQ(net.transitions[1].name, "b+");
    EXPECT_EQ(net.transitions[2].name, "a-/1");
    EXPECT_EQ(net.transitions[3].name, "b-/2");
    EXPECT_EQ(net.places.size(), 4u);
    EXPECT_EQ(find_place(net, "<b-/2,a+>")->initial, 1u);
}

TEST(ReadG, TogglesExplicitAndBare) {
    // Workcraft writes a toggle as the bare signal name.
    PetriNet net = parse(
        ".inputs a\n.outputs b\n.graph\n"
        "a~ b\nb a/1\na/1 b~/2\nb~/2 a~\n"
        ".marking {<b~/2,a~>}\n.end\n");
    ASSERT_EQ(net.transitions.size(), 4u);
    EXPECT_EQ(net.transitions[0].name, "a~");
    EXPECT_EQ(net.transitions[1].name, "b~");
    EXPECT_EQ(net.transitions[2].name, "a~/1");
    EXPECT_EQ(net.transitions[3].name, "b~/2");
    for (const auto& t : net.transitions) EXPECT_EQ(t.edge, Edge::Toggle);
    EXPECT_EQ(net.transitions[1].signal, 1);
}

TEST(ReadG, Dummies) {
    PetriNet net = parse(
        ".inputs a\n.dummy t u\n.dummy v\n.graph\n"
        "a+ t\nt/0 t/3\nt/3 a-\na- u\nu a+\n"
        ".marking {<u,a+>}\n.end\n");
    ASSERT_EQ(net.transitions.size(), 5u);
    const NetTransition* t3 = find_transition(net, "t/3");
    ASSERT_NE(t3, nullptr);
    EXPECT_EQ(t3->signal, -1);
    EXPECT_EQ(t3->edge, Edge::None);
    EXPECT_NE(find_place(net, "<t,t/3>"), nullptr);
    EXPECT_EQ(net.signals.size(), 1u);  // dummies are not signals
    EXPECT_EQ(find_transition(net, "v"), nullptr);
}

TEST(ReadG, ExplicitPlaces) {
    PetriNet net = parse(
        ".inputs a\n.outputs b\n.graph\n"
        "p0 a+ b+\na+ p1\nb+ p1\np1 a- b-\na- p0\nb- p0\n"
        ".marking {p0}\n.end\n");
    ASSERT_EQ(net.places.size(), 2u);
    EXPECT_EQ(net.places[0].name, "p0");
    EXPECT_FALSE(net.places[0].implicit);
    EXPECT_EQ(net.places[0].origin.line, 4u);
    EXPECT_EQ(net.places[0].origin.col, 1u);
    EXPECT_EQ(net.places[0].initial, 1u);
    EXPECT_EQ(net.places[1].initial, 0u);
    const NetTransition* bm = find_transition(net, "b-");
    EXPECT_EQ(place_names(net, bm->pre), std::vector<std::string>{"p1"});
    EXPECT_EQ(place_names(net, bm->post), std::vector<std::string>{"p0"});
}

TEST(ReadG, MarkingCountsAndCapacity) {
    PetriNet net = parse(
        ".inputs a\n.outputs b\n.graph\n"
        "p a+\na+ b+\nb+ p\n"
        ".capacity p=3 <a+,b+>=2\n"
        ".marking { p=3 <a+, b+> = 2 }\n.end\n");
    EXPECT_EQ(find_place(net, "p")->capacity, 3u);
    EXPECT_EQ(find_place(net, "p")->initial, 3u);
    EXPECT_EQ(find_place(net, "<a+,b+>")->capacity, 2u);
    EXPECT_EQ(find_place(net, "<a+,b+>")->initial, 2u);
}

TEST(ReadG, CapacityMayFollowTheMarking) {
    PetriNet net = parse(".inputs a\n.graph\np a+\na+ p\n.marking {p=2}\n.capacity p=2\n.end\n");
    EXPECT_EQ(find_place(net, "p")->initial, 2u);
    EXPECT_EQ(find_place(net, "p")->capacity, 2u);
}

TEST(ReadG, MarkingMaySpanLines) {
    PetriNet net = parse(".inputs a\n.graph\np a+\na+ q\nq a-\na- p\n.marking {\n  p # the start\n}\n.end\n");
    EXPECT_EQ(find_place(net, "p")->initial, 1u);
}

TEST(ReadG, MarkingWithSpacesInsideImplicitPlaces) {
    PetriNet net = parse(
        ".inputs b\n.outputs y\n.graph\ny-/2 b+/1\nb+/1 y+\ny+ y-/2\n"
        ".marking {<y-/2 ,b+/1 > }\n.end\n");
    EXPECT_EQ(find_place(net, "<y-/2,b+/1>")->initial, 1u);
}

TEST(ReadG, InitialState) {
    PetriNet net = parse(".inputs a b\n.outputs c\n.initial state a !b\n.graph\na+ c+\n.end\n");
    EXPECT_EQ(net.signals[0].initial, std::optional<bool>(true));
    EXPECT_EQ(net.signals[1].initial, std::optional<bool>(false));
    EXPECT_FALSE(net.signals[2].initial.has_value());
}

TEST(ReadG, InternalSignals) {
    PetriNet net = parse(".inputs a\n.internal x\n.outputs b\n.graph\na+ x+\nx+ b+\n.marking {}\n.end\n");
    ASSERT_EQ(net.signals.size(), 3u);
    EXPECT_EQ(net.signals[1].kind, SignalKind::Internal);
    EXPECT_EQ(net.signals[2].kind, SignalKind::Output);
}

TEST(ReadG, IgnoredDirectivesWarn) {
    PetriNet net = parse(".inputs a\n.mode SELFTIMED\n.graph\np a+\n.frobnicate 1 2 {\na+ p\n.marking {p}\n.end\n");
    ASSERT_EQ(net.warnings.size(), 2u);
    EXPECT_EQ(net.warnings[0].message, "directive '.mode' ignored");
    EXPECT_EQ(net.warnings[0].where.line, 2u);
    EXPECT_EQ(net.warnings[0].where.col, 1u);
    EXPECT_EQ(net.warnings[1].message, "unknown directive '.frobnicate' ignored");
    EXPECT_EQ(net.warnings[1].where.line, 5u);
    EXPECT_NE(net.warnings[1].render().find("inline.g:5:1: warning: unknown directive"), std::string::npos);
    EXPECT_EQ(net.transitions[0].post.size(), 1u);  // the graph goes on after an ignored directive
}

TEST(ReadG, CommentsAndCrlf) {
    PetriNet net = parse(
        "# header comment\r\n.inputs a # the input\r\n.outputs b\r\n\r\n.graph\r\n"
        "a+ b+ # arc\r\nb+ a-\r\na- b-\r\nb- a+\r\n.marking {<b-,a+>} # initial\r\n.end\r\n");
    EXPECT_EQ(net.transitions.size(), 4u);
    EXPECT_EQ(net.places.size(), 4u);
    EXPECT_EQ(find_place(net, "<b-,a+>")->initial, 1u);
    EXPECT_TRUE(net.warnings.empty());
}

TEST(ReadG, CrlfErrorColumns) {
    EXPECT_EQ(error_of(".inputs a\r\n.graph\r\na+ x+\r\n.end\r\n"), "3:4: undeclared signal 'x'");
}

TEST(ReadG, DuplicateArcsCollapseWithAWarning) {
    PetriNet net = parse(".inputs a\n.outputs b\n.graph\na+ b+ b+\np a+\np a+\na+ p\na+ p\n.marking {p}\n.end\n");
    EXPECT_EQ(net.places.size(), 2u);
    const NetTransition* ap = find_transition(net, "a+");
    EXPECT_EQ(ap->pre.size(), 1u);
    EXPECT_EQ(ap->post.size(), 2u);
    ASSERT_EQ(net.warnings.size(), 3u);
    EXPECT_EQ(net.warnings[0].message, "duplicate arc from 'a+' to 'b+' ignored");
    EXPECT_EQ(net.warnings[0].where.line, 4u);
    EXPECT_EQ(net.warnings[0].where.col, 7u);
}

TEST(ReadG, SelfLoopThroughImplicitPlace) {
    PetriNet net = parse(".inputs a\n.graph\na~ a~\n.marking {<a~,a~>}\n.end\n");
    ASSERT_EQ(net.transitions.size(), 1u);
    EXPECT_EQ(place_names(net, net.transitions[0].pre), std::vector<std::string>{"<a~,a~>"});
    EXPECT_EQ(place_names(net, net.transitions[0].post), std::vector<std::string>{"<a~,a~>"});
}

TEST(ReadG, NameDefaultsToTheFileStem) {
    PetriNet net = parse_g(SourceText("dir/some.model.g", ".graph\n.end\n"));
    EXPECT_EQ(net.name, "some.model");
    ASSERT_EQ(net.warnings.size(), 1u);
    EXPECT_EQ(net.warnings[0].message, "no .marking: every place starts empty");
}

TEST(ReadG, WorkcraftNamesWithDotsAndBrackets) {
    PetriNet net = parse(".inputs pg0.in d[3]\n.outputs pg0.out\n.graph\npg0 pg0.in\npg0.in pg0.out\npg0.out pg0\n.marking {pg0}\n.end\n");
    EXPECT_EQ(net.signals[1].name, "d[3]");
    EXPECT_NE(find_transition(net, "pg0.in~"), nullptr);
    EXPECT_NE(find_place(net, "pg0"), nullptr);
}

TEST(ReadG, TextAfterEndWarns) {
    PetriNet net = parse(".graph\n.marking {}\n.end\n\n  garbage \x01\xff here\n");
    ASSERT_EQ(net.warnings.size(), 1u);
    EXPECT_EQ(net.warnings[0].message, "text after .end ignored");
    EXPECT_EQ(net.warnings[0].where.line, 5u);
    EXPECT_EQ(net.warnings[0].where.col, 3u);
}

TEST(ReadG, ErrorsRenderWithFileLineAndCaret) {
    try {
        parse(".inputs a\n.graph\na+ x+\n.end\n");
        FAIL() << "accepted";
    } catch (const SourceError& e) {
        EXPECT_EQ(e.where().file, "inline.g");
        EXPECT_EQ(std::string(e.what()), "inline.g:3:4: error: undeclared signal 'x'\n  a+ x+\n     ^");
    }
}

TEST(ReadG, InlineErrors) {
    EXPECT_EQ(error_of(""), "1:1: empty file: expected an STG");
    EXPECT_EQ(error_of(" \n\t# nothing\n\n"), "1:1: empty file: expected an STG");
    EXPECT_EQ(error_of(".inputs a\n.graph\na+ a-\n"), "3:6: unexpected end of file: missing .end");
    EXPECT_EQ(error_of(".inputs a\n.end\n"), "2:1: missing .graph section");
}

TEST(ReadG, DuplicateDeclarationsAcrossLists) {
    EXPECT_EQ(error_of(".inputs a\n.dummy b a\n.graph\n.end\n"), "2:10: duplicate declaration of 'a'");
    EXPECT_EQ(error_of(".inputs a a\n.graph\n.end\n"), "1:11: duplicate declaration of 'a'");
}

TEST(ReadG, EmptyDeclarationListsAreAllowed) {
    PetriNet net = parse(".inputs\n.outputs   # none\n.graph\n.marking { }\n.end\n");
    EXPECT_TRUE(net.signals.empty());
    EXPECT_TRUE(net.places.empty());
}

TEST(ReadG, SurvivesHostileBytes) {
    std::string nul(".inputs a\n.graph\na+ p\0q\n.end\n", 27);
    EXPECT_EQ(error_of(nul), "3:5: unexpected byte 0x00");
    EXPECT_EQ(error_of(".inputs a\n.graph\na+/99999999999999999999 p\n.end\n"), "3:4: number too large");
    EXPECT_EQ(error_of(".inputs a\n.graph\na+/4294967296 p\n.end\n"), "3:4: number too large");
    EXPECT_EQ(parse(".inputs a\n.graph\na+/4294967295 p\n.end\n").transitions[0].name, "a+/4294967295");
    std::string arcs = "p";
    for (int i = 0; i < 120000; ++i) arcs += " a+/" + std::to_string(i);
    EXPECT_GT(arcs.size(), 1000000u);
    PetriNet net = parse(".inputs a\n.graph\n" + arcs + "\n.marking {p}\n.end\n");
    EXPECT_EQ(net.transitions.size(), 120000u);
    EXPECT_EQ(error_of(".inputs a\n.graph\n" + arcs + " $\n.end\n"),
              "3:" + std::to_string(arcs.size() + 2) + ": unexpected character '$'");
}

// --- the shared benchmarks

TEST(ReadG, AllSharedBenchmarksParse) {
    auto dir = test::data_dir() / "benchmarks/stg/workcraft";
    if (!test::have_data() || !std::filesystem::is_directory(dir)) GTEST_SKIP() << "shared data folder absent: " << dir;
    auto files = benchmark_files();
    EXPECT_EQ(files.size(), 26u);
    for (const auto& f : files) {
        SCOPED_TRACE(f.string());
        PetriNet net = read_g(f.string());
        EXPECT_TRUE(net.is_stg);
        EXPECT_EQ(net.file, f.string());
        EXPECT_FALSE(net.name.empty());
        for (const auto& w : net.warnings) EXPECT_EQ(w.message.rfind("directive '.mode'", 0), 0u) << w.render();
        if (f.stem() != "_empty") {
            EXPECT_FALSE(net.transitions.empty());
            EXPECT_GE(total_tokens(net), 1u);
        }
    }
}

TEST(ReadG, BenchmarkCounts) {
    auto dir = test::data_dir() / "benchmarks/stg/workcraft";
    if (!test::have_data() || !std::filesystem::is_directory(dir)) GTEST_SKIP() << "shared data folder absent: " << dir;

    PetriNet dl = read_g((dir / "_deadlock.g").string());
    EXPECT_EQ(dl.name, "_deadlock");
    EXPECT_EQ(dl.transitions.size(), 4u);
    EXPECT_EQ(dl.places.size(), 4u);  // p0 and <i+,o+> <o+,i-> <i-,o->
    EXPECT_EQ(find_place(dl, "p0")->initial, 1u);
    EXPECT_EQ(total_tokens(dl), 1u);
    EXPECT_TRUE(find_transition(dl, "o-")->post.empty());

    PetriNet empty = read_g((dir / "_empty.g").string());
    EXPECT_TRUE(empty.transitions.empty());
    EXPECT_TRUE(empty.places.empty());
    EXPECT_TRUE(empty.signals.empty());

    PetriNet vme = read_g((dir / "vme.g").string());
    EXPECT_EQ(vme.name, "Untitled");
    ASSERT_EQ(vme.signals.size(), 6u);
    for (int i = 0; i < 3; ++i) EXPECT_EQ(vme.signals[i].kind, SignalKind::Input) << vme.signals[i].name;
    for (int i = 3; i < 6; ++i) EXPECT_EQ(vme.signals[i].kind, SignalKind::Output) << vme.signals[i].name;
    EXPECT_EQ(vme.transitions.size(), 17u);  // 4 of d, 3 each of dtack lds ldtack, 2 each of dsr dsw
    EXPECT_EQ(vme.places.size(), 17u);       // p1..p4 and 13 transition->transition arcs
    EXPECT_EQ(find_place(vme, "p1")->initial, 1u);
    EXPECT_EQ(find_place(vme, "p2")->initial, 1u);
    EXPECT_EQ(total_tokens(vme), 2u);
    EXPECT_EQ(place_names(vme, find_transition(vme, "lds+/1")->pre),
              (std::vector<std::string>{"<d+/1,lds+/1>", "p2"}));

    PetriNet mod4 = read_g((dir / "mod4_counter.g").string());
    EXPECT_EQ(mod4.name, "mod4_counter");
    EXPECT_EQ(mod4.transitions.size(), 16u);
    EXPECT_EQ(mod4.places.size(), 16u);
    EXPECT_EQ(find_place(mod4, "<q-/1,a+>")->initial, 1u);
    ASSERT_EQ(mod4.warnings.size(), 1u);
    EXPECT_EQ(mod4.warnings[0].message, "directive '.mode' ignored");

    PetriNet clash = read_g((dir / "buffer-name_clash.g").string());
    EXPECT_EQ(clash.transitions.size(), 2u);
    EXPECT_EQ(clash.transitions[0].name, "pg0.in~");
    EXPECT_EQ(clash.places.size(), 2u);  // pg0 and <pg0.in~,pg0.out~>
    EXPECT_EQ(find_place(clash, "pg0")->initial, 1u);

    PetriNet master = read_g((dir / "sis-master-read.g").string());
    EXPECT_EQ(master.name, "master_read");
    EXPECT_EQ(master.signals.size(), 13u);
    for (const auto& s : master.signals) EXPECT_TRUE(s.initial.has_value()) << s.name;
    EXPECT_EQ(total_tokens(master), 5u);
}

// --- must-reject corpus

TEST(ReadG, ErrorCorpus) {
    int checked = test::check_error_corpus(test::source_dir() / "tests/errors/g", [](const std::string& p) { read_g(p); });
    EXPECT_GE(checked, 20);
}

// --- mutations

RC_GTEST_PROP(ReadGProperty, MutatedBenchmarksAcceptOrRejectWithLocation, ()) {
    auto dir = test::data_dir() / "benchmarks/stg/workcraft";
    if (!std::filesystem::is_directory(dir)) RC_SUCCEED("shared data folder absent: " + dir.string());
    static const std::vector<std::filesystem::path> files = benchmark_files();
    RC_PRE(!files.empty());
    const auto& file = *rc::gen::elementOf(files);
    std::string text = read_all(file);
    static const std::string structural = ".<>{}/+-=~!#,\n\r\t 0123456789";
    auto byte = rc::gen::oneOf(rc::gen::arbitrary<char>(), rc::gen::element('\0', '\xff'),
                               rc::gen::elementOf(structural));
    int mutations = *rc::gen::inRange(1, 9);
    for (int i = 0; i < mutations; ++i) {
        std::size_t at = *rc::gen::inRange<std::size_t>(0, text.size() + 1);
        switch (*rc::gen::inRange(0, 3)) {
            case 0:
                if (at < text.size()) text[at] = *byte;
                break;
            case 1: text.insert(at, 1, *byte); break;
            default:
                if (at < text.size()) text.erase(at, 1);
        }
    }
    const std::string name = "mutated/" + file.filename().string();
    SourceText src(name, text);
    try {
        PetriNet net = parse_g(src);
        RC_ASSERT(net.is_stg);
    } catch (const SourceError& e) {
        RC_ASSERT(e.where().file == name);
        RC_ASSERT(e.where().line >= 1u);
        RC_ASSERT(e.where().col >= 1u);
        RC_ASSERT(e.where().line <= src.line_count() + 1);
    }
}

}  // namespace
}  // namespace np
