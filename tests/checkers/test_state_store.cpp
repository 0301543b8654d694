// Bit-tight state packing: pack/unpack round-trip and in-place slot updates, for slots that
// straddle 64-bit words.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "checkers/state_store.hpp"
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

TEST(StateStore, DistinctStatesOnceInInsertionOrder) {
    StateStore store(2);
    for (std::uint64_t i = 0; i < 5000; ++i) {
        std::uint64_t st[2] = {i % 3000, ~i % 3000};
        auto [id, fresh] = store.insert(st);
        EXPECT_EQ(fresh, i < 3000);
        EXPECT_EQ(id, i % 3000);
    }
    EXPECT_EQ(store.size(), 3000u);
    EXPECT_EQ(store.get(1234)[0], 1234u);
}

}  // namespace
}  // namespace np
