#include "checkers/stubborn_set.hpp"

#include <algorithm>

namespace np {

namespace {

void sorted_unique(std::vector<std::uint32_t>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace

StubbornSets::StubbornSets(const System& sys, const SuccessorGenerator& gen, const std::vector<bool>& one_safe)
    : gen_(gen), dependent_(sys.transitions.size()), writes_one_(sys.slot_count), writes_zero_(sys.slot_count),
      guard_slots_(sys.transitions.size()), mark_(sys.transitions.size(), 0), is_enabled_(sys.transitions.size(), 0) {
    const std::size_t n = sys.transitions.size();
    std::vector<bool> safe_slot(sys.slot_count, false);
    for (std::size_t v = 0; v < one_safe.size() && v < sys.variables.size(); ++v)
        if (one_safe[v] && sys.variables[v].length == 0) safe_slot[sys.variables[v].slot] = true;
    // Generic read and write sets (every transition), and per slot who reads / writes what.
    std::vector<std::vector<std::uint32_t>> reads(n), writes(n), readers(sys.slot_count), writers(sys.slot_count);
    // Literal readers of a slot by the value they need, literal writers by the value they write.
    std::vector<std::vector<std::uint32_t>> need_one(sys.slot_count), need_zero(sys.slot_count);
    auto add_reads = [](std::vector<std::uint32_t>& to, const Expr& e) {
        if (!e) return;
        const std::vector<std::uint32_t> s = slots_read(e);
        to.insert(to.end(), s.begin(), s.end());
    };
    for (std::uint32_t t = 0; t < n; ++t) {
        const Transition& tr = sys.transitions[t];
        add_reads(guard_slots_[t], tr.guard);
        sorted_unique(guard_slots_[t]);
        reads[t] = guard_slots_[t];
        for (const Assignment& a : tr.updates) {
            add_reads(reads[t], a.value);
            add_reads(reads[t], a.index);
            const Variable& v = sys.variables[a.var];
            for (std::uint32_t k = 0; k < v.slots(); ++k)
                if (a.index || k == 0) writes[t].push_back(v.slot + k);
        }
        sorted_unique(reads[t]);
        sorted_unique(writes[t]);
        for (std::uint32_t s : reads[t]) readers[s].push_back(t);
        for (std::uint32_t s : writes[t]) writers[s].push_back(t);
        if (gen.literal(t)) {
            for (auto [s, v] : gen.guard_literals(t)) (v ? need_one : need_zero)[s].push_back(t);
            for (auto [s, v] : gen.literal_writes(t)) (v ? writes_one_ : writes_zero_)[s].push_back(t);
        } else {
            for (std::uint32_t s : writes[t]) {
                writes_one_[s].push_back(t);
                writes_zero_[s].push_back(t);
            }
        }
    }
    for (std::uint32_t t = 0; t < n; ++t) {
        std::vector<std::uint32_t>& d = dependent_[t];
        if (gen.literal(t)) {
            // Literal partners, exactly: who falsifies t's guard, whose guard t falsifies, who
            // writes the other value to a slot t writes.
            for (auto [s, v] : gen.guard_literals(t))
                for (std::uint32_t u : (v ? writes_zero_ : writes_one_)[s]) d.push_back(u);
            for (auto [s, v] : gen.literal_writes(t)) {
                for (std::uint32_t u : (v ? need_zero : need_one)[s]) d.push_back(u);
                if (!safe_slot[s])
                    for (std::uint32_t u : (v ? writes_zero_ : writes_one_)[s]) d.push_back(u);
            }
            // Non-literal partners by read and write sets (already in d through writes_*_ when
            // they write; here those that read what t writes).
            for (std::uint32_t s : writes[t])
                for (std::uint32_t u : readers[s])
                    if (!gen.literal(u)) d.push_back(u);
        } else {
            for (std::uint32_t s : reads[t]) d.insert(d.end(), writers[s].begin(), writers[s].end());
            for (std::uint32_t s : writes[t]) {
                d.insert(d.end(), writers[s].begin(), writers[s].end());
                d.insert(d.end(), readers[s].begin(), readers[s].end());
            }
        }
        sorted_unique(d);
        d.erase(std::remove(d.begin(), d.end(), t), d.end());
    }
}

void StubbornSets::close(std::uint32_t seed, const std::uint64_t* packed, std::size_t enabled_count,
                         std::vector<std::uint32_t>& out) {
    if (++generation_ == 0) {
        std::fill(mark_.begin(), mark_.end(), 0);
        generation_ = 1;
    }
    out.clear();
    work_.clear();
    auto add = [&](std::uint32_t t) {
        if (mark_[t] == generation_) return;
        mark_[t] = generation_;
        work_.push_back(t);
        if (is_enabled_[t]) out.push_back(t);
    };
    add(seed);
    while (!work_.empty() && out.size() < enabled_count) {
        const std::uint32_t t = work_.back();
        work_.pop_back();
        if (is_enabled_[t]) {
            for (std::uint32_t u : dependent_[t]) add(u);
        } else if (gen_.literal(t)) {
            // One false literal's enablers: the literal whose enablers add the fewest to S.
            gen_.false_literals(t, packed, lits_);
            const std::vector<std::uint32_t>* best = nullptr;
            std::size_t best_new = ~std::size_t{0};
            for (std::uint32_t s : lits_) {
                // The literal is false, so it needs the value the slot does not hold.
                bool need = true;
                for (auto [slot, v] : gen_.guard_literals(t))
                    if (slot == s) need = v;
                const std::vector<std::uint32_t>& enablers = need ? writes_one_[s] : writes_zero_[s];
                std::size_t fresh = 0;
                for (std::uint32_t u : enablers) fresh += mark_[u] != generation_;
                if (fresh < best_new) {
                    best_new = fresh;
                    best = &enablers;
                }
                if (fresh == 0) break;
            }
            if (best)
                for (std::uint32_t u : *best) add(u);
        } else {
            for (std::uint32_t s : guard_slots_[t]) {
                for (std::uint32_t u : writes_one_[s]) add(u);
                for (std::uint32_t u : writes_zero_[s]) add(u);
            }
        }
    }
}

void StubbornSets::reduce(const std::uint64_t* packed, std::span<const std::uint64_t>,
                          const std::vector<std::uint32_t>& enabled, std::vector<std::uint32_t>& out) {
    out = enabled;
    if (enabled.size() <= 1) return;
    for (std::uint32_t t : enabled) is_enabled_[t] = 1;
    const std::size_t seeds = enabled.size();
    for (std::size_t k = 0; k < seeds && out.size() > 1; ++k) {
        close(enabled[k * enabled.size() / seeds], packed, out.size(), best_);
        if (best_.size() < out.size()) out.swap(best_);
    }
    for (std::uint32_t t : enabled) is_enabled_[t] = 0;
    std::sort(out.begin(), out.end());
}

}  // namespace np
