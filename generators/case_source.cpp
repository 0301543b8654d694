#include "generators/case_source.hpp"

#include <rapidcheck.h>

#include "generators/gen_events.hpp"
#include "generators/gen_schedule.hpp"
#include "generators/gen_speck.hpp"

namespace np::gen {

namespace {

std::uint64_t mix(std::uint64_t seed, std::uint64_t i) {
    std::uint64_t z = seed * 0x9E3779B97F4A7C15ull + i + 0x632BE59BD9B4E019ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

class Shrinks;

class Tree : public CaseTree {
public:
    explicit Tree(rc::Shrinkable<GeneratedCase> s) : s_(std::move(s)) {}
    GeneratedCase value() const override { return s_.value(); }
    std::unique_ptr<CaseShrinks> shrinks() const override;

private:
    rc::Shrinkable<GeneratedCase> s_;
};

class Shrinks : public CaseShrinks {
public:
    explicit Shrinks(rc::Seq<rc::Shrinkable<GeneratedCase>> seq) : seq_(std::move(seq)) {}
    std::unique_ptr<CaseTree> next() override {
        auto s = seq_.next();
        if (!s) return nullptr;
        return std::make_unique<Tree>(std::move(*s));
    }

private:
    rc::Seq<rc::Shrinkable<GeneratedCase>> seq_;
};

std::unique_ptr<CaseShrinks> Tree::shrinks() const { return std::make_unique<Shrinks>(s_.shrinks()); }

CaseSource source(rc::Gen<GeneratedCase> g, std::uint64_t seed) {
    return [g = std::move(g), seed](std::uint64_t i) -> std::unique_ptr<CaseTree> {
        return std::make_unique<Tree>(g(rc::Random(mix(seed, i)), static_cast<int>(1 + i % 100)));
    };
}

GeneratedCase make_case(std::vector<ChipInput> stream, SchedulePolicy policy) {
    GeneratedCase c;
    c.stream = std::move(stream);
    c.policy = policy;
    return c;
}

}  // namespace

CaseSource stream_cases(const SpeckConfig& reference, std::size_t max_events, std::uint64_t seed) {
    return source(rc::gen::map(rc::gen::pair(event_stream(reference, max_events), schedule_policy()),
                               [](const std::pair<std::vector<ChipInput>, SchedulePolicy>& p) {
                                   return make_case(p.first, p.second);
                               }),
                  seed);
}

CaseSource config_cases(std::size_t max_events, std::uint64_t seed) {
    return source(rc::gen::mapcat(single_core_config(),
                                  [max_events](const SpeckConfig& cfg) {
                                      return rc::gen::map(rc::gen::pair(event_stream(cfg, max_events), schedule_policy()),
                                                          [cfg](const std::pair<std::vector<ChipInput>, SchedulePolicy>& p) {
                                                              GeneratedCase c = make_case(p.first, p.second);
                                                              c.config = cfg;
                                                              return c;
                                                          });
                                  }),
                  seed);
}

CaseSource schedule_cases(std::vector<ChipInput> stream, std::uint64_t seed) {
    return source(rc::gen::map(schedule_policy(), [stream = std::move(stream)](const SchedulePolicy& p) {
                      return make_case(stream, p);
                  }),
                  seed);
}

}  // namespace np::gen
