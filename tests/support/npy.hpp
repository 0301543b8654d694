// A small NumPy .npy reader for tests: versions 1.0-3.0, the header dict ('descr',
// 'fortran_order', 'shape'), plain dtypes ('<i8', '|u1', '<f4', ...) and structured dtypes such as
// [('t', '<i8'), ('x', '<i2'), ('y', '<i2'), ('p', '|u1')]. Values are read as int64 or double.
//
// Column access: for a structured 1-D array column k is field k; for a plain 2-D array (N, C)
// column k is C-index k (C or Fortran order); for a plain 1-D array there is one column.
// Throws std::runtime_error on anything it does not understand.
#pragma once

#include <cctype>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace np::test {

struct NpyField {
    std::string name;   // empty for a plain dtype
    char kind = 'i';    // 'i', 'u', 'f', 'b'
    std::size_t size = 0;
    bool big_endian = false;
    std::size_t offset = 0;  // within one item
};

struct NpyArray {
    std::vector<NpyField> fields;
    bool structured = false;
    bool fortran_order = false;
    std::vector<std::size_t> shape;
    std::size_t item_size = 0;
    std::string data;

    std::size_t rows() const { return shape.empty() ? 1 : shape[0]; }
    std::size_t columns() const {
        if (structured) return fields.size();
        return shape.size() >= 2 ? shape[1] : 1;
    }
    std::size_t field_index(const std::string& name) const {
        for (std::size_t i = 0; i < fields.size(); ++i)
            if (fields[i].name == name) return i;
        throw std::runtime_error("npy: no field '" + name + "'");
    }

    std::int64_t integer(std::size_t row, std::size_t col) const {
        const NpyField& f = structured ? fields.at(col) : fields.at(0);
        const unsigned char* p = element(row, col);
        if (f.kind == 'f') return static_cast<std::int64_t>(real(row, col));
        std::uint64_t v = 0;
        for (std::size_t i = 0; i < f.size; ++i) {
            std::size_t byte = f.big_endian ? i : f.size - 1 - i;
            v = (v << 8) | p[byte];
        }
        if (f.kind == 'i' && f.size < 8 && (v >> (8 * f.size - 1)) & 1) v |= ~std::uint64_t{0} << (8 * f.size);
        return static_cast<std::int64_t>(v);
    }
    std::int64_t integer(std::size_t row, const std::string& field) const { return integer(row, field_index(field)); }

    double real(std::size_t row, std::size_t col) const {
        const NpyField& f = structured ? fields.at(col) : fields.at(0);
        if (f.kind != 'f') return static_cast<double>(integer(row, col));
        const unsigned char* p = element(row, col);
        unsigned char buf[8];
        for (std::size_t i = 0; i < f.size; ++i) buf[i] = p[f.big_endian ? f.size - 1 - i : i];  // host is LE
        if (f.size == 8) {
            double d;
            std::memcpy(&d, buf, 8);
            return d;
        }
        if (f.size == 4) {
            float x;
            std::memcpy(&x, buf, 4);
            return x;
        }
        throw std::runtime_error("npy: unsupported float size");
    }

private:
    const unsigned char* element(std::size_t row, std::size_t col) const {
        if (row >= rows() || col >= columns()) throw std::out_of_range("npy: index out of range");
        std::size_t offset;
        if (structured) {
            offset = row * item_size + fields[col].offset;
        } else {
            std::size_t n_rows = rows(), n_cols = columns();
            std::size_t index = fortran_order ? col * n_rows + row : row * n_cols + col;
            offset = index * item_size;
        }
        const std::size_t width = structured ? fields[col].size : item_size;
        if (offset + width > data.size()) throw std::out_of_range("npy: data too short");
        return reinterpret_cast<const unsigned char*>(data.data()) + offset;
    }
};

namespace npy_detail {

class DictParser {
public:
    explicit DictParser(std::string s) : s_(std::move(s)) {}

    [[noreturn]] void fail(const std::string& what) const {
        throw std::runtime_error("npy header: " + what + " at offset " + std::to_string(i_) + " in: " + s_);
    }
    void ws() {
        while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\t')) ++i_;
    }
    bool eat(char c) {
        ws();
        if (i_ < s_.size() && s_[i_] == c) {
            ++i_;
            return true;
        }
        return false;
    }
    void expect(char c) {
        if (!eat(c)) fail(std::string("expected '") + c + "'");
    }
    std::string str() {
        ws();
        if (i_ >= s_.size() || (s_[i_] != '\'' && s_[i_] != '"')) fail("expected a string");
        char q = s_[i_++];
        std::size_t e = s_.find(q, i_);
        if (e == std::string::npos) fail("unterminated string");
        std::string out = s_.substr(i_, e - i_);
        i_ = e + 1;
        return out;
    }
    std::string word() {
        ws();
        std::size_t b = i_;
        while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_')) ++i_;
        if (b == i_) fail("expected a word");
        return s_.substr(b, i_ - b);
    }
    std::vector<std::size_t> tuple() {
        expect('(');
        std::vector<std::size_t> out;
        while (!eat(')')) {
            std::string w = word();
            try {
                out.push_back(static_cast<std::size_t>(std::stoull(w)));
            } catch (...) {
                fail("expected a dimension");
            }
            eat(',');
        }
        return out;
    }
    bool at(char c) {
        ws();
        return i_ < s_.size() && s_[i_] == c;
    }

private:
    std::string s_;
    std::size_t i_ = 0;
};

inline NpyField plain_field(const std::string& descr) {
    if (descr.size() < 3) throw std::runtime_error("npy: unsupported descr '" + descr + "'");
    NpyField f;
    char order = descr[0];
    f.big_endian = order == '>';
    f.kind = descr[1];
    f.size = static_cast<std::size_t>(std::stoul(descr.substr(2)));
    if ((f.kind != 'i' && f.kind != 'u' && f.kind != 'f' && f.kind != 'b') || f.size == 0 || f.size > 8)
        throw std::runtime_error("npy: unsupported descr '" + descr + "'");
    return f;
}

}  // namespace npy_detail

inline NpyArray parse_npy(const std::string& bytes) {
    if (bytes.size() < 10 || bytes.compare(0, 6, "\x93NUMPY") != 0) throw std::runtime_error("npy: bad magic");
    const auto u8 = [&](std::size_t i) { return static_cast<std::size_t>(static_cast<unsigned char>(bytes[i])); };
    unsigned major = static_cast<unsigned>(u8(6));
    std::size_t header_len, start;
    if (major == 1) {
        header_len = u8(8) | u8(9) << 8;
        start = 10;
    } else if (major == 2 || major == 3) {
        if (bytes.size() < 12) throw std::runtime_error("npy: truncated");
        header_len = u8(8) | u8(9) << 8 | u8(10) << 16 | u8(11) << 24;
        start = 12;
    } else {
        throw std::runtime_error("npy: unsupported version " + std::to_string(major));
    }
    if (start + header_len > bytes.size()) throw std::runtime_error("npy: truncated header");
    npy_detail::DictParser p(bytes.substr(start, header_len));
    NpyArray a;
    bool have_descr = false, have_shape = false;
    p.expect('{');
    while (!p.eat('}')) {
        std::string key = p.str();
        p.expect(':');
        if (key == "descr") {
            have_descr = true;
            if (p.at('[')) {
                p.expect('[');
                a.structured = true;
                std::size_t offset = 0;
                while (!p.eat(']')) {
                    p.expect('(');
                    std::string name = p.str();
                    p.expect(',');
                    NpyField f = npy_detail::plain_field(p.str());
                    if (p.eat(',')) throw std::runtime_error("npy: sub-array fields are not supported");
                    p.expect(')');
                    f.name = name;
                    f.offset = offset;
                    offset += f.size;
                    a.fields.push_back(f);
                    p.eat(',');
                }
                a.item_size = offset;
            } else {
                a.fields.push_back(npy_detail::plain_field(p.str()));
                a.item_size = a.fields[0].size;
            }
        } else if (key == "fortran_order") {
            std::string w = p.word();
            if (w != "True" && w != "False") p.fail("expected True or False");
            a.fortran_order = w == "True";
        } else if (key == "shape") {
            have_shape = true;
            a.shape = p.tuple();
        } else {
            p.fail("unknown key '" + key + "'");
        }
        p.eat(',');
    }
    if (!have_descr || !have_shape) throw std::runtime_error("npy: header lacks descr or shape");
    if (a.structured && a.shape.size() != 1) throw std::runtime_error("npy: structured arrays must be 1-D");
    if (!a.structured && a.shape.size() > 2) throw std::runtime_error("npy: only 1-D and 2-D arrays are supported");
    std::size_t count = 1;
    for (std::size_t d : a.shape) count *= d;
    a.data = bytes.substr(start + header_len);
    if (a.data.size() < count * a.item_size) throw std::runtime_error("npy: data shorter than the shape needs");
    return a;
}

inline NpyArray read_npy(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("npy: cannot open " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return parse_npy(ss.str());
}

}  // namespace np::test
