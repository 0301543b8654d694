// Writers for `neuroproof emulate`: the output spikes as CSV (`t,core,feature,x,y`, one spike
// per line, in emission order; core 9 = the DVS layer routed straight out) and the activity
// report as JSON (per run: events in, output spikes, readout, and per core input events, synaptic
// operations, neuron writes, spikes, leak updates, overflows).
#pragma once

#include <fstream>

#include <nlohmann/json.hpp>

#include <string>

#include "model/emulate_stream.hpp"
#include "model/temporal_attention.hpp"

namespace np {

void write_spikes_csv(const std::string& path, const std::vector<OutputSpike>& spikes);

// The same file written in batches, for a run whose spikes are never all in memory.
class SpikesCsvWriter {
public:
    explicit SpikesCsvWriter(const std::string& path);  // throws std::runtime_error when it cannot write
    void write(const std::vector<OutputSpike>& spikes);
    void close();  // throws std::runtime_error when the file is incomplete

private:
    std::string path_;
    std::ofstream out_;
};
nlohmann::ordered_json activity_json(const EmulationResult& result, std::uint64_t events_in);

// Every spike of every core (Emulator::set_probe): written to a CSV as they come (`t,core,feature,
// x,y` with the neuron's own address, core-spikes.csv), and kept per core for the raster pictures
// up to kKeptPerCore spikes a core (the rest are in the file only; kept() says how many).
class CoreSpikeLog {
public:
    explicit CoreSpikeLog(const std::string& csv_path);  // throws std::runtime_error when it cannot write
    static constexpr std::size_t kKeptPerCore = 2'000'000;
    Emulator::SpikeProbe probe();
    void close();  // flushes the file; throws std::runtime_error when it is incomplete
    const std::vector<OutputSpike>& kept(std::uint32_t core) const { return kept_[core]; }
    std::uint64_t count(std::uint32_t core) const { return counts_[core]; }

private:
    SpikesCsvWriter csv_;
    std::vector<OutputSpike> batch_;
    std::vector<std::vector<OutputSpike>> kept_;
    std::vector<std::uint64_t> counts_;
};

// activity-timeline.csv: one line per bin and core that did anything in the run:
// `t_begin_us,core,input_events,synaptic_ops,neuron_writes,spikes,leak_updates` (core "dvs" for the
// events offered to the DVS layer, "out" for the chip's output spikes, in the spikes column).
void write_activity_timeline_csv(const std::string& path, const std::vector<ActivityBin>& bins);
// The attention part of an emulation: how the slices were ranked and what was kept, and the
// gated run over the kept events.
struct GatedEmulation {
    AttentionOptions options;
    std::size_t slices = 0, kept_slices = 0;
    std::uint64_t kept_events = 0;
    EmulationResult result;
};

// activity.json of `neuroproof emulate`: {"tool", "version", "config", "events" (the paths as
// given), "ungated": activity_json, and with attention "attention": {"slice_us", "top_k",
// "group", "score" ("events" | "pixels"), "slices", "kept_slices", "kept_events"} and "gated"}.
nlohmann::ordered_json emulation_report_json(const std::string& config, const std::string& events, const EmulationResult& ungated,
                                             std::uint64_t events_in, const GatedEmulation* gated = nullptr);
// Writes it (indented, one trailing newline); throws std::runtime_error when it cannot.
void write_emulation_report(const std::string& path, const nlohmann::ordered_json& report);

// Human-readable activity table, one line per active core plus a total.
std::string format_activity(const EmulationResult& result, std::uint64_t events_in);

}  // namespace np
