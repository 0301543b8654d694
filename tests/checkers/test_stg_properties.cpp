// Workcraft's STG properties: CSC verdicts equal verdicts.csv on all 26 Workcraft STGs, every
// combined_check OK row passes output persistency; hand-made persistency and CSC cases.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "checkers/check_stg.hpp"
#include "spec/load_system.hpp"
#include "spec/read_g.hpp"
#include "spec/source_text.hpp"
#include "model/compile_net.hpp"
#include "tests/support/workcraft_verdicts.hpp"

namespace np {
namespace {

System from_text(const std::string& text) { return compile_net(parse_g(SourceText("inline.g", text))); }

TEST(StgProperties, WorkcraftVerdicts) {
    if (!test::have_data()) GTEST_SKIP() << "shared data folder absent: " << test::workcraft_dir();
    int rows = 0, csc_checked = 0, persistency_checked = 0;
    for (const test::WorkcraftRow& row : test::workcraft_verdicts()) {
        const std::string &name = row.name, &combined = row.combined, &csc = row.csc;
        SCOPED_TRACE(name);
        ++rows;
        System sys = load_system(row.file.string());
        StateGraph g = build_state_graph(sys);
        ASSERT_TRUE(g.complete) << g.incomplete_reason;
        if (csc != "none") {
            CscReport c = check_csc(g);
            EXPECT_EQ(verdict_name(c.result.verdict), std::string(csc == "OK" ? "PASS" : "FAIL")) << c.result.message;
            if (c.result.verdict == Verdict::Fail) {
                ASSERT_TRUE(c.other);
                EXPECT_NE(c.result.trace->final_state(), c.other->final_state());
            }
            ++csc_checked;
        }
        if (combined == "OK") {
            PropertyResult p = check_output_persistency(g);
            EXPECT_EQ(p.verdict, Verdict::Pass) << p.message;
            ++persistency_checked;
        }
    }
    EXPECT_EQ(rows, 26);
    EXPECT_EQ(csc_checked, 23);
    EXPECT_EQ(persistency_checked, 23);
}

TEST(StgProperties, OutputDisabledByAnInputIsNotPersistent) {
    // The environment may withdraw its request (r-) while the circuit's a+ is already enabled.
    System sys = from_text(R"(.inputs r
.outputs a
.graph
p0 r+
r+ p1
p1 a+ r-
a+ a-
a- p0
r- p0
.marking { p0 }
.end
)");
    PropertyResult p = check_output_persistency(build_state_graph(sys));
    ASSERT_EQ(p.verdict, Verdict::Fail) << p.message;
    EXPECT_NE(p.message.find("firing r- disables a+"), std::string::npos) << p.message;
    EXPECT_EQ(p.trace->steps.size(), 2u);
}

TEST(StgProperties, MutexGrantsMayWithdrawEachOther) {
    // Two requests race for one resource: grants g1+ and g2+ disable each other through the
    // shared place; declared as a mutex pair they are exempt.
    System sys = from_text(R"(.inputs r1 r2
.outputs g1 g2
.graph
r1+ g1+
r2+ g2+
free g1+ g2+
g1+ r1-
r1- g1-
g1- r1+ free
g2+ r2-
r2- g2-
g2- r2+ free
.marking { <g1-,r1+> <g2-,r2+> free }
.end
)");
    StateGraph g = build_state_graph(sys);
    PropertyResult plain = check_output_persistency(g);
    ASSERT_EQ(plain.verdict, Verdict::Fail) << plain.message;
    PersistencyOptions o;
    o.mutex.push_back({*sys.find_variable("g1"), *sys.find_variable("g2")});
    EXPECT_EQ(check_output_persistency(g, o).verdict, Verdict::Pass);
}

TEST(StgProperties, CscConflictShowsBothTraces) {
    // Two handshakes in sequence on the same wires: after the first the code is 00 again, but
    // the circuit must now raise b instead of a.
    System sys = from_text(R"(.inputs r
.outputs a b
.graph
r+ a+
a+ r-
r- a-
a- r+/1
r+/1 b+
b+ r-/1
r-/1 b-
b- r+
.marking { <b-,r+> }
.end
)");
    CscReport c = check_csc(build_state_graph(sys));
    ASSERT_EQ(c.result.verdict, Verdict::Fail) << c.result.message;
    ASSERT_TRUE(c.other);
    EXPECT_NE(c.result.message.find("CSC conflict"), std::string::npos);
}

}  // namespace
}  // namespace np
