#include "tests/support/write_nir.hpp"

#include <hdf5.h>

#include "spec/hdf5_handle.hpp"

#include <stdexcept>
#include <vector>

namespace np {
namespace {

using hdf5::Handle;
using QuietHdf5 = hdf5::Quiet;


void check_name(const std::string& name) {
    if (name.empty() || name == "." || name.find('/') != std::string::npos)
        throw std::invalid_argument("write_nir: name '" + name + "' cannot be an HDF5 link name");
}

class Writer {
public:
    Writer(std::string path, const NirWriteOptions& options) : path_(std::move(path)), options_(options) {}

    void write(const NirFile& f) {
        Handle file(H5Fcreate(path_.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose);
        if (!file.valid()) io_fail("/", "cannot create the file");
        string_dataset(file.get(), "version", {}, {f.version}, "/version");
        Handle node(make_group(file.get(), "node", "/node"), H5Gclose);
        string_dataset(node.get(), "type", {}, {"NIRGraph"}, "/node/type");
        graph(node.get(), f.graph, "/node");
        params(node.get(), f.graph.params, "/node");
        if (H5Fflush(file.get(), H5F_SCOPE_GLOBAL) < 0) io_fail("/", "cannot write the file");
    }

private:
    std::string path_;
    NirWriteOptions options_;

    [[noreturn]] void io_fail(const std::string& object, const std::string& what) const {
        H5Eclear2(H5E_DEFAULT);
        fail_nir(path_, object, what);
    }

    hid_t make_group(hid_t loc, const std::string& name, const std::string& path) const {
        check_name(name);
        hid_t g = H5Gcreate2(loc, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        if (g < 0) io_fail(path, "cannot create the group");
        return g;
    }

    void graph(hid_t group, const NirGraph& g, const std::string& path) {
        Handle nodes(make_group(group, "nodes", path + "/nodes"), H5Gclose);
        for (const NirNode& n : g.nodes) {
            const std::string npath = path + "/nodes/" + n.name;
            Handle ng(make_group(nodes.get(), n.name, npath), H5Gclose);
            string_dataset(ng.get(), "type", {}, {n.type}, npath + "/type");
            if (n.type == "NIRGraph") {
                if (n.subgraph.size() != 1)
                    throw std::invalid_argument("write_nir: NIRGraph node '" + n.name + "' without a subgraph");
                graph(ng.get(), n.subgraph.front(), npath);
                params(ng.get(), n.subgraph.front().params, npath);
            }
            params(ng.get(), n.params, npath);
        }
        std::vector<std::string> ends;
        for (const NirEdge& e : g.edges) {
            ends.push_back(e.source);
            ends.push_back(e.target);
        }
        string_dataset(group, "edges", {g.edges.size(), 2}, ends, path + "/edges");
    }

    void params(hid_t group, const std::vector<std::pair<std::string, NirParam>>& ps, const std::string& path) {
        for (const auto& [name, p] : ps) param(group, name, p, path + "/" + name);
    }

    void param(hid_t group, const std::string& name, const NirParam& p, const std::string& path) {
        check_name(name);
        if (p.kind == NirParam::Kind::Group) {
            Handle g(make_group(group, name, path), H5Gclose);
            params(g.get(), p.members, path);
            return;
        }
        std::uint64_t count = 1;
        for (std::uint64_t d : p.shape) count *= d;
        if (count != p.element_count())
            throw std::invalid_argument("write_nir: " + path + ": shape holds " + std::to_string(count) +
                                        " elements but " + std::to_string(p.element_count()) + " are given");
        switch (p.kind) {
        case NirParam::Kind::Float: {
            hid_t file_type = p.bits == 32 ? H5T_IEEE_F32LE : (p.bits == 64 || p.bits == 0) ? H5T_IEEE_F64LE : -1;
            if (file_type < 0) throw std::invalid_argument("write_nir: " + path + ": unsupported float width");
            numeric(group, name, p.shape, file_type, H5T_NATIVE_DOUBLE, p.floats.data(), path);
            break;
        }
        case NirParam::Kind::Integer: {
            hid_t file_type = -1;
            switch (p.bits) {
            case 8: file_type = p.is_unsigned ? H5T_STD_U8LE : H5T_STD_I8LE; break;
            case 16: file_type = p.is_unsigned ? H5T_STD_U16LE : H5T_STD_I16LE; break;
            case 32: file_type = p.is_unsigned ? H5T_STD_U32LE : H5T_STD_I32LE; break;
            case 0:
            case 64: file_type = p.is_unsigned ? H5T_STD_U64LE : H5T_STD_I64LE; break;
            default: throw std::invalid_argument("write_nir: " + path + ": unsupported integer width");
            }
            numeric(group, name, p.shape, file_type, H5T_NATIVE_INT64, p.integers.data(), path);
            break;
        }
        case NirParam::Kind::Boolean: {
            Handle t(H5Tenum_create(H5T_NATIVE_SCHAR), H5Tclose);
            signed char f = 0, tr = 1;
            H5Tenum_insert(t.get(), "FALSE", &f);
            H5Tenum_insert(t.get(), "TRUE", &tr);
            std::vector<signed char> v;
            for (std::int64_t x : p.integers) {
                if (x != 0 && x != 1) throw std::invalid_argument("write_nir: " + path + ": boolean value not 0/1");
                v.push_back(static_cast<signed char>(x));
            }
            numeric(group, name, p.shape, t.get(), t.get(), v.data(), path);
            break;
        }
        case NirParam::Kind::String:
            string_dataset(group, name, p.shape, p.strings, path);
            break;
        case NirParam::Kind::Group: break;
        }
    }

    hid_t make_space(const std::vector<std::uint64_t>& shape) const {
        if (shape.empty()) return H5Screate(H5S_SCALAR);
        std::vector<hsize_t> dims(shape.begin(), shape.end());
        return H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr);
    }

    void numeric(hid_t group, const std::string& name, const std::vector<std::uint64_t>& shape, hid_t file_type,
                 hid_t mem_type, const void* data, const std::string& path) {
        Handle space(make_space(shape), H5Sclose);
        Handle dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
        std::uint64_t count = 1;
        for (std::uint64_t d : shape) count *= d;
        if (options_.deflate_level > 0 && !shape.empty() && count > 0) {
            std::vector<hsize_t> chunk(shape.begin(), shape.end());
            H5Pset_chunk(dcpl.get(), static_cast<int>(chunk.size()), chunk.data());
            H5Pset_deflate(dcpl.get(), options_.deflate_level > 9 ? 9 : options_.deflate_level);
        }
        Handle d(H5Dcreate2(group, name.c_str(), file_type, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT), H5Dclose);
        if (!d.valid()) io_fail(path, "cannot create the dataset");
        if (count > 0 && H5Dwrite(d.get(), mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0)
            io_fail(path, "cannot write the dataset");
    }

    void string_dataset(hid_t group, const std::string& name, const std::vector<std::uint64_t>& shape,
                        const std::vector<std::string>& values, const std::string& path) {
        check_name(name);
        Handle type(H5Tcopy(H5T_C_S1), H5Tclose);
        H5Tset_size(type.get(), H5T_VARIABLE);
        H5Tset_cset(type.get(), H5T_CSET_UTF8);
        Handle space(make_space(shape), H5Sclose);
        Handle d(H5Dcreate2(group, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                 H5Dclose);
        if (!d.valid()) io_fail(path, "cannot create the dataset");
        std::vector<const char*> ptrs;
        for (const std::string& s : values) ptrs.push_back(s.c_str());
        if (!ptrs.empty() && H5Dwrite(d.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()) < 0)
            io_fail(path, "cannot write the dataset");
    }
};

}  // namespace

void write_nir(const std::string& path, const NirFile& file, const NirWriteOptions& options) {
    QuietHdf5 quiet;
    Writer(path, options).write(file);
}

}  // namespace np
