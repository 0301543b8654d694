#include "model/event_mapping.hpp"

#include <cstdio>
#include <vector>

namespace np {

std::optional<DvsEvent> EventMapping::apply(DvsEvent e) const {
    if (crop) {
        if (e.x < crop->x0 || e.y < crop->y0 || e.x - crop->x0 >= crop->width || e.y - crop->y0 >= crop->height)
            return std::nullopt;
        e.x = static_cast<std::uint16_t>(e.x - crop->x0);
        e.y = static_cast<std::uint16_t>(e.y - crop->y0);
    }
    if (downsample > 1) {
        e.x = static_cast<std::uint16_t>(e.x / downsample);
        e.y = static_cast<std::uint16_t>(e.y / downsample);
    }
    return e;
}

std::optional<EventWindow> parse_window(const std::string& text) {
    std::vector<std::uint32_t> v;
    std::size_t i = 0;
    while (i <= text.size()) {
        std::size_t j = text.find(',', i);
        if (j == std::string::npos) j = text.size();
        const std::string part = text.substr(i, j - i);
        if (part.empty() || part.size() > 5 || part.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
        const unsigned long n = std::stoul(part);
        if (n >= 65536) return std::nullopt;
        v.push_back(static_cast<std::uint32_t>(n));
        i = j + 1;
    }
    if (v.size() != 4 || v[2] == 0 || v[3] == 0) return std::nullopt;
    return EventWindow{v[0], v[1], v[2], v[3]};
}

void SensorFit::count(const DvsEvent& raw, const std::optional<DvsEvent>& mapped, std::uint32_t width, std::uint32_t height) {
    ++events;
    if (raw.x > max_x) max_x = raw.x;
    if (raw.y > max_y) max_y = raw.y;
    if (!mapped) ++cropped;
    else if (mapped->x >= width || mapped->y >= height) ++outside;
}

std::string SensorFit::warning(std::uint32_t width, std::uint32_t height) const {
    if (outside == 0) return "";
    char buf[320];
    std::snprintf(buf, sizeof buf,
                  "%llu of %llu events (%.1f%%) lie outside the %ux%u sensor of the configuration and are dropped (the "
                  "recording reaches x %u, y %u); --crop X,Y,W,H or --downsample N fits it",
                  static_cast<unsigned long long>(outside), static_cast<unsigned long long>(events),
                  events ? 100.0 * static_cast<double>(outside) / static_cast<double>(events) : 0.0, width, height, max_x, max_y);
    return buf;
}

}  // namespace np
