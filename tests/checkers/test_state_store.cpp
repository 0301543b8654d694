// Bit-tight state packing (pack/unpack round-trip and in-place slot updates, for slots that
// straddle 64-bit words), the compact table and the tree-compressed state store.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <map>

#include "checkers/compact_table.hpp"
#include "checkers/state_store.hpp"
#include "checkers/tree_store.hpp"
#include "generators/gen_expr.hpp"

namespace np {
namespace {

RC_GTEST_PROP(StatePackerProperty, PackUnpackAndSet, ()) {
    const System sys = *gen::small_system();
    StatePacker packer(sys);
    State s = *gen::state(sys);
    std::vector<std::uint64_t> packed(packer.words());
    packer.pack(s, packed.data());
    State back(sys.slot_count);
    packer.unpack(packed.data(), back);
    RC_ASSERT(back == s);
    // Overwrite a few slots in place; the others must be untouched.
    const State other = *gen::state(sys);
    const auto updates = *rc::gen::container<std::vector<std::uint32_t>>(
        rc::gen::inRange<std::uint32_t>(0, sys.slot_count));
    for (std::uint32_t slot : updates) {
        packer.set(packed.data(), slot, other[slot]);
        s[slot] = other[slot];
    }
    packer.unpack(packed.data(), back);
    RC_ASSERT(back == s);
}

TEST(CompactTable, DistinctKeysOnceInInsertionOrder) {
    CompactTable table;
    for (std::uint64_t i = 0; i < 300000; ++i) {
        auto [id, fresh] = table.insert((i % 200000) * 0x9E3779B97F4A7C15ull);
        EXPECT_EQ(fresh, i < 200000);
        ASSERT_EQ(id, i % 200000);
    }
    EXPECT_EQ(table.size(), 200000u);
    EXPECT_EQ(table.key(1234), 1234 * 0x9E3779B97F4A7C15ull);
}

// Tree compression against a map: random states of every width, each inserted from a random
// base (incremental insertion re-interns only the changed nodes), get the same id as an equal
// state inserted before, fresh ids in insertion order otherwise, and decode back to themselves.
RC_GTEST_PROP(TreeStoreProperty, IdsAgreeWithAMapAndStatesDecode, ()) {
    const auto bits = *rc::gen::inRange<std::uint32_t>(1, 300);
    const std::uint32_t words = (bits + 63) / 64;
    TreeStore store(bits);
    RC_ASSERT(store.words() == words);
    // Few distinct values per word, so that equal states and shared subtrees are frequent.
    auto gen_state = rc::gen::container<std::vector<std::uint64_t>>(words, rc::gen::elementOf(std::vector<std::uint64_t>{
        0, 1, 0xFFFFFFFFull, 0x100000000ull, 0xDEADBEEF12345678ull}));
    std::map<std::vector<std::uint64_t>, std::uint64_t> ids;
    std::vector<std::uint64_t> base(words), back(words);
    const auto n = *rc::gen::inRange(1, 60);
    for (int k = 0; k < n; ++k) {
        std::vector<std::uint64_t> s = *gen_state;
        if (bits % 64) s.back() &= (std::uint64_t{1} << (bits % 64)) - 1;
        if (!ids.empty() && *rc::gen::arbitrary<bool>()) {
            const auto pick = *rc::gen::inRange<std::uint64_t>(0, ids.size());
            store.set_base(pick, base.data());
        }
        auto [id, fresh] = store.insert(s.data());
        auto it = ids.find(s);
        if (it == ids.end()) {
            RC_ASSERT(fresh);
            RC_ASSERT(id == ids.size());
            ids.emplace(s, id);
        } else {
            RC_ASSERT(!fresh);
            RC_ASSERT(id == it->second);
        }
    }
    for (const auto& [s, id] : ids) {
        store.get(id, back.data());
        RC_ASSERT(back == s);
    }
}

}  // namespace
}  // namespace np
