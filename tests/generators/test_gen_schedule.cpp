// The schedule generator (generators/gen_schedule.hpp) does not collapse at small sizes: at
// every size its policies take every weight of every kind, starve every kind, race inputs, and
// draw distinct seeds; every policy shrinks to the canonical schedule.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <array>
#include <set>

#include "generators/gen_events.hpp"
#include "generators/gen_schedule.hpp"

namespace np {
namespace {

TEST(SchedulePolicy, EveryFamilyAndWeightAtEverySize) {
    for (int size : {0, 1, 4, 20, rc::kNominalSize}) {
        std::array<std::set<std::uint8_t>, kMoveKinds> weights;
        std::set<std::size_t> starved;
        std::set<std::uint64_t> seeds;
        std::set<bool> within;
        std::size_t canonical = 0, racing = 0;
        rc::Random random(static_cast<std::uint64_t>(size) + 1);
        const int n = 2000;
        for (int k = 0; k < n; ++k) {
            const SchedulePolicy p = gen::schedule_policy()(random.split(), size).value();
            std::size_t zeros = 0, zero = 0;
            for (std::size_t i = 0; i < kMoveKinds; ++i) {
                weights[i].insert(p.weight[i]);
                if (p.weight[i] == 0) ++zeros, zero = i;
            }
            if (zeros == kMoveKinds) ++canonical;
            if (zeros == 1 && p.weight[(zero + 2) % kMoveKinds] == 8 && p.weight[(zero + 3) % kMoveKinds] == 8)
                starved.insert(zero);  // the extreme family's shape
            if (p.weight[1] == 8 && p.weight[2] == 0 && p.weight[3] == 15) ++racing;
            seeds.insert(p.seed);
            within.insert(p.random_within);
        }
        for (std::size_t i = 0; i < kMoveKinds; ++i) EXPECT_EQ(weights[i].size(), 16u) << "size " << size << ", kind " << i;
        EXPECT_EQ(starved.size(), kMoveKinds) << "size " << size;
        EXPECT_EQ(within.size(), 2u) << "size " << size;
        EXPECT_GE(seeds.size(), std::size_t{n} - 10) << "size " << size;
        // Canonical one in ten, racing two in ten.
        EXPECT_GT(canonical, std::size_t{n} / 20) << "size " << size;
        EXPECT_LT(canonical, std::size_t{n} / 5) << "size " << size;
        EXPECT_GT(racing, std::size_t{n} / 10) << "size " << size;
    }
}

// Taking the first shrink while there is one ends at the canonical schedule (seed 0, in order).
RC_GTEST_PROP(SchedulePolicy, ShrinksToTheCanonicalSchedule, ()) {
    rc::Random random(*rc::gen::arbitrary<std::uint64_t>());
    rc::Shrinkable<SchedulePolicy> s = gen::schedule_policy()(random, *gen::uniform_in_range(0, rc::kNominalSize + 1));
    for (int steps = 0; steps < 100; ++steps) {
        auto next = s.shrinks().next();
        if (!next) break;
        s = std::move(*next);
    }
    RC_ASSERT(s.value() == SchedulePolicy{});
}

}  // namespace
}  // namespace np
