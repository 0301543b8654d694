#include "model/aig.hpp"

#include <stdexcept>

namespace np {

AigLit Aig::add_input(std::string name) {
    if (!gates_.empty() || !latch_names_.empty()) throw std::logic_error("Aig: inputs come before latches and gates");
    input_names_.push_back(std::move(name));
    return 2 * inputs();
}

AigLit Aig::add_latch(std::string name) {
    if (!gates_.empty()) throw std::logic_error("Aig: latches come before gates");
    latch_names_.push_back(std::move(name));
    next_.push_back(kAigFalse);
    return 2 * (inputs() + latches());
}

void Aig::set_next(AigLit latch, AigLit next) {
    const std::uint32_t i = (latch >> 1) - inputs() - 1;
    if ((latch & 1) || i >= latches()) throw std::logic_error("Aig::set_next: not a latch");
    next_[i] = next;
}

void Aig::add_output(AigLit lit, std::string name) { outputs_.emplace_back(lit, std::move(name)); }

AigLit Aig::land(AigLit a, AigLit b) {
    if (a < b) std::swap(a, b);
    if (b == kAigFalse || a == aig_not(b)) return kAigFalse;
    if (b == kAigTrue || a == b) return a;
    auto [it, fresh] = hash_.try_emplace({a, b}, 0);
    if (fresh) {
        gates_.emplace_back(a, b);
        it->second = 2 * max_var();
    }
    return it->second;
}

AigLit Aig::lxor(AigLit a, AigLit b) { return lor(land(a, aig_not(b)), land(aig_not(a), b)); }

AigLit Aig::lite(AigLit c, AigLit t, AigLit e) {
    if (c == kAigTrue || t == e) return t;
    if (c == kAigFalse) return e;
    return lor(land(c, t), land(aig_not(c), e));
}

std::vector<bool> Aig::simulate(const std::vector<bool>& in, const std::vector<bool>& latch) const {
    std::vector<bool> v(max_var() + 1, false);
    for (std::uint32_t i = 0; i < inputs(); ++i) v[1 + i] = in.at(i);
    for (std::uint32_t i = 0; i < latches(); ++i) v[1 + inputs() + i] = latch.at(i);
    const std::uint32_t first = 1 + inputs() + latches();
    for (std::uint32_t g = 0; g < gates(); ++g) v[first + g] = value(v, gates_[g].first) && value(v, gates_[g].second);
    return v;
}

std::vector<bool> Aig::next_latches(const std::vector<bool>& values) const {
    std::vector<bool> n;
    for (AigLit l : next_) n.push_back(value(values, l));
    return n;
}

Aig Aig::swept() const {
    const std::uint32_t first = 1 + inputs() + latches();
    std::vector<bool> used(max_var() + 1, false);
    auto mark = [&](AigLit l) { used[l >> 1] = true; };
    for (AigLit n : next_) mark(n);
    for (const auto& o : outputs_) mark(o.first);
    for (std::uint32_t g = gates(); g-- > 0;)
        if (used[first + g]) {
            mark(gates_[g].first);
            mark(gates_[g].second);
        }
    Aig r;
    r.input_names_ = input_names_;
    r.latch_names_ = latch_names_;
    std::vector<AigLit> map(max_var() + 1, 0);
    for (std::uint32_t v = 0; v < first; ++v) map[v] = 2 * v;
    auto lit = [&](AigLit l) { return map[l >> 1] ^ (l & 1); };
    for (std::uint32_t g = 0; g < gates(); ++g)
        if (used[first + g]) map[first + g] = r.land(lit(gates_[g].first), lit(gates_[g].second));
    for (AigLit n : next_) r.next_.push_back(lit(n));
    for (const auto& o : outputs_) r.outputs_.emplace_back(lit(o.first), o.second);
    return r;
}

namespace {

void put_delta(std::ostream& out, std::uint32_t x) {
    while (x & ~0x7fu) {
        out.put(static_cast<char>((x & 0x7f) | 0x80));
        x >>= 7;
    }
    out.put(static_cast<char>(x));
}

}  // namespace

void Aig::write_binary(std::ostream& out, const std::string& comments) const {
    out << "aig " << max_var() << " " << inputs() << " " << latches() << " " << outputs_.size() << " " << gates() << "\n";
    for (AigLit n : next_) out << n << "\n";
    for (const auto& o : outputs_) out << o.first << "\n";
    const std::uint32_t first = 1 + inputs() + latches();
    for (std::uint32_t g = 0; g < gates(); ++g) {
        const AigLit lhs = 2 * (first + g);
        put_delta(out, lhs - gates_[g].first);
        put_delta(out, gates_[g].first - gates_[g].second);
    }
    for (std::uint32_t i = 0; i < inputs(); ++i) out << "i" << i << " " << input_names_[i] << "\n";
    for (std::uint32_t i = 0; i < latches(); ++i) out << "l" << i << " " << latch_names_[i] << "\n";
    for (std::size_t i = 0; i < outputs_.size(); ++i) out << "o" << i << " " << outputs_[i].second << "\n";
    if (!comments.empty()) out << "c\n" << comments;
}

void Aig::write_ascii(std::ostream& out, const std::string& comments) const {
    out << "aag " << max_var() << " " << inputs() << " " << latches() << " " << outputs_.size() << " " << gates() << "\n";
    for (std::uint32_t i = 0; i < inputs(); ++i) out << 2 * (1 + i) << "\n";
    for (std::uint32_t i = 0; i < latches(); ++i) out << latch_lit(i) << " " << next_[i] << "\n";
    for (const auto& o : outputs_) out << o.first << "\n";
    const std::uint32_t first = 1 + inputs() + latches();
    for (std::uint32_t g = 0; g < gates(); ++g) out << 2 * (first + g) << " " << gates_[g].first << " " << gates_[g].second << "\n";
    for (std::uint32_t i = 0; i < inputs(); ++i) out << "i" << i << " " << input_names_[i] << "\n";
    for (std::uint32_t i = 0; i < latches(); ++i) out << "l" << i << " " << latch_names_[i] << "\n";
    for (std::size_t i = 0; i < outputs_.size(); ++i) out << "o" << i << " " << outputs_[i].second << "\n";
    if (!comments.empty()) out << "c\n" << comments;
}

}  // namespace np
