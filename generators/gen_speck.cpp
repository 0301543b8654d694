#include "generators/gen_speck.hpp"

#include <algorithm>

namespace np::gen {

namespace {

rc::Gen<std::int8_t> weight() {
    return rc::gen::weightedOneOf<std::int8_t>({
        {3, rc::gen::inRange<std::int8_t>(-4, 5)},
        {1, rc::gen::element<std::int8_t>(-128, 127, 0, 1, -1)},
        {2, rc::gen::arbitrary<std::int8_t>()},
    });
}

}  // namespace

rc::Gen<EmulatorOptions> emulator_options() {
    return rc::gen::exec([] {
        EmulatorOptions o;
        o.overflow = *rc::gen::element(OverflowMode::Saturate, OverflowMode::Wrap);
        o.clip = *rc::gen::element(ClipOrder::AfterSpike, ClipOrder::BeforeSpike);
        o.leak_can_spike = *rc::gen::arbitrary<bool>();
        o.spike_test = *rc::gen::element(SpikeTest::GreaterEqual, SpikeTest::Greater);
        o.order = *rc::gen::element(ProcessingOrder::DepthFirst, ProcessingOrder::BreadthFirst);
        return o;
    });
}

rc::Gen<CoreConfig> core(std::uint32_t id, std::uint32_t channels, std::uint32_t width, std::uint32_t height) {
    return rc::gen::exec([=] {
        CoreConfig c;
        c.id = id;
        c.in_channels = channels;
        c.in_width = width;
        c.in_height = height;
        c.out_channels = *rc::gen::inRange<std::uint32_t>(1, 4);
        c.padding_x = *rc::gen::inRange<std::uint32_t>(0, 3);
        c.padding_y = *rc::gen::inRange<std::uint32_t>(0, 3);
        // The chip takes one, square, kernel size.
        c.kernel_x = c.kernel_y = *rc::gen::inRange<std::uint32_t>(
            1, std::min<std::uint32_t>({5, width + 2 * c.padding_x + 1, height + 2 * c.padding_y + 1}));
        c.stride_x = *rc::gen::element<std::uint32_t>(1, 1, 2);
        c.stride_y = *rc::gen::element<std::uint32_t>(1, 1, 2);
        c.weights = *rc::gen::container<std::vector<std::int8_t>>(
            std::size_t{c.out_channels} * c.in_channels * c.kernel_x * c.kernel_y, weight());
        std::int16_t hi = *rc::gen::weightedOneOf<std::int16_t>({
            {4, rc::gen::inRange<std::int16_t>(1, 8)},
            {1, rc::gen::inRange<std::int16_t>(32700, 32767)},
            {1, rc::gen::inRange<std::int16_t>(-5, 200)},
        });
        std::int16_t lo = *rc::gen::weightedOneOf<std::int16_t>({
            {4, rc::gen::inRange<std::int16_t>(-8, 1)},
            {1, rc::gen::inRange<std::int16_t>(-32768, -32700)},
        });
        c.threshold_high = hi;
        c.threshold_low = std::min(lo, hi);
        c.return_to_zero = *rc::gen::arbitrary<bool>();
        c.leak = *rc::gen::arbitrary<bool>();
        if (c.leak)
            c.biases = *rc::gen::container<std::vector<std::int32_t>>(
                c.out_channels, rc::gen::weightedOneOf<std::int32_t>({{3, rc::gen::inRange(-20, 21)},
                                                                      {1, rc::gen::element(-32768, 32767)}}));
        if (*rc::gen::arbitrary<bool>())
            c.initial_state = *rc::gen::container<std::vector<std::int16_t>>(
                std::size_t{c.out_channels} * c.out_width() * c.out_height(),
                rc::gen::weightedOneOf<std::int16_t>({{4, rc::gen::inRange<std::int16_t>(-8, 9)},
                                                      {1, rc::gen::element<std::int16_t>(-32768, 32767)}}));
        return c;
    });
}

rc::Gen<SpeckConfig> speck_config() {
    return rc::gen::exec([] {
        SpeckConfig cfg;
        cfg.options = *emulator_options();
        std::uint32_t n = *rc::gen::inRange<std::uint32_t>(1, 4);
        std::uint32_t ch = *rc::gen::inRange<std::uint32_t>(1, 3), w = *rc::gen::inRange<std::uint32_t>(1, 9),
                      h = *rc::gen::inRange<std::uint32_t>(1, 9);
        for (std::uint32_t i = 0; i < n; ++i) {
            // Core ids need not be consecutive on the chip.
            std::uint32_t id = i == 0 ? *rc::gen::inRange<std::uint32_t>(0, 3) : cfg.cores.back().id + *rc::gen::inRange<std::uint32_t>(1, 3);
            CoreConfig c = *core(id, ch, w, h);
            cfg.cores.push_back(c);
            if (i + 1 < n) {
                Destination d;
                d.core = 0;  // patched below once the next id is known
                d.pool = *rc::gen::element<std::uint32_t>(1, 1, 2, 4);
                std::uint32_t shift = *rc::gen::inRange<std::uint32_t>(0, 2);
                d.feature_shift = static_cast<std::int32_t>(shift);
                cfg.cores.back().destinations.push_back(d);
                ch = c.out_channels + shift;
                w = (c.out_width() + d.pool - 1) / d.pool;
                h = (c.out_height() + d.pool - 1) / d.pool;
            }
        }
        for (std::size_t i = 0; i + 1 < cfg.cores.size(); ++i) cfg.cores[i].destinations[0].core = cfg.cores[i + 1].id;
        Destination out;
        out.pool = *rc::gen::element<std::uint32_t>(1, 1, 2);
        cfg.cores.back().destinations.push_back(out);
        // Sometimes a second destination: an intermediate core also reports to the output.
        if (cfg.cores.size() > 1 && *rc::gen::arbitrary<bool>()) cfg.cores.front().destinations.push_back(Destination{});
        return cfg;
    });
}

rc::Gen<SpeckConfig> single_core_config() {
    return rc::gen::exec([] {
        SpeckConfig cfg;
        CoreConfig c;
        c.id = 0;
        c.in_channels = *rc::gen::inRange<std::uint32_t>(1, 3);
        c.in_width = *rc::gen::inRange<std::uint32_t>(1, 7);
        c.in_height = *rc::gen::inRange<std::uint32_t>(1, 7);
        c.out_channels = *rc::gen::inRange<std::uint32_t>(1, 4);
        c.padding_x = *rc::gen::inRange<std::uint32_t>(0, 3);
        c.padding_y = *rc::gen::inRange<std::uint32_t>(0, 3);
        c.kernel_x = c.kernel_y = *rc::gen::inRange<std::uint32_t>(
            1, std::min<std::uint32_t>({5, c.in_width + 2 * c.padding_x + 1, c.in_height + 2 * c.padding_y + 1}));
        c.stride_x = *rc::gen::element<std::uint32_t>(1, 1, 2, 4);
        c.stride_y = *rc::gen::element<std::uint32_t>(1, 1, 2, 4);
        c.weights = *rc::gen::container<std::vector<std::int8_t>>(
            std::size_t{c.out_channels} * c.in_channels * c.kernel_x * c.kernel_y, weight());
        std::int16_t hi = *rc::gen::weightedOneOf<std::int16_t>({
            {4, rc::gen::inRange<std::int16_t>(1, 8)},
            {1, rc::gen::inRange<std::int16_t>(32700, 32768 - 1)},
            {1, rc::gen::inRange<std::int16_t>(8, 300)},
        });
        hi = std::max<std::int16_t>(hi, 1);
        std::int16_t lo = *rc::gen::weightedOneOf<std::int16_t>({
            {4, rc::gen::inRange<std::int16_t>(-8, 1)},
            {1, rc::gen::inRange<std::int16_t>(-32768, -32700)},
            {1, rc::gen::inRange<std::int16_t>(0, hi + 1)},
        });
        c.threshold_high = hi;
        c.threshold_low = std::min(lo, hi);
        c.return_to_zero = *rc::gen::arbitrary<bool>();
        c.leak = *rc::gen::arbitrary<bool>();
        c.biases = *rc::gen::container<std::vector<std::int32_t>>(
            c.out_channels, rc::gen::weightedOneOf<std::int32_t>({{3, rc::gen::inRange(-20, 21)},
                                                                  {1, rc::gen::element(-32768, 32767)}}));
        const std::size_t n = std::size_t{c.out_channels} * c.out_width() * c.out_height();
        if (*rc::gen::arbitrary<bool>())
            c.initial_state = *rc::gen::container<std::vector<std::int16_t>>(
                n, rc::gen::weightedOneOf<std::int16_t>({{4, rc::gen::inRange<std::int16_t>(-8, 9)},
                                                         {1, rc::gen::element<std::int16_t>(-32768, 32767, -32700, 32700)}}));
        else
            c.initial_state.assign(n, 0);
        Destination out;
        out.pool = *rc::gen::element<std::uint32_t>(1, 1, 2, 4);
        out.feature_shift = *rc::gen::inRange<std::int32_t>(0, 3);
        c.destinations.push_back(out);
        DvsLayerConfig dvs;
        dvs.width = c.in_width;
        dvs.height = c.in_height;
        dvs.crop_x1 = c.in_width - 1;
        dvs.crop_y1 = c.in_height - 1;
        dvs.merge_polarity = c.in_channels == 1;
        Destination to_core;
        to_core.core = 0;
        dvs.destinations.push_back(to_core);
        cfg.dvs = dvs;
        cfg.cores.push_back(c);
        return cfg;
    });
}

rc::Gen<std::vector<ChipInput>> chip_inputs(const SpeckConfig& cfg, std::size_t max_len) { return event_stream(cfg, max_len); }

}  // namespace np::gen
