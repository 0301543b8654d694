#include "spec/read_events.hpp"

#include <filesystem>
#include <fstream>

#include "model/diagnostic.hpp"
#include "spec/events_text.hpp"
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

EventRecording read_events(const std::string& path) {
    const std::string head = head_of(path);
    if (head.rfind("#!AER-DAT", 0) == 0) return read_aedat(path);
    if (head.rfind("%", 0) == 0) {
        if (contains(head, "evt 3.0") || contains(head, "format EVT3")) return read_evt3(path);
        if (contains(head, "evt 2.0") || contains(head, "format EVT2")) return read_evt2(path);
    }
    const std::string ext = std::filesystem::path(path).extension().string();
    if (ext == ".dat") return read_dat(path);
    if (ext == ".bin") return read_nmnist(path);
    if (ext == ".csv" || ext == ".txt" || ext == ".events") return read_events_text(path);
    if (ext == ".raw")
        throw SourceError(Origin{path, 1, 1, {}}, "Prophesee raw file without an `% evt 2.0` or `% evt 3.0` header line");
    throw SourceError(Origin{path, 0, 0, {}},
                      "unknown event-recording format (AEDAT 2.0/3.1/4.0, Prophesee EVT 2.0/3.0 .raw, DAT .dat, "
                      "N-MNIST .bin, text .csv/.txt)");
}

RecordingSummary summarize(const EventRecording& r) {
    RecordingSummary s;
    s.events = r.events.size();
    for (const DvsEvent& e : r.events) (e.on ? s.on : s.off)++;
    if (!r.events.empty()) {
        s.t_first = r.events.front().t;
        s.t_last = r.events.back().t;
    }
    return s;
}

}  // namespace np
