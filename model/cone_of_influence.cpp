#include "model/cone_of_influence.hpp"

namespace np {

void mark_reads(const Expr& e, std::vector<bool>& slots) {
    if (!e) return;
    if (e->op == Op::Var) slots[e->slot] = true;
    if (e->op == Op::Read)
        for (std::uint32_t k = 0; k < e->length; ++k) slots[e->slot + k] = true;
    for (const Expr& a : e->args) mark_reads(a, slots);
}

namespace {

// Marks in `reads` the values and indices of t's assignments that may write a slot of `cone` (an
// indexed write may write every element); whether there is one.
bool mark_writes_into(const System& sys, const Transition& t, const std::vector<bool>& cone, std::vector<bool>& reads) {
    bool writes = false;
    for (const Assignment& a : t.updates) {
        const Variable& v = sys.variables[a.var];
        bool hits = false;
        for (std::uint32_t k = 0; k < (a.index ? v.slots() : 1) && !hits; ++k) hits = cone[v.slot + k];
        if (!hits) continue;
        writes = true;
        mark_reads(a.value, reads);
        mark_reads(a.index, reads);
    }
    return writes;
}

}  // namespace

std::vector<bool> cone_of_influence(const System& sys, const Property& p) {
    std::vector<bool> cone(sys.slot_count, false);
    auto clause_reads = [&](const Clause& c) {
        mark_reads(c.bad, cone);
        if (c.transition >= 0) mark_reads(sys.transitions[c.transition].guard, cone);
    };
    for (const Clause& c : p.clauses) clause_reads(c);
    for (const Property& q : sys.properties)
        if (q.blocking)
            for (const Clause& c : q.clauses) clause_reads(c);
    if (p.kind == PropertyKind::Deadlock)
        for (const Transition& t : sys.transitions) mark_reads(t.guard, cone);

    // Close under "a transition writing a cone slot": its guard and what its writes read.
    std::vector<bool> done(sys.transitions.size(), false);
    for (bool grew = true; grew;) {
        grew = false;
        for (std::size_t ti = 0; ti < sys.transitions.size(); ++ti) {
            const Transition& t = sys.transitions[ti];
            std::vector<bool> before = cone;
            const bool writes_cone = mark_writes_into(sys, t, before, cone);
            if (writes_cone && !done[ti]) {
                done[ti] = true;
                mark_reads(t.guard, cone);
            }
            if (cone != before) grew = true;
        }
    }
    return cone;
}

std::vector<bool> cone_of_influence(const System& sys, const std::vector<const Property*>& props) {
    std::vector<bool> cone(sys.slot_count, false);
    for (const Property* p : props) {
        const std::vector<bool> c = cone_of_influence(sys, *p);
        for (std::uint32_t i = 0; i < sys.slot_count; ++i) cone[i] = cone[i] || c[i];
    }
    return cone;
}

bool is_closed_cone(const System& sys, const Property& p, const std::vector<bool>& slots) {
    if (slots.size() != sys.slot_count) return false;
    const std::vector<bool> own = cone_of_influence(sys, p);
    for (std::uint32_t i = 0; i < sys.slot_count; ++i)
        if (own[i] && !slots[i]) return false;
    std::vector<bool> reads = slots;
    for (const Transition& t : sys.transitions)
        if (mark_writes_into(sys, t, slots, reads)) mark_reads(t.guard, reads);
    return reads == slots;
}

}  // namespace np
