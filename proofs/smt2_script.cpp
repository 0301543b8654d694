#include "proofs/smt2_script.hpp"

#include <cctype>
#include <cstring>
#include <sstream>
#include <stdexcept>
#include <vector>
#include <unordered_map>

namespace np {

namespace {

// Renames every token [$?]x<digits> outside quoted symbols |...| in order of first appearance.
std::string canonical_let_names(const std::string& text) {
    std::unordered_map<std::string, std::string> names;
    unsigned next[2] = {0, 0};
    std::string out;
    out.reserve(text.size());
    bool quoted = false;
    auto symbol_char = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || std::strchr("~!@$%^&*_-+=<>.?/", c) != nullptr;
    };
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        if (c == '|') quoted = !quoted;
        const bool starts = !quoted && (c == '$' || c == '?') && i + 2 < text.size() && text[i + 1] == 'x' &&
                            std::isdigit(static_cast<unsigned char>(text[i + 2])) && (i == 0 || !symbol_char(text[i - 1]));
        if (!starts) {
            out += c;
            ++i;
            continue;
        }
        std::size_t j = i + 2;
        while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
        if (j < text.size() && symbol_char(text[j])) {  // part of a longer symbol: left alone
            out.append(text, i, j - i);
            i = j;
            continue;
        }
        const std::string token = text.substr(i, j - i);
        auto it = names.find(token);
        if (it == names.end()) it = names.emplace(token, std::string(1, c) + "x" + std::to_string(++next[c == '$' ? 0 : 1])).first;
        out += it->second;
        i = j;
    }
    return out;
}

}  // namespace

std::string script_shape_error(const std::string& text) {
    std::size_t line = 1, depth = 0, command_line = 0;
    std::string head;  // the command being read
    bool want_head = false, checked = false, logic = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n') ++line;
        if (c == ';') {
            while (i + 1 < text.size() && text[i + 1] != '\n') ++i;
            continue;
        }
        if (c == '|' || c == '"') {
            const std::size_t open = line;
            for (++i; i < text.size() && text[i] != c; ++i)
                if (text[i] == '\n') ++line;
            if (i >= text.size()) return "line " + std::to_string(open) + ": unterminated " + (c == '|' ? "quoted symbol" : "string");
            if (depth == 0) return "line " + std::to_string(open) + ": text outside a command";
            want_head = false;
            continue;
        }
        if (c == '(') {
            if (depth == 0) {
                if (checked) return "line " + std::to_string(line) + ": a command after (check-sat)";
                want_head = true;
                head.clear();
                command_line = line;
            } else {
                want_head = false;
            }
            ++depth;
            continue;
        }
        if (c == ')') {
            if (depth == 0) return "line " + std::to_string(line) + ": unbalanced ')'";
            if (--depth == 0) {
                if (head == "check-sat") checked = true;
                else if (head == "set-logic" && logic) return "line " + std::to_string(command_line) + ": a second (set-logic)";
                else if (head == "set-logic") logic = true;
                else if (head != "set-info" && head != "declare-fun" && head != "declare-const" && head != "assert")
                    return "line " + std::to_string(command_line) + ": command (" + head + ") is not allowed in a proof obligation";
            }
            want_head = false;
            continue;
        }
        if (std::isspace(static_cast<unsigned char>(c))) {
            if (want_head && !head.empty()) want_head = false;
            continue;
        }
        if (depth == 0) return "line " + std::to_string(line) + ": text outside a command";
        if (want_head) head += c;
    }
    if (depth != 0) return "line " + std::to_string(line) + ": unbalanced '('";
    if (!checked) return "no (check-sat)";
    return {};
}

std::string binary_bv_operators(const std::string& text) {
    static const char* const kLeftAssoc[] = {"concat", "bvadd", "bvmul", "bvand", "bvor", "bvxor"};
    auto left_assoc = [](const std::string& head) {
        for (const char* op : kLeftAssoc)
            if (head == op) return true;
        return false;
    };
    // One frame per open list: its elements, each already written out.
    std::vector<std::vector<std::string>> frames;
    std::string out;
    auto emit = [&](std::string element) {
        if (frames.empty()) out += element + "\n";
        else frames.back().push_back(std::move(element));
    };
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        if (c == ';') {
            while (i < text.size() && text[i] != '\n') ++i;
        } else if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
        } else if (c == '(') {
            frames.emplace_back();
            ++i;
        } else if (c == ')') {
            if (frames.empty()) throw std::invalid_argument("unbalanced ')'");
            std::vector<std::string> e = std::move(frames.back());
            frames.pop_back();
            std::string list;
            if (e.size() > 3 && left_assoc(e[0])) {
                list = "(" + e[0] + " " + e[1] + " " + e[2] + ")";
                for (std::size_t k = 3; k < e.size(); ++k) list = "(" + e[0] + " " + list + " " + e[k] + ")";
            } else {
                list = "(";
                for (std::size_t k = 0; k < e.size(); ++k) list += (k ? " " : "") + e[k];
                list += ")";
            }
            emit(std::move(list));
            ++i;
        } else if (c == '|' || c == '"') {
            const std::size_t end = text.find(c, i + 1);
            if (end == std::string::npos) throw std::invalid_argument(c == '|' ? "unterminated quoted symbol" : "unterminated string");
            emit(text.substr(i, end + 1 - i));
            i = end + 1;
        } else {
            std::size_t j = i;
            while (j < text.size() && !std::isspace(static_cast<unsigned char>(text[j])) && !std::strchr("();|\"", text[j])) ++j;
            emit(text.substr(i, j - i));
            i = j;
        }
    }
    if (!frames.empty()) throw std::invalid_argument("unbalanced '('");
    return out;
}

std::string smt2_script(const z3::expr& formula, const std::string& comment) {
    std::ostringstream out;
    std::istringstream lines(comment);
    for (std::string line; std::getline(lines, line);) out << "; " << line << "\n";
    z3::context& ctx = formula.ctx();
    std::string body = Z3_benchmark_to_smtlib_string(ctx, "", "QF_BV", "unknown", "", 0, nullptr, formula);
    ctx.check_error();
    // Z3 prints a set-info/set-logic preamble of its own and ends with (check-sat); keep it whole
    // but drop its empty leading comment line.
    std::istringstream text(canonical_let_names(body));
    for (std::string line; std::getline(text, line);) {
        if (line == "; " || line == ";") continue;
        out << line << "\n";
    }
    return out.str();
}

}  // namespace np
