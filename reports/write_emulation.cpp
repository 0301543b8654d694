#include "reports/write_emulation.hpp"

#include <cstdio>
#include <fstream>
#include <stdexcept>

#include "model/json_text.hpp"

namespace np {

SpikesCsvWriter::SpikesCsvWriter(const std::string& path) : path_(path), out_(path) {
    if (!out_) throw std::runtime_error("cannot write " + path);
    out_ << "t,core,feature,x,y\n";
}

void SpikesCsvWriter::write(const std::vector<OutputSpike>& spikes) {
    for (const OutputSpike& s : spikes) out_ << s.t << ',' << s.core << ',' << s.feature << ',' << s.x << ',' << s.y << '\n';
}

void SpikesCsvWriter::close() {
    out_.close();
    if (!out_) throw std::runtime_error("cannot write " + path_);
}

void write_spikes_csv(const std::string& path, const std::vector<OutputSpike>& spikes) {
    SpikesCsvWriter w(path);
    w.write(spikes);
    w.close();
}

CoreSpikeLog::CoreSpikeLog(const std::string& csv_path) : csv_(csv_path), kept_(kSpeckCores), counts_(kSpeckCores, 0) {}

Emulator::SpikeProbe CoreSpikeLog::probe() {
    return [this](const OutputSpike& s) {
        batch_.push_back(s);
        if (batch_.size() >= 4096) {
            csv_.write(batch_);
            batch_.clear();
        }
        if (s.core < kept_.size()) {
            ++counts_[s.core];
            if (kept_[s.core].size() < kKeptPerCore) kept_[s.core].push_back(s);
        }
    };
}

void CoreSpikeLog::close() {
    csv_.write(batch_);
    batch_.clear();
    csv_.close();
}

void write_activity_timeline_csv(const std::string& path, const std::vector<ActivityBin>& bins) {
    std::ofstream out(path);
    out << "t_begin_us,core,input_events,synaptic_ops,neuron_writes,spikes,leak_updates\n";
    std::vector<bool> busy;
    for (const ActivityBin& b : bins) {
        if (busy.size() < b.cores.size()) busy.resize(b.cores.size(), false);
        for (std::size_t c = 0; c < b.cores.size(); ++c)
            busy[c] = busy[c] || b.cores[c].input_events || b.cores[c].leak_updates;
    }
    for (const ActivityBin& b : bins) {
        out << b.t_begin << ",dvs," << b.dvs_events << ",0,0,0,0\n";
        for (std::size_t c = 0; c < b.cores.size(); ++c) {
            if (!busy[c]) continue;
            const CoreActivity& a = b.cores[c];
            out << b.t_begin << ',' << c << ',' << a.input_events << ',' << a.synaptic_ops << ',' << a.neuron_writes << ','
                << a.spikes << ',' << a.leak_updates << '\n';
        }
        out << b.t_begin << ",out,0,0,0," << b.output_spikes << ",0\n";
    }
    out.close();
    if (!out) throw std::runtime_error("cannot write " + path);
}

namespace {

nlohmann::ordered_json core_json(const CoreActivity& a) {
    return {{"input_events", a.input_events}, {"synaptic_ops", a.synaptic_ops}, {"neuron_writes", a.neuron_writes},
            {"spikes", a.spikes},             {"leak_updates", a.leak_updates}, {"overflows", a.saturations}};
}

}  // namespace

nlohmann::ordered_json activity_json(const EmulationResult& r, std::uint64_t events_in) {
    const ChipActivity& a = r.activity;
    nlohmann::ordered_json j;
    j["events_in"] = events_in;
    j["dvs_dropped"] = {{"outside_sensor", a.dvs_dropped_range}, {"outside_crop", a.dvs_dropped_crop}, {"hot_pixel", a.dvs_dropped_hot}};
    j["leak_ticks"] = a.leak_ticks;
    j["output_spikes"] = a.output_spikes;
    j["output_counts"] = r.output_counts;
    j["readout"] = r.readout;
    j["total"] = core_json(a.total());
    nlohmann::ordered_json cores = nlohmann::ordered_json::array();
    for (std::size_t id = 0; id < a.cores.size(); ++id) {
        if (a.cores[id] == CoreActivity{}) continue;
        nlohmann::ordered_json c = core_json(a.cores[id]);
        c["core"] = id;
        cores.push_back(c);
    }
    j["cores"] = cores;
    return j;
}

std::string format_activity(const EmulationResult& r, std::uint64_t events_in) {
    const ChipActivity& a = r.activity;
    std::string s;
    char line[256];
    std::snprintf(line, sizeof line, "  events in %llu (dropped: %llu outside the sensor, %llu by crop, %llu hot pixel), leak ticks %llu\n",
                  static_cast<unsigned long long>(events_in), static_cast<unsigned long long>(a.dvs_dropped_range),
                  static_cast<unsigned long long>(a.dvs_dropped_crop), static_cast<unsigned long long>(a.dvs_dropped_hot),
                  static_cast<unsigned long long>(a.leak_ticks));
    s += line;
    std::snprintf(line, sizeof line, "  %-6s %12s %14s %14s %10s %12s\n", "core", "inputs", "synaptic ops", "neuron writes", "spikes", "leak updates");
    s += line;
    auto row = [&](const std::string& name, const CoreActivity& c) {
        std::snprintf(line, sizeof line, "  %-6s %12llu %14llu %14llu %10llu %12llu\n", name.c_str(),
                      static_cast<unsigned long long>(c.input_events), static_cast<unsigned long long>(c.synaptic_ops),
                      static_cast<unsigned long long>(c.neuron_writes), static_cast<unsigned long long>(c.spikes),
                      static_cast<unsigned long long>(c.leak_updates));
        s += line;
    };
    for (std::size_t id = 0; id < a.cores.size(); ++id)
        if (!(a.cores[id] == CoreActivity{})) row(std::to_string(id), a.cores[id]);
    row("total", a.total());
    std::string counts;
    for (std::size_t f = 0; f < r.output_counts.size(); ++f) counts += (f ? " " : "") + std::to_string(r.output_counts[f]);
    s += "  output spikes " + std::to_string(a.output_spikes) + " (per feature: " + (counts.empty() ? "none" : counts) +
         "), readout " + (r.readout < 0 ? std::string("none") : std::to_string(r.readout)) + "\n";
    return s;
}

nlohmann::ordered_json emulation_report_json(const std::string& config, const std::string& events, const EmulationResult& ungated,
                                             std::uint64_t events_in, const GatedEmulation* gated) {
    nlohmann::ordered_json report;
    report["tool"] = "neuroproof";
    report["version"] = NEUROPROOF_VERSION;
    report["config"] = bytes_to_json(config);
    report["events"] = bytes_to_json(events);
    report["ungated"] = activity_json(ungated, events_in);
    if (gated) {
        const AttentionOptions& o = gated->options;
        report["attention"] = {{"slice_us", o.slice_us}, {"top_k", o.top_k}, {"group", o.group},
                               {"score", o.score == SliceScore::ActivePixels ? "pixels" : "events"},
                               {"slices", gated->slices}, {"kept_slices", gated->kept_slices}, {"kept_events", gated->kept_events}};
        report["gated"] = activity_json(gated->result, gated->kept_events);
    }
    return report;
}

void write_emulation_report(const std::string& path, const nlohmann::ordered_json& report) {
    std::ofstream out(path, std::ios::binary);
    out << json_text(report, 2) << "\n";
    out.close();
    if (!out) throw std::runtime_error(path + ": cannot write the activity report");
}

}  // namespace np
