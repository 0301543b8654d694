// `neuroproof export` (reports/export_model.hpp): the AIGER is read back by the real readers
// (Yosys, ABC — ABC's pdr finds exactly the explicit engine's verdicts on it), and the Btor2 and
// SMV texts, for which Debian ships no reader, are interpreted here, line by line as their
// formats define, and simulated against the AIG on random input sequences.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <regex>
#include <sstream>

#include "checkers/abc_pdr.hpp"
#include "checkers/explicit_search.hpp"
#include "model/bit_blast.hpp"
#include "proofs/spawn_process.hpp"
#include "reports/export_model.hpp"
#include "spec/load_system.hpp"

namespace np {
namespace {

namespace fs = std::filesystem;

System example(const std::string& name) { return load_system(std::string(NP_SOURCE_DIR) + "/examples/" + name); }

std::string exported(const System& sys, ExportFormat f, const std::vector<std::string>& props = {}) {
    std::ostringstream out;
    export_model(sys, props, f, out);
    return out.str();
}

fs::path scratch(const std::string& name, const std::string& text) {
    const fs::path dir = fs::temp_directory_path() / ("np-export-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / name, std::ios::binary) << text;
    return dir / name;
}

// The reference: the AIG export_model builds, simulated.
struct Reference {
    BitBlaster b;
    std::vector<AigLit> outputs;
    explicit Reference(const System& sys) : b(sys) {
        for (const Property& p : sys.properties) outputs.push_back(b.violates(p));
        outputs.push_back(b.truncation());
    }
};

TEST(ExportModel, AbcDecidesTheAigerExportAsTheExplicitEngine) {
    if (!run_captured({abc_binary(), "-c", "quit"}, 30, {}).exited_with(0)) GTEST_SKIP() << "berkeley-abc is not installed";
    for (const char* name : {"stg/muller_pipeline.g", "stg/muller_pipeline_deadlock.g", "vme/vme.np", "vme/vme_broken.np",
                             "fifo/fifo_broken.np"}) {
        SCOPED_TRACE(name);
        const System sys = example(name);
        std::vector<const Property*> props;
        for (const Property& p : sys.properties) props.push_back(&p);
        const auto ex = check_explicit(sys, props);
        for (std::size_t i = 0; i < props.size(); ++i) {
            const fs::path f = scratch("one.aig", exported(sys, ExportFormat::Aiger, {props[i]->name}));
            const CapturedRun r = run_captured({abc_binary(), "-c", "read_aiger " + f.string() + "; pdr"}, 120, {});
            ASSERT_TRUE(r.exited_with(0)) << r.output;
            if (ex[i].verdict == Verdict::Pass) {
                EXPECT_NE(r.output.find("Property proved"), std::string::npos) << props[i]->name << r.output;
            }
            if (ex[i].verdict == Verdict::Fail) {
                EXPECT_NE(r.output.find("Output 0 of miter"), std::string::npos) << props[i]->name << r.output;
            }
        }
    }
    fs::remove_all(fs::temp_directory_path() / ("np-export-" + std::to_string(::getpid())));
}

TEST(ExportModel, YosysReadsTheAigerBackGateForGate) {
    if (!run_captured({"yosys", "-V"}, 30, {}).exited_with(0)) GTEST_SKIP() << "yosys is not installed";
    const System sys = example("fifo/fifo.np");
    const std::string aig = exported(sys, ExportFormat::Aiger);
    std::istringstream header(aig);
    std::string magic;
    std::uint32_t m, i, l, o, a;
    header >> magic >> m >> i >> l >> o >> a;
    const fs::path f = scratch("fifo.aig", aig);
    const CapturedRun r = run_captured({"yosys", "-p", "read_aiger -clk_name clk " + f.string() + "; stat"}, 120, {});
    ASSERT_TRUE(r.exited_with(0)) << r.output;
    std::smatch match;
    ASSERT_TRUE(std::regex_search(r.output, match, std::regex(R"(\$_AND_\s+(\d+))"))) << r.output;
    EXPECT_EQ(std::stoul(match[1]), a);
    ASSERT_TRUE(std::regex_search(r.output, match, std::regex(R"(\$dff\s+(\d+))"))) << r.output;
    EXPECT_EQ(std::stoul(match[1]), l);
    EXPECT_EQ(i, BitBlaster(sys).selector_width());
    EXPECT_EQ(o, sys.properties.size());
    fs::remove_all(f.parent_path());
}

// Btor2, interpreted: sort/zero/input/state/init/not/and/next/bad.
TEST(ExportModel, Btor2SimulatesAsTheAig) {
    for (const char* name : {"fifo/fifo_broken.np", "stg/muller_pipeline_deadlock.g", "arbiter_tree/arbiter_tree.np"}) {
        SCOPED_TRACE(name);
        const System sys = example(name);
        Reference ref(sys);
        std::istringstream text(exported(sys, ExportFormat::Btor2));
        std::map<std::uint32_t, std::string> op;
        std::map<std::uint32_t, std::vector<std::uint32_t>> args;
        std::vector<std::uint32_t> inputs, states, bads;
        std::map<std::uint32_t, std::uint32_t> next;
        std::uint32_t last = 0;
        for (std::string line; std::getline(text, line);) {
            if (line.empty() || line[0] == ';') continue;
            std::istringstream w(line);
            std::uint32_t id;
            std::string o;
            w >> id >> o;
            EXPECT_GT(id, last) << line;  // ids increase
            last = id;
            op[id] = o;
            std::vector<std::uint32_t> xs;
            std::uint32_t x;
            while (w >> x) xs.push_back(x);
            args[id] = xs;
            if (o == "input") inputs.push_back(id);
            if (o == "state") states.push_back(id);
            if (o == "next") next[xs[1]] = xs[2];
            if (o == "init") {
                EXPECT_EQ(xs[2], 2u);
            }
            if (o == "bad") bads.push_back(xs[0]);
            if (o == "and" || o == "not" || o == "init" || o == "next")
                for (std::size_t k = 1; k < xs.size(); ++k) {
                    EXPECT_LT(xs[k], id) << line;
                }
        }
        ASSERT_EQ(inputs.size(), ref.b.aig().inputs());
        ASSERT_EQ(states.size(), ref.b.aig().latches());
        ASSERT_EQ(bads.size(), sys.properties.size() + (exported(sys, ExportFormat::Aag).find("truncation") != std::string::npos));
        std::mt19937 rng(7);
        std::vector<bool> latch(states.size(), false);
        for (int step = 0; step < 40; ++step) {
            std::vector<bool> in(inputs.size());
            for (std::size_t k = 0; k < in.size(); ++k) in[k] = rng() & 1;
            std::map<std::uint32_t, bool> v;
            v[2] = false;
            for (std::size_t k = 0; k < inputs.size(); ++k) v[inputs[k]] = in[k];
            for (std::size_t k = 0; k < states.size(); ++k) v[states[k]] = latch[k];
            for (const auto& [id, o] : op) {
                if (o == "not") v[id] = !v.at(args[id][1]);
                if (o == "and") v[id] = v.at(args[id][1]) && v.at(args[id][2]);
            }
            const std::vector<bool> sim = ref.b.aig().simulate(in, latch);
            for (std::size_t k = 0; k < bads.size(); ++k) {
                EXPECT_EQ(v.at(bads[k]), Aig::value(sim, ref.outputs[k])) << "step " << step;
            }
            const std::vector<bool> expect = ref.b.aig().next_latches(sim);
            for (std::size_t k = 0; k < states.size(); ++k) latch[k] = v.at(next.at(states[k]));
            ASSERT_EQ(latch, expect) << "step " << step;
        }
    }
}

// SMV, interpreted: IVAR/VAR booleans, DEFINE gates, init FALSE, next, INVARSPEC !(bad).
TEST(ExportModel, SmvSimulatesAsTheAig) {
    const System sys = example("fifo/fifo_broken.np");
    Reference ref(sys);
    const std::string smv = exported(sys, ExportFormat::Smv);
    EXPECT_EQ(smv.rfind("-- neuroproof export of 'fifo_broken'", 0), 0u);
    std::map<std::string, std::pair<std::string, std::string>> defines;
    std::map<std::string, std::string> next;
    std::vector<std::string> specs;
    std::istringstream text(smv);
    const std::regex def(R"(  (v\d+) := (\S+) & (\S+);)"), nxt(R"(  next\((v\d+)\) := (\S+);)"), spec(R"(INVARSPEC NAME \S+ := !\((\S+)\);)");
    std::smatch m;
    for (std::string line; std::getline(text, line);) {
        if (std::regex_match(line, m, def)) defines[m[1]] = {m[2], m[3]};
        if (std::regex_match(line, m, nxt)) next[m[1]] = m[2];
        if (std::regex_match(line, m, spec)) specs.push_back(m[1]);
    }
    std::istringstream aag(exported(sys, ExportFormat::Aag));
    std::string magic;
    std::uint32_t hm, hi, hl, ho, ha;
    aag >> magic >> hm >> hi >> hl >> ho >> ha;
    ASSERT_EQ(defines.size(), ha);  // gate for gate the AIGER's
    ASSERT_EQ(next.size(), ref.b.aig().latches());
    ASSERT_EQ(specs.size(), sys.properties.size());
    std::mt19937 rng(11);
    std::vector<bool> latch(ref.b.aig().latches(), false);
    for (int step = 0; step < 40; ++step) {
        std::vector<bool> in(ref.b.aig().inputs());
        for (std::size_t k = 0; k < in.size(); ++k) in[k] = rng() & 1;
        std::map<std::string, bool> v;
        for (std::size_t k = 0; k < in.size(); ++k) v["v" + std::to_string(1 + k)] = in[k];
        for (std::size_t k = 0; k < latch.size(); ++k) v["v" + std::to_string(1 + in.size() + k)] = latch[k];
        std::function<bool(const std::string&)> value = [&](const std::string& s) -> bool {
            if (s == "TRUE") return true;
            if (s == "FALSE") return false;
            if (s[0] == '!') return !value(s.substr(1));
            if (auto it = v.find(s); it != v.end()) return it->second;
            const auto& [a, b] = defines.at(s);
            return v[s] = value(a) && value(b);
        };
        const std::vector<bool> sim = ref.b.aig().simulate(in, latch);
        for (std::size_t k = 0; k < specs.size(); ++k) {
            EXPECT_EQ(value(specs[k]), Aig::value(sim, ref.outputs[k])) << "step " << step;
        }
        const std::vector<bool> expect = ref.b.aig().next_latches(sim);
        for (std::size_t k = 0; k < latch.size(); ++k) latch[k] = value(next.at("v" + std::to_string(1 + in.size() + k)));
        ASSERT_EQ(latch, expect) << "step " << step;
    }
}

TEST(ExportModel, RefusesWhatIsNotAStatePropertyAndUnknownFormats) {
    const System sys = example("stg/muller_pipeline.g");
    try {
        exported(sys, ExportFormat::Aiger, {"quiescence"});
        FAIL() << "quiescence was exported";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("properties of the state graph"), std::string::npos) << e.what();
    }
    try {
        exported(sys, ExportFormat::Aiger, {"deadlok"});
        FAIL();
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("did you mean 'deadlock'"), std::string::npos) << e.what();
    }
    EXPECT_THROW(export_format("btor"), std::invalid_argument);
    EXPECT_EQ(export_format("smv"), ExportFormat::Smv);
}

}  // namespace
}  // namespace np
