#include "checkers/abc_pdr.hpp"

#include <stdlib.h>

#include <cerrno>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "checkers/emit_certificate.hpp"
#include "checkers/unrolling.hpp"
#include "model/bit_blast.hpp"
#include "model/eval.hpp"
#include "proofs/spawn_process.hpp"

namespace np {

namespace fs = std::filesystem;

std::string abc_binary() {
    const char* env = std::getenv("NEUROPROOF_ABC");
    return env && *env ? env : "berkeley-abc";
}

bool abc_available() {
    static const bool available = run_captured({abc_binary(), "-c", "quit"}, 30, {}).exited_with(0);
    return available;
}

namespace {

// A scratch folder removed when it goes out of scope.
struct ScratchDir {
    fs::path path;
    ScratchDir() {
        std::string tmpl = (fs::temp_directory_path() / "neuroproof-abc-XXXXXX").string();
        if (!mkdtemp(tmpl.data())) throw std::runtime_error("cannot create a scratch folder in " + fs::temp_directory_path().string());
        path = tmpl;
    }
    ~ScratchDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

struct AbcAnswer {
    enum class Kind { Proved, Asserted, Unknown } kind = Kind::Unknown;
    std::string why;                   // Unknown: ABC's words
    std::string invariant_pla;         // Proved: inv.pla
    std::vector<std::vector<bool>> frames;  // Asserted: the inputs of every frame
};

// Runs pdr on `aig` with one output; stops at the deadline or the cancellation.
AbcAnswer run_pdr(const Aig& aig, const Deadline& deadline, bool want_invariant) {
    AbcAnswer a;
    ScratchDir dir;
    const fs::path model = dir.path / "model.aig", inv = dir.path / "inv.pla", cex = dir.path / "cex.txt";
    {
        std::ofstream out(model, std::ios::binary);
        aig.write_binary(out);
        if (!out) throw std::runtime_error("cannot write " + model.string());
    }
    const unsigned ms = deadline.remaining_ms();
    std::string pdr = "pdr";
    if (want_invariant) pdr += " -d -I " + inv.string();
    if (ms) pdr += " -T " + std::to_string(std::max(1L, static_cast<long>(std::ceil(ms / 1000.0))));
    const std::string script = "read_aiger " + model.string() + "; " + pdr + "; write_cex -a " + cex.string();
    const double hard = ms ? ms / 1000.0 + 5 : 1e9;
    CapturedRun run = run_captured({abc_binary(), "-c", script}, hard, [&] { return deadline.cancelled() || deadline.expired(); });
    if (run.spawn_error == ENOENT) {
        a.why = abc_binary() + " is not installed (Debian: apt-get install berkeley-abc)";
        return a;
    }
    if (run.spawn_error != 0) {
        a.why = "cannot start " + abc_binary() + ": " + std::to_string(run.spawn_error);
        return a;
    }
    if (run.interrupted || run.killed || deadline.expired()) {
        a.why = deadline.why_stopped();
        return a;
    }
    const std::string& out = run.output;
    if (out.find("Property proved") != std::string::npos) {
        a.kind = AbcAnswer::Kind::Proved;
        if (want_invariant) a.invariant_pla = read_text(inv);
        return a;
    }
    if (out.find("was asserted in frame") != std::string::npos) {
        // write_cex -a: a line of initial latch values, then one line of input values per frame.
        std::istringstream text(read_text(cex));
        std::string line;
        bool first = true;
        while (std::getline(text, line)) {
            if (line.empty() || line[0] == '#' || line[0] == '.') break;
            if (first) {
                first = false;
                continue;
            }
            std::vector<bool> bits;
            for (char c : line)
                if (c == '0' || c == '1') bits.push_back(c == '1');
            a.frames.push_back(std::move(bits));
        }
        a.kind = AbcAnswer::Kind::Asserted;
        return a;
    }
    std::string said = out.substr(0, 400);
    while (!said.empty() && (said.back() == '\n' || said.back() == ' ')) said.pop_back();
    a.why = ms && run.seconds * 1000 >= ms * 0.9 ? deadline.why_stopped() : "ABC gave no answer: " + said;
    return a;
}

// ABC's invariant (pla rows: cubes over the named latches, each blocked) over tr's bare state.
z3::expr invariant_of(const TransitionRelation& tr, const BitBlaster& b, const std::string& pla) {
    z3::context& ctx = tr.ctx();
    const ExprEncoder s = tr.state("");
    std::map<std::string, std::uint32_t> latch;
    for (std::uint32_t i = 0; i < b.aig().latches(); ++i) latch[b.aig().latch_name(i)] = i;
    auto bit = [&](std::uint32_t i) {
        const BitBlaster::LatchBit& lb = b.latch_bits()[i];
        const z3::expr slot = s.slot(lb.slot);
        z3::expr v = slot.is_bool() ? slot : slot.extract(lb.bit, lb.bit) == ctx.bv_val(1, 1);
        return lb.inverted ? !v : v;  // the latch's value
    };
    std::vector<std::uint32_t> columns;
    z3::expr_vector clauses(ctx);
    std::istringstream text(pla);
    for (std::string line; std::getline(text, line);) {
        if (line.empty() || line[0] == '#') continue;
        if (line.rfind(".ilb", 0) == 0) {
            std::istringstream names(line.substr(4));
            for (std::string n; names >> n;) {
                auto it = latch.find(n);
                if (it == latch.end()) throw std::runtime_error("ABC's invariant names an unknown latch '" + n + "'");
                columns.push_back(it->second);
            }
            continue;
        }
        if (line[0] == '.') continue;
        const std::string cube = line.substr(0, line.find(' '));
        if (cube.size() != columns.size()) throw std::runtime_error("ABC's invariant has a row of the wrong width: " + line);
        z3::expr_vector lits(ctx);
        for (std::size_t k = 0; k < cube.size(); ++k) {
            if (cube[k] == '1') lits.push_back(bit(columns[k]));
            else if (cube[k] == '0') lits.push_back(!bit(columns[k]));
        }
        clauses.push_back(lits.empty() ? ctx.bool_val(false) : !z3::mk_and(lits));
    }
    return clauses.empty() ? ctx.bool_val(true) : z3::mk_and(clauses);  // Z3 prints an empty (and) as a bare `and`
}

// The run of the model that ABC's frames select; the frame count includes the last state's.
Trace run_of(const System& sys, const BitBlaster& b, const std::vector<std::vector<bool>>& frames, bool include_inputs) {
    Trace t;
    t.initial = sys.initial_state();
    State s = t.initial;
    const std::uint32_t n = static_cast<std::uint32_t>(sys.transitions.size());
    for (std::size_t f = 0; f + 1 < frames.size(); ++f) {
        std::vector<bool> sel(frames[f].begin(), frames[f].begin() + std::min<std::size_t>(frames[f].size(), b.selector_width()));
        const std::uint32_t u = b.transition_of(sel);
        if (u >= n || !enabled(sys.transitions[u], s) || (!include_inputs && !is_local(sys.transitions[u].kind))) continue;
        bool blocked = false;
        for (const Property& p : sys.properties)
            if (p.blocking)
                for (const Clause& c : p.clauses)
                    if (c.transition == static_cast<std::int32_t>(u) && holds(c.bad, s)) blocked = true;
        if (blocked) continue;
        s = fire(sys, sys.transitions[u], s);
        t.steps.push_back({u, s});
    }
    return t;
}

}  // namespace

std::vector<PropertyResult> check_abc_pdr(const System& sys, const std::vector<const Property*>& props, const SymbolicOptions& options) {
    Deadline deadline(options);
    z3::context ctx;
    InterruptOnCancel attach(options.cancel, ctx);
    TransitionRelation tr(ctx, sys, options.include_inputs);
    // One bit-blasting for every property; each query is a copy of the graph with its one output.
    BitBlaster b(sys, options.include_inputs);
    auto query = [&](AigLit output, const std::string& name) {
        Aig one = b.aig();
        one.add_output(output, name);
        return one.swept();
    };
    std::vector<PropertyResult> results;
    for (std::size_t i = 0; i < props.size(); ++i) {
        const Property& p = *props[i];
        PropertyResult r = undecided_result(p, "abc-pdr");
        if (options.still_open && !options.still_open(p)) {
            r.message = "decided by another engine";
            results.push_back(std::move(r));
            continue;
        }
        const bool certify = options.certificates != SymbolicOptions::Certificates::None;
        AbcAnswer a = run_pdr(query(b.obligation(p), p.name), deadline, certify);
        if (a.kind == AbcAnswer::Kind::Proved) {
            if (!certify) {
                r.message = "ABC's pdr proved it; with certificates off the proof is not checked, so no PASS";
            } else {
                r.verdict = Verdict::Pass;
                r.message = proved_words(p) +
                            " (ABC pdr: inductive invariant found, " + std::to_string(b.aig().latches()) + " latches)";
                const z3::expr inv = invariant_of(tr, b, a.invariant_pla) && !tr.obligation(p, tr.state(""));
                Certificate cert = make_certificate(tr, p, "pdr", 1, inv);
                cert.found_by = "berkeley-abc";
                attach_certificate(r, std::move(cert), options);
            }
        } else if (a.kind == AbcAnswer::Kind::Asserted) {
            Trace t = run_of(sys, b, a.frames, options.include_inputs);
            const State& last = t.steps.empty() ? t.initial : t.steps.back().state;
            const AigLit bad = b.violates(p);
            if (Aig::value(b.aig().simulate(std::vector<bool>(b.selector_width(), false), b.latches_of(last)), bad)) {
                r = counterexample_result(sys, p, std::move(t), "abc-pdr");
            } else {
                // Only a blocked firing is reachable there: ask about the violation alone.
                AbcAnswer again = run_pdr(query(bad, p.name), deadline, false);
                if (again.kind == AbcAnswer::Kind::Asserted) {
                    r = counterexample_result(sys, p, run_of(sys, b, again.frames, options.include_inputs), "abc-pdr");
                } else {
                    r.message = "a firing that a blocking property forbids is reachable: no proof is possible (behaviour past "
                                "such firings is not part of the model)" +
                                (again.kind == AbcAnswer::Kind::Unknown ? "; the violation alone: " + again.why
                                                                        : std::string("; no violation is reachable before one"));
                }
            }
        } else {
            r.message = "no conclusion: " + a.why;
        }
        r.seconds = deadline.elapsed();
        if (options.decided && r.verdict != Verdict::Unknown) options.decided(i, r);
        results.push_back(std::move(r));
    }
    return results;
}

}  // namespace np
