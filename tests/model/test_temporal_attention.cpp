#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <stdexcept>

#include "model/temporal_attention.hpp"

namespace np {
namespace {

std::vector<DvsEvent> at_times(std::initializer_list<std::int64_t> ts) {
    std::vector<DvsEvent> v;
    std::uint16_t k = 0;
    for (std::int64_t t : ts) v.push_back({t, k++, 0, true});
    return v;
}

TEST(TemporalAttention, KeepsTheBusiestSlices) {
    // Slices of 10 us from t0 = 100: [100,110) 2 events, [110,120) 0, [120,130) 3, [130,140) 1.
    auto ev = at_times({100, 105, 121, 122, 129, 130});
    AttentionResult r = apply_temporal_attention(ev, {10, 2, 0, SliceScore::Events});
    ASSERT_EQ(r.slices.size(), 4u);
    EXPECT_EQ(r.slices[2].events, 3u);
    EXPECT_TRUE(r.slices[0].kept);
    EXPECT_FALSE(r.slices[1].kept);
    EXPECT_TRUE(r.slices[2].kept);
    EXPECT_FALSE(r.slices[3].kept);
    std::vector<std::int64_t> kept;
    for (const DvsEvent& e : r.kept) kept.push_back(e.t);
    EXPECT_EQ(kept, (std::vector<std::int64_t>{100, 105, 121, 122, 129}));
}

TEST(TemporalAttention, GroupsAndTies) {
    // Groups of 2 slices, top 1 each: slices 0,1 tie at 1 event -> the earlier; slices 2,3 -> 3.
    auto ev = at_times({0, 10, 25, 30, 31});
    AttentionResult r = apply_temporal_attention(ev, {10, 1, 2, SliceScore::Events});
    ASSERT_EQ(r.slices.size(), 4u);
    EXPECT_TRUE(r.slices[0].kept);
    EXPECT_FALSE(r.slices[1].kept);
    EXPECT_FALSE(r.slices[2].kept);
    EXPECT_TRUE(r.slices[3].kept);
    EXPECT_EQ(r.kept.size(), 3u);
}

TEST(TemporalAttention, ActivePixelScore) {
    // Slice 0: 3 events on one pixel; slice 1: 2 events on two pixels. Pixels prefer slice 1.
    std::vector<DvsEvent> ev = {{0, 1, 1, true}, {1, 1, 1, false}, {2, 1, 1, true}, {10, 1, 1, true}, {11, 2, 1, true}};
    EXPECT_EQ(apply_temporal_attention(ev, {10, 1, 0, SliceScore::Events}).kept.size(), 3u);
    AttentionResult r = apply_temporal_attention(ev, {10, 1, 0, SliceScore::ActivePixels});
    EXPECT_EQ(r.kept.size(), 2u);
    EXPECT_EQ(r.slices[1].score, 2u);
}

TEST(TemporalAttention, RejectsImpossibleParameters) {
    EXPECT_THROW(apply_temporal_attention(at_times({1}), {0, 1, 0, SliceScore::Events}), std::invalid_argument);
    EXPECT_THROW(apply_temporal_attention(at_times({1}), {10, 0, 0, SliceScore::Events}), std::invalid_argument);
    EXPECT_TRUE(apply_temporal_attention({}, {10, 1, 0, SliceScore::Events}).kept.empty());
}

RC_GTEST_PROP(TemporalAttentionProperty, KeepsWholeSlicesInOrder, ()) {
    auto times = *rc::gen::container<std::vector<std::int64_t>>(rc::gen::inRange<std::int64_t>(0, 1000));
    std::vector<DvsEvent> ev;
    for (std::int64_t t : times) ev.push_back({t, static_cast<std::uint16_t>(t % 7), 0, true});
    AttentionOptions o{*rc::gen::inRange<std::int64_t>(1, 200), *rc::gen::inRange<std::uint32_t>(1, 5),
                       *rc::gen::inRange<std::uint32_t>(0, 6), *rc::gen::element(SliceScore::Events, SliceScore::ActivePixels)};
    AttentionResult r = apply_temporal_attention(ev, o);
    // Every kept event's slice is kept and every event of a kept slice is kept, in input order.
    std::uint64_t in_kept = 0, slices_kept = 0;
    for (const SliceInfo& s : r.slices) {
        if (s.kept) in_kept += s.events, ++slices_kept;
    }
    RC_ASSERT(r.kept.size() == in_kept);
    std::size_t j = 0;
    for (const DvsEvent& e : ev)
        if (j < r.kept.size() && r.kept[j] == e) ++j;
    RC_ASSERT(j == r.kept.size());
    // At most top_k per group.
    std::size_t group = o.group == 0 ? r.slices.size() : o.group;
    for (std::size_t g = 0; g < r.slices.size(); g += group) {
        std::uint32_t k = 0;
        for (std::size_t i = g; i < std::min(r.slices.size(), g + group); ++i) k += r.slices[i].kept;
        RC_ASSERT(k <= o.top_k);
    }
    // Nothing lost when top_k covers every slice of a group.
    if (o.top_k >= group) RC_ASSERT(r.kept.size() == ev.size());
}

}  // namespace
}  // namespace np
