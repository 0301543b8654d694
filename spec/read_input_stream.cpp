#include "spec/read_input_stream.hpp"

#include "spec/source_text.hpp"

namespace np {

namespace {

std::vector<std::uint32_t> parse(const System& sys, const SourceText& src) {
    std::vector<std::uint32_t> out;
    std::uint64_t total = 0;
    for (std::uint32_t ln = 1; ln <= src.line_count(); ++ln) {
        std::string_view line = src.line(ln);
        if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
        std::size_t b = line.find_first_not_of(" \t");
        if (b == std::string_view::npos) continue;
        std::size_t e = line.find_first_of(" \t*", b);
        std::string name(line.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b));
        std::uint64_t count = 1;
        if (e != std::string_view::npos) {
            std::size_t star = line.find_first_not_of(" \t", e);
            if (star != std::string_view::npos) {
                if (line[star] != '*') src.fail(ln, static_cast<std::uint32_t>(star + 1), "expected '* COUNT' or the end of the line");
                std::size_t d = line.find_first_not_of(" \t", star + 1);
                if (d == std::string_view::npos) src.fail(ln, static_cast<std::uint32_t>(star + 2), "expected a repeat count after '*'");
                std::size_t de = line.find_first_of(" \t", d);
                std::string_view digits = line.substr(d, de == std::string_view::npos ? std::string_view::npos : de - d);
                if (!parse_decimal(digits, kMaxStreamInputs, count) || count == 0)
                    src.fail(ln, static_cast<std::uint32_t>(d + 1), "repeat count must be 1.." + std::to_string(kMaxStreamInputs));
                if (de != std::string_view::npos && line.find_first_not_of(" \t", de) != std::string_view::npos)
                    src.fail(ln, static_cast<std::uint32_t>(line.find_first_not_of(" \t", de) + 1), "unexpected text after the repeat count");
            }
        }
        std::int64_t found = -1;
        for (std::uint32_t t = 0; t < sys.transitions.size(); ++t)
            if (sys.transitions[t].name == name) found = t;
        if (found < 0) src.fail(ln, static_cast<std::uint32_t>(b + 1), "unknown transition '" + name + "'");
        if (sys.transitions[found].kind != TransitionKind::Input)
            src.fail(ln, static_cast<std::uint32_t>(b + 1), "'" + name + "' is not an input transition (the environment fires only inputs)");
        total += count;
        // Checked before the inputs are stored: `NAME * N` lines must not add up to gigabytes.
        if (total > kMaxStreamInputs)
            src.fail(ln, static_cast<std::uint32_t>(b + 1), "the stream exceeds " + std::to_string(kMaxStreamInputs) + " inputs");
        out.insert(out.end(), count, static_cast<std::uint32_t>(found));
    }
    return out;
}

}  // namespace

std::vector<std::uint32_t> read_input_stream(const System& sys, const std::string& path) {
    return parse(sys, SourceText::load(path, std::uint64_t{64} << 20));
}

std::vector<std::uint32_t> parse_input_stream(const System& sys, const std::string& file, const std::string& text) {
    return parse(sys, SourceText(file, text));
}

}  // namespace np
