#include "model/did_you_mean.hpp"

#include <algorithm>

namespace np {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates) {
    const std::size_t limit = std::min<std::size_t>(2, name.size() / 2);
    std::size_t best_d = limit + 1;
    const std::string* best = nullptr;
    if (limit > 0 && name.size() <= 200)
        for (const std::string& c : candidates) {
            if (c.size() > name.size() + limit || c.size() + limit < name.size()) continue;
            const std::size_t d = edit_distance(name, c);
            if (d < best_d) best_d = d, best = &c;
        }
    return best ? " (did you mean '" + *best + "'?)" : "";
}

}  // namespace np
