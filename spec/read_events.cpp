#include "spec/read_events.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "model/diagnostic.hpp"
#include "spec/events_text.hpp"
#include "spec/mapped_bytes.hpp"
#include "spec/read_aedat.hpp"
#include "spec/read_nmnist.hpp"
#include "spec/read_prophesee.hpp"

namespace np {

namespace {

std::string head_of(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw SourceError(Origin{path, 0, 0, {}}, "cannot open file");
    std::string head(4096, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    return head;
}

bool contains(const std::string& s, const char* what) { return s.find(what) != std::string::npos; }

}  // namespace

RecordingInfo stream_events(const std::string& path, const EventSink& sink) {
    const std::string head = head_of(path);
    using Stream = RecordingInfo (*)(const std::string&, const MappedBytes&, const EventSink&);
    Stream stream = nullptr;
    const std::string ext = std::filesystem::path(path).extension().string();
    if (head.rfind("#!AER-DAT", 0) == 0) stream = stream_aedat;
    else if (head.rfind("%", 0) == 0 && (contains(head, "evt 3.0") || contains(head, "format EVT3"))) stream = stream_evt3;
    else if (head.rfind("%", 0) == 0 && (contains(head, "evt 2.0") || contains(head, "format EVT2"))) stream = stream_evt2;
    else if (ext == ".dat") stream = stream_dat;
    else if (ext == ".bin") stream = stream_nmnist;
    else if (ext == ".csv" || ext == ".txt" || ext == ".events") stream = stream_events_text;
    else if (ext == ".raw")
        throw SourceError(Origin{path, 1, 1, {}}, "Prophesee raw file without an `% evt 2.0` or `% evt 3.0` header line");
    else
        throw SourceError(Origin{path, 0, 0, {}},
                          "unknown event-recording format (AEDAT 2.0/3.1/4.0, Prophesee EVT 2.0/3.0 .raw, DAT .dat, "
                          "N-MNIST .bin, text .csv/.txt)");
    return stream(path, MappedBytes::open(path), sink);
}

EventRecording read_events(const std::string& path) {
    return collect_events([&](const EventSink& sink) { return stream_events(path, sink); });
}

void SummaryCounter::operator()(const DvsEvent& e) {
    if (s.events == 0) s.t_first = e.t, s.t_min = e.t, s.t_max = e.t;
    ++s.events;
    (e.on ? s.on : s.off)++;
    s.t_last = e.t;
    s.t_min = std::min(s.t_min, e.t);
    s.t_max = std::max(s.t_max, e.t);
}

RecordingSummary summarize_events(const std::string& path, RecordingInfo& info) {
    SummaryCounter count;
    info = stream_events(path, [&](const DvsEvent& e) { count(e); });
    return count.s;
}

RecordingSummary summarize(const EventRecording& r) {
    SummaryCounter count;
    for (const DvsEvent& e : r.events) count(e);
    return count.s;
}

}  // namespace np
