// One file on purpose (~850 lines): the whole NIR reader — the HDF5 walk, every node type's
// parameters and the sandbox that runs HDF5 (whose parser may crash on hostile files) in a child
// process — share the one in-memory NirFile being built and its located errors.
#include "spec/read_nir.hpp"

#include <hdf5.h>

#include "spec/hdf5_handle.hpp"

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <new>
#include <optional>

namespace np {

const char* describe_kind(const NirParam& p) {
    switch (p.kind) {
    case NirParam::Kind::Float: return "a float dataset";
    case NirParam::Kind::Integer: return "an integer dataset";
    case NirParam::Kind::Boolean: return "a boolean dataset";
    case NirParam::Kind::String: return "a string dataset";
    case NirParam::Kind::Group: return "a group";
    }
    return "?";
}

namespace {

constexpr std::uint64_t kMaxElements = std::uint64_t{1} << 26;
constexpr int kMaxDepth = 64;


using hdf5::Handle;
using QuietHdf5 = hdf5::Quiet;

herr_t take_first_description(unsigned, const H5E_error2_t* err, void* client) {
    auto* out = static_cast<std::string*>(client);
    if (out->empty() && err->desc && *err->desc) *out = err->desc;
    return 0;
}

// The most specific message on HDF5's error stack (then cleared), or "" when there is none.
std::string hdf5_message() {
    std::string msg;
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, take_first_description, &msg);
    H5Eclear2(H5E_DEFAULT);
    return msg;
}

std::string join(const std::string& path, const std::string& name) {
    return path == "/" ? "/" + name : path + "/" + name;
}

std::string in_quotes(const std::string& s) { return "'" + to_valid_utf8(s) + "'"; }

bool valid_utf8(const std::string& s) { return to_valid_utf8(s) == s; }

enum class MemberKind { Group, Dataset };

struct Member {
    std::string name;
    MemberKind kind;
};

class Reader {
public:
    explicit Reader(std::string file) : file_(std::move(file)) {}

    [[noreturn]] void fail(const std::string& object_path, const std::string& message) const {
        fail_nir(file_, object_path, message);
    }
    [[noreturn]] void fail_hdf5(const std::string& object_path, const std::string& what) const {
        std::string detail = hdf5_message();
        fail(object_path, what + (detail.empty() ? std::string() : " (HDF5: " + detail + ")"));
    }

    NirFile read() {
        NirFile out;
        out.file = file_;
        std::error_code ec;
        if (!std::filesystem::exists(file_, ec)) fail("", "cannot open file: no such file");
        if (std::filesystem::is_directory(file_, ec)) fail("", "cannot open file: it is a directory");
        if (!std::ifstream(file_, std::ios::binary)) fail("", std::string("cannot open file: ") + std::strerror(errno));
        const htri_t is_hdf5 = H5Fis_hdf5(file_.c_str());
        if (is_hdf5 < 0) fail_hdf5("", "HDF5 cannot open the file; it is truncated or damaged");
        if (is_hdf5 == 0) fail("", "not an HDF5 file (no HDF5 superblock signature found)");
        Handle fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
        if (fapl.valid()) H5Pset_fclose_degree(fapl.get(), H5F_CLOSE_STRONG);
        Handle f(H5Fopen(file_.c_str(), H5F_ACC_RDONLY, fapl.valid() ? fapl.get() : H5P_DEFAULT), H5Fclose);
        if (!f.valid()) fail_hdf5("", "HDF5 cannot open the file; it is truncated or damaged");
        check_global_heaps(f.get());
        Handle root(H5Gopen2(f.get(), "/", H5P_DEFAULT), H5Gclose);
        if (!root.valid()) fail_hdf5("/", "cannot open the root group");

        std::vector<Member> members = list(root.get(), "/");
        const Member* version = find(members, "version");
        const Member* node = find(members, "node");
        if (!node) {
            if (has_attribute(root.get(), "__type__"))
                fail("/", "no group 'node': this is a NIR data file (NIRGraphData), not a NIR graph");
            fail("/", "no group 'node': not a NIR graph file");
        }
        if (node->kind != MemberKind::Group) fail("/node", "expected a group, found a dataset");
        if (!version) fail("/", "no dataset 'version': not a NIR graph file");
        if (version->kind != MemberKind::Dataset) fail("/version", "expected a string dataset, found a group");
        out.version = read_scalar_string(root.get(), "version", "/version");

        Handle g = open_group(root.get(), "node", "/node");
        std::vector<Member> gm = list(g.get(), "/node");
        std::string type = read_type(g.get(), gm, "/node");
        if (type != "NIRGraph")
            fail("/node/type", "the top-level node has type " + in_quotes(type) +
                                   "; only files whose top-level node is a NIRGraph are supported");
        out.graph = read_graph(g.get(), gm, "/node", 1);
        return out;
    }

private:
    std::string file_;

    // HDF5 1.10 walks a global heap collection (where variable-length strings live) without
    // bounds checks: an object size that overruns the collection makes it loop forever or read
    // wild memory, and a corrupted string length makes it allocate and copy gigabytes. So every
    // collection in the file (signature "GCOL", version 1, at least HDF5's minimum 4096 bytes)
    // is walked here first, as H5HG's deserializer does but with the checks, and the string
    // references of each contiguous variable-length dataset are checked against it before
    // HDF5 reads them (check_string_references). Files above 1 GiB skip these checks.
    std::string bytes_;
    std::size_t sizeof_addr_ = 8, sizeof_size_ = 8;
    std::uint64_t base_ = 0;  // the userblock: file offset of HDF5 address 0
    std::map<std::uint64_t, std::map<std::uint64_t, std::uint64_t>> heaps_;  // file offset -> index -> size
    bool scanned_ = false;

    std::uint64_t number(std::size_t at, std::size_t width) const {
        std::uint64_t v = 0;
        for (std::size_t i = 0; i < width; ++i) v |= std::uint64_t{static_cast<unsigned char>(bytes_[at + i])} << (8 * i);
        return v;
    }

    void check_global_heaps(hid_t f) {
        constexpr std::uintmax_t kMaxScan = std::uintmax_t{1} << 30;
        std::error_code ec;
        const std::uintmax_t size = std::filesystem::file_size(file_, ec);
        if (ec || size > kMaxScan) return;
        Handle fcpl(H5Fget_create_plist(f), H5Pclose);
        hsize_t userblock = 0;
        if (!fcpl.valid() || H5Pget_sizes(fcpl.get(), &sizeof_addr_, &sizeof_size_) < 0 ||
            H5Pget_userblock(fcpl.get(), &userblock) < 0 || sizeof_size_ == 0 || sizeof_size_ > 8 || sizeof_addr_ == 0 ||
            sizeof_addr_ > 8) {
            hdf5_message();
            return;
        }
        base_ = userblock;
        std::ifstream in(file_, std::ios::binary);
        bytes_.assign(static_cast<std::size_t>(size), '\0');
        if (!in.read(bytes_.data(), static_cast<std::streamsize>(size))) return;
        const std::size_t header = 8 + sizeof_size_, object_header = 8 + sizeof_size_;
        const std::string signature("GCOL\x01\0\0\0", 8);
        for (std::size_t at = bytes_.find(signature); at != std::string::npos; at = bytes_.find(signature, at + 1)) {
            if (bytes_.size() - at < header) break;
            const std::uint64_t length = number(at + 8, sizeof_size_);
            const std::string where = "global heap collection at byte " + std::to_string(at);
            if (length < 4096) continue;  // not a collection HDF5 wrote
            if (length > bytes_.size() - at)
                fail("/", "damaged file: " + where + " claims " + std::to_string(length) + " bytes, past the end of the file");
            std::map<std::uint64_t, std::uint64_t>& objects = heaps_[at];
            std::size_t p = at + header;
            const std::size_t end = at + static_cast<std::size_t>(length);
            while (p < end) {
                if (end - p < object_header) break;  // too small for an object: free space
                const std::uint64_t idx = number(p, 2);
                const std::uint64_t object = number(p + 8, sizeof_size_);
                const std::uint64_t need = idx > 0 ? object_header + ((object + 7) / 8) * 8 : object;
                if (object > end - p || need < object_header || need > end - p)
                    fail("/", "damaged file: " + where + ": object " + std::to_string(idx) + " at byte " +
                                  std::to_string(p) + " has an impossible size " + std::to_string(object));
                if (idx > 0) objects[idx] = object;
                p += static_cast<std::size_t>(need);
            }
        }
        scanned_ = true;
    }

    // Each reference {u32 length, collection address, u32 index} of a contiguous
    // variable-length string dataset must name an object of a checked collection that holds
    // at least `length` bytes.
    void check_string_references(hid_t d, std::size_t n, const std::string& path) const {
        if (!scanned_ || n == 0) return;
        const haddr_t offset = H5Dget_offset(d);
        hdf5_message();
        if (offset == HADDR_UNDEF) return;  // compact or chunked storage: left to HDF5
        const std::size_t ref = 8 + sizeof_addr_;
        const std::uint64_t at = base_ + offset;
        if (at > bytes_.size() || (bytes_.size() - at) / ref < n)
            fail(path, "damaged file: the string references lie past the end of the file");
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t p = static_cast<std::size_t>(at) + i * ref;
            const std::uint64_t length = number(p, 4);
            const std::uint64_t collection = number(p + 4, sizeof_addr_);
            const std::uint64_t index = number(p + 4 + sizeof_addr_, 4);
            if (length == 0 && collection == 0) continue;  // an empty string may have no object
            auto heap = heaps_.find(base_ + collection);
            auto object = heap == heaps_.end() ? decltype(heap->second.end()){} : heap->second.find(index);
            if (heap == heaps_.end() || object == heap->second.end())
                fail(path, "damaged file: string " + std::to_string(i) + " refers to a global heap object that does not exist");
            if (object->second < length)
                fail(path, "damaged file: string " + std::to_string(i) + " claims " + std::to_string(length) +
                               " bytes but its heap object holds " + std::to_string(object->second));
        }
    }

    static const Member* find(const std::vector<Member>& ms, const std::string& name) {
        for (const Member& m : ms)
            if (m.name == name) return &m;
        return nullptr;
    }

    static bool has_attribute(hid_t obj, const char* name) {
        htri_t r = H5Aexists(obj, name);
        hdf5_message();
        return r > 0;
    }

    Handle open_group(hid_t loc, const std::string& name, const std::string& path) const {
        Handle g(H5Gopen2(loc, name.c_str(), H5P_DEFAULT), H5Gclose);
        if (!g.valid()) fail_hdf5(path, "cannot open group");
        return g;
    }

    // Members of a group in name order, each checked to be a hard link to a group or dataset.
    std::vector<Member> list(hid_t group, const std::string& path) const {
        H5G_info_t info;
        if (H5Gget_info(group, &info) < 0) fail_hdf5(path, "cannot list the group");
        if (info.nlinks > kMaxElements) fail(path, "group has too many members");
        std::vector<Member> out;
        for (hsize_t i = 0; i < info.nlinks; ++i) {
            ssize_t len = H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
            if (len < 0) fail_hdf5(path, "cannot read the name of member " + std::to_string(i));
            std::string name(static_cast<std::size_t>(len) + 1, '\0');
            if (H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(), name.size(), H5P_DEFAULT) < 0)
                fail_hdf5(path, "cannot read the name of member " + std::to_string(i));
            name.resize(static_cast<std::size_t>(len));
            const std::string mpath = join(path, name);
            if (!valid_utf8(name)) fail(mpath, "member name is not valid UTF-8");
#if H5_VERSION_GE(1, 12, 0)
            H5L_info2_t linfo;
#else
            H5L_info_t linfo;
#endif
            if (H5Lget_info(group, name.c_str(), &linfo, H5P_DEFAULT) < 0) fail_hdf5(mpath, "cannot read the link");
            if (linfo.type != H5L_TYPE_HARD)
                fail(mpath, std::string(linfo.type == H5L_TYPE_SOFT ? "soft" : "external") +
                                " link; NIR files hold only groups and datasets");
            Handle obj(H5Oopen(group, name.c_str(), H5P_DEFAULT), H5Oclose);
            if (!obj.valid()) fail_hdf5(mpath, "cannot open the object");
            H5I_type_t t = H5Iget_type(obj.get());
            if (t == H5I_GROUP)
                out.push_back({name, MemberKind::Group});
            else if (t == H5I_DATASET)
                out.push_back({name, MemberKind::Dataset});
            else
                fail(mpath, "a committed datatype; NIR files hold only groups and datasets");
        }
        std::sort(out.begin(), out.end(), [](const Member& a, const Member& b) { return a.name < b.name; });
        return out;
    }

    std::string read_scalar_string(hid_t loc, const std::string& name, const std::string& path) const {
        NirParam p = read_dataset(loc, name, path);
        if (p.kind != NirParam::Kind::String) fail(path, std::string("expected a string, found ") + describe_kind(p));
        if (p.strings.size() != 1) fail(path, "expected one string, found " + std::to_string(p.strings.size()));
        return p.strings[0];
    }

    std::string read_type(hid_t group, const std::vector<Member>& members, const std::string& path) const {
        const Member* t = find(members, "type");
        if (!t) fail(path, "no dataset 'type'");
        if (t->kind != MemberKind::Dataset) fail(join(path, "type"), "expected a string dataset, found a group");
        std::string type = read_scalar_string(group, "type", join(path, "type"));
        if (type.empty()) fail(join(path, "type"), "empty node type");
        return type;
    }


    NirGraph read_graph(hid_t group, const std::vector<Member>& members, const std::string& path, int depth) const {
        if (depth > kMaxDepth) fail(path, "graphs nested more than " + std::to_string(kMaxDepth) + " deep");
        NirGraph g;
        g.path = path;
        const Member* nodes = find(members, "nodes");
        if (!nodes) fail(path, "no group 'nodes'");
        const std::string npath = join(path, "nodes");
        if (nodes->kind != MemberKind::Group) fail(npath, "expected a group of nodes, found a dataset");
        const Member* edges = find(members, "edges");
        if (!edges) fail(path, "no dataset 'edges'");
        const std::string epath = join(path, "edges");
        if (edges->kind != MemberKind::Dataset) fail(epath, "expected an N x 2 string dataset, found a group");

        Handle ng = open_group(group, "nodes", npath);
        for (const Member& m : list(ng.get(), npath)) {
            const std::string mpath = join(npath, m.name);
            if (m.kind != MemberKind::Group) fail(mpath, "expected a node group, found a dataset");
            Handle nodeg = open_group(ng.get(), m.name, mpath);
            g.nodes.push_back(read_node(nodeg.get(), m.name, mpath, depth + 1));
        }

        NirParam e = read_dataset(group, "edges", epath);
        if (e.element_count() != 0) {
            if (e.kind != NirParam::Kind::String) fail(epath, std::string("expected an N x 2 string dataset, found ") + describe_kind(e));
            if (e.shape.size() != 2 || e.shape[1] != 2)
                fail(epath, "expected an N x 2 string dataset, found shape " + shape_text(e.shape));
            for (std::size_t i = 0; i + 1 < e.strings.size(); i += 2) g.edges.push_back({e.strings[i], e.strings[i + 1]});
        }
        for (std::size_t i = 0; i < g.edges.size(); ++i)
            for (const std::string* end : {&g.edges[i].source, &g.edges[i].target})
                if (!resolves(g, *end))
                    fail(epath, "edge " + std::to_string(i) + " (" + in_quotes(g.edges[i].source) + " -> " +
                                    in_quotes(g.edges[i].target) + ") names unknown node " + in_quotes(*end));

        for (const Member& m : members) {
            if (m.name == "type" || m.name == "nodes" || m.name == "edges") continue;
            g.params.emplace_back(m.name, read_member(group, m, join(path, m.name), depth + 1));
        }
        return g;
    }

    // `name` is a node of `g`, or `<sub>.<rest>` with <sub> a nested graph of `g` in which
    // <rest> resolves.
    static bool resolves(const NirGraph& g, const std::string& name) {
        if (g.node(name)) return true;
        for (std::size_t dot = name.find('.'); dot != std::string::npos; dot = name.find('.', dot + 1)) {
            const NirNode* sub = g.node(name.substr(0, dot));
            if (sub && !sub->subgraph.empty() && resolves(sub->subgraph.front(), name.substr(dot + 1))) return true;
        }
        return false;
    }

    NirNode read_node(hid_t group, const std::string& name, const std::string& path, int depth) const {
        NirNode n;
        n.name = name;
        n.path = path;
        std::vector<Member> members = list(group, path);
        n.type = read_type(group, members, path);
        if (n.type == "NIRGraph") {
            n.subgraph.push_back(read_graph(group, members, path, depth));
            n.params = std::move(n.subgraph.front().params);
            n.subgraph.front().params.clear();
            return n;
        }
        for (const Member& m : members) {
            if (m.name == "type") continue;
            n.params.emplace_back(m.name, read_member(group, m, join(path, m.name), depth));
        }
        return n;
    }

    NirParam read_member(hid_t group, const Member& m, const std::string& path, int depth) const {
        if (m.kind == MemberKind::Dataset) return read_dataset(group, m.name, path);
        if (depth > kMaxDepth) fail(path, "groups nested more than " + std::to_string(kMaxDepth) + " deep");
        NirParam p;
        p.kind = NirParam::Kind::Group;
        Handle g = open_group(group, m.name, path);
        for (const Member& c : list(g.get(), path))
            p.members.emplace_back(c.name, read_member(g.get(), c, join(path, c.name), depth + 1));
        return p;
    }

    static std::string shape_text(const std::vector<std::uint64_t>& shape) {
        std::string s = "(";
        for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
        return s + (shape.size() == 1 ? ",)" : ")");
    }

    NirParam read_dataset(hid_t loc, const std::string& name, const std::string& path) const {
        Handle d(H5Dopen2(loc, name.c_str(), H5P_DEFAULT), H5Dclose);
        if (!d.valid()) fail_hdf5(path, "cannot open dataset");
        NirParam p;
        Handle dcpl(H5Dget_create_plist(d.get()), H5Pclose);
        if (dcpl.valid()) {
            if (H5Pget_layout(dcpl.get()) == H5D_VIRTUAL) fail(path, "a virtual dataset (data in other files) is not supported");
            if (H5Pget_external_count(dcpl.get()) > 0) fail(path, "a dataset stored in external files is not supported");
        }
        hdf5_message();

        Handle space(H5Dget_space(d.get()), H5Sclose);
        if (!space.valid()) fail_hdf5(path, "cannot read the dataspace");
        const H5S_class_t sclass = H5Sget_simple_extent_type(space.get());
        std::uint64_t count = 1;
        if (sclass == H5S_NULL) fail(path, "dataset has a null dataspace (no value)");
        if (sclass == H5S_SIMPLE) {
            const int rank = H5Sget_simple_extent_ndims(space.get());
            if (rank < 0) fail_hdf5(path, "cannot read the dataspace");
            std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
            if (rank > 0 && H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr) < 0)
                fail_hdf5(path, "cannot read the dataspace");
            for (hsize_t dim : dims) {
                p.shape.push_back(dim);
                if (dim != 0 && count > kMaxElements / dim) count = kMaxElements + 1;
                else count *= dim;
            }
        } else if (sclass != H5S_SCALAR) {
            fail_hdf5(path, "cannot read the dataspace");
        }
        if (count > kMaxElements) fail(path, "dataset has more than " + std::to_string(kMaxElements) + " elements");
        const std::size_t n = static_cast<std::size_t>(count);

        Handle type(H5Dget_type(d.get()), H5Tclose);
        if (!type.valid()) fail_hdf5(path, "cannot read the datatype");
        const H5T_class_t tclass = H5Tget_class(type.get());
        const std::size_t tsize = H5Tget_size(type.get());
        switch (tclass) {
        case H5T_FLOAT:
            p.kind = NirParam::Kind::Float;
            p.bits = static_cast<std::uint32_t>(tsize * 8);
            p.floats.resize(n);
            if (n && H5Dread(d.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, p.floats.data()) < 0)
                fail_hdf5(path, "cannot read the data");
            break;
        case H5T_INTEGER: {
            p.kind = NirParam::Kind::Integer;
            p.bits = static_cast<std::uint32_t>(tsize * 8);
            p.is_unsigned = H5Tget_sign(type.get()) == H5T_SGN_NONE;
            p.integers.resize(n);
            if (p.is_unsigned && tsize >= 8) {
                std::vector<std::uint64_t> u(n);
                if (n && H5Dread(d.get(), H5T_NATIVE_UINT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, u.data()) < 0)
                    fail_hdf5(path, "cannot read the data");
                for (std::size_t i = 0; i < n; ++i) {
                    if (u[i] > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
                        fail(path, "unsigned value " + std::to_string(u[i]) + " does not fit in 64-bit signed");
                    p.integers[i] = static_cast<std::int64_t>(u[i]);
                }
            } else if (n && H5Dread(d.get(), H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, p.integers.data()) < 0) {
                fail_hdf5(path, "cannot read the data");
            }
            break;
        }
        case H5T_ENUM:
            read_boolean(d.get(), type.get(), n, path, p);
            break;
        case H5T_STRING:
            read_strings(d.get(), type.get(), n, path, p);
            break;
        default:
            fail(path, "unsupported HDF5 datatype (" + class_name(tclass) +
                           "); NIR stores numbers and strings only");
        }
        return p;
    }

    static std::string class_name(H5T_class_t c) {
        switch (c) {
        case H5T_TIME: return "time";
        case H5T_BITFIELD: return "bitfield";
        case H5T_OPAQUE: return "opaque";
        case H5T_COMPOUND: return "compound";
        case H5T_REFERENCE: return "reference";
        case H5T_VLEN: return "variable-length sequence";
        case H5T_ARRAY: return "array";
        default: return "unknown class";
        }
    }

    // h5py's numpy bool: an enum over a one-byte integer with exactly FALSE = 0 and TRUE = 1.
    void read_boolean(hid_t d, hid_t type, std::size_t n, const std::string& path, NirParam& p) const {
        const std::string not_bool = "unsupported enum datatype (only h5py's boolean enum FALSE=0, TRUE=1 is read)";
        if (H5Tget_nmembers(type) != 2 || H5Tget_size(type) != 1) fail(path, not_bool);
        for (unsigned i = 0; i < 2; ++i) {
            char* mname = H5Tget_member_name(type, i);
            signed char value = 0;
            herr_t r = H5Tget_member_value(type, i, &value);
            std::string s = mname ? mname : "";
            if (mname) H5free_memory(mname);
            if (r < 0 || !((s == "FALSE" && value == 0) || (s == "TRUE" && value == 1))) fail(path, not_bool);
        }
        Handle mem(H5Tget_native_type(type, H5T_DIR_ASCEND), H5Tclose);
        if (!mem.valid()) fail_hdf5(path, "cannot read the datatype");
        std::vector<signed char> raw(n);
        if (n && H5Dread(d, mem.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()) < 0)
            fail_hdf5(path, "cannot read the data");
        p.kind = NirParam::Kind::Boolean;
        p.bits = 8;
        for (signed char v : raw) {
            if (v != 0 && v != 1) fail(path, "boolean value " + std::to_string(v) + " is neither FALSE nor TRUE");
            p.integers.push_back(v);
        }
    }

    void read_strings(hid_t d, hid_t type, std::size_t n, const std::string& path, NirParam& p) const {
        p.kind = NirParam::Kind::String;
        const H5T_cset_t cset = H5Tget_cset(type);
        const htri_t variable = H5Tis_variable_str(type);
        if (variable < 0) fail_hdf5(path, "cannot read the datatype");
        Handle mem(H5Tcopy(H5T_C_S1), H5Tclose);
        if (!mem.valid()) fail_hdf5(path, "cannot create a string type");
        H5Tset_cset(mem.get(), cset);
        if (variable) {
            check_string_references(d, n, path);
            H5Tset_size(mem.get(), H5T_VARIABLE);
            std::vector<char*> ptrs(n, nullptr);
            if (n && H5Dread(d, mem.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()) < 0)
                fail_hdf5(path, "cannot read the strings");
            for (char* s : ptrs) p.strings.emplace_back(s ? s : "");
            if (n) {
                Handle space(H5Dget_space(d), H5Sclose);
#if H5_VERSION_GE(1, 12, 0)
                H5Treclaim(mem.get(), space.get(), H5P_DEFAULT, ptrs.data());
#else
                H5Dvlen_reclaim(mem.get(), space.get(), H5P_DEFAULT, ptrs.data());
#endif
            }
        } else {
            const std::size_t size = H5Tget_size(type);
            const H5T_str_t pad = H5Tget_strpad(type);
            H5Tset_size(mem.get(), size);
            H5Tset_strpad(mem.get(), pad);
            if (size == 0 || n > kMaxElements / size) fail(path, "string dataset too large");
            std::vector<char> raw(n * size);
            if (n && H5Dread(d, mem.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()) < 0)
                fail_hdf5(path, "cannot read the strings");
            for (std::size_t i = 0; i < n; ++i) {
                std::string s(raw.data() + i * size, size);
                if (pad == H5T_STR_SPACEPAD) {
                    s.erase(s.find_last_not_of(' ') + 1);
                } else {
                    std::size_t nul = s.find('\0');
                    if (nul != std::string::npos) s.resize(nul);
                }
                p.strings.push_back(std::move(s));
            }
        }
        for (const std::string& s : p.strings)
            if (!valid_utf8(s)) fail(path, "string " + in_quotes(s) + " is not valid UTF-8");
    }
};

}  // namespace

std::uint64_t NirParam::element_count() const {
    switch (kind) {
    case Kind::Float: return floats.size();
    case Kind::Integer:
    case Kind::Boolean: return integers.size();
    case Kind::String: return strings.size();
    case Kind::Group: return 0;
    }
    return 0;
}

const NirParam* NirNode::param(const std::string& key) const {
    for (const auto& [k, v] : params)
        if (k == key) return &v;
    return nullptr;
}

bool NirNode::operator==(const NirNode& o) const {
    return name == o.name && type == o.type && params == o.params && subgraph == o.subgraph;
}

const NirNode* NirGraph::node(const std::string& name) const {
    for (const NirNode& n : nodes)
        if (n.name == name) return &n;
    return nullptr;
}

bool NirGraph::operator==(const NirGraph& o) const {
    return nodes == o.nodes && edges == o.edges && params == o.params;
}

void fail_nir(const std::string& file, const std::string& object_path, const std::string& message) {
    throw SourceError(Origin{file, 1, 1, {}}, object_path.empty() ? message : object_path + ": " + message);
}

NirFile read_nir_in_process(const std::string& path) {
    QuietHdf5 quiet;
    return Reader(path).read();
}

namespace {

// ---------------------------------------------------------------- crash isolation
//
// HDF5 (1.10 at least) can crash on damaged metadata, e.g. a corrupted global-heap reference of
// a variable-length string makes H5HG_read copy from a wild pointer. A damaged file must give a
// diagnostic, not a crash, so the file is parsed in a forked child that sends the result (or its
// SourceError) back through a pipe in the little binary encoding below; a child killed by a
// signal becomes a SourceError. The child also has limits: a time limit against HDF5 looping
// forever and an address-space limit (what it inherited plus 1 GiB plus 16 times the file size)
// against HDF5 allocating gigabytes for a corrupted length, which then fails cleanly.

constexpr unsigned kChildSeconds = 120;

void limit_child_memory(const std::string& path) {
    std::error_code ec;
    std::uintmax_t file = std::filesystem::file_size(path, ec);
    if (ec) file = 0;
    std::uint64_t pages = 0;
    std::ifstream statm("/proc/self/statm");
    if (!(statm >> pages)) return;
    const std::uint64_t page = static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
    const std::uint64_t budget = (std::uint64_t{1} << 30) + 16 * std::min<std::uintmax_t>(file, std::uintmax_t{1} << 36);
    rlimit rl;
    rl.rlim_cur = rl.rlim_max = static_cast<rlim_t>(pages * page + budget);
    ::setrlimit(RLIMIT_AS, &rl);
}

struct Encoder {
    std::string out;
    void u64(std::uint64_t v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }
    void str(const std::string& s) {
        u64(s.size());
        out += s;
    }
    void param(const NirParam& p) {
        u64(static_cast<std::uint64_t>(p.kind));
        u64(p.bits);
        u64(p.is_unsigned);
        u64(p.shape.size());
        for (std::uint64_t d : p.shape) u64(d);
        u64(p.floats.size());
        for (double v : p.floats) {
            std::uint64_t bits;
            std::memcpy(&bits, &v, sizeof bits);
            u64(bits);
        }
        u64(p.integers.size());
        for (std::int64_t v : p.integers) u64(static_cast<std::uint64_t>(v));
        u64(p.strings.size());
        for (const std::string& v : p.strings) str(v);
        params(p.members);
    }
    void params(const std::vector<std::pair<std::string, NirParam>>& ps) {
        u64(ps.size());
        for (const auto& [k, v] : ps) {
            str(k);
            param(v);
        }
    }
    void graph(const NirGraph& g) {
        str(g.path);
        u64(g.nodes.size());
        for (const NirNode& n : g.nodes) {
            str(n.name);
            str(n.type);
            str(n.path);
            params(n.params);
            u64(n.subgraph.size());
            for (const NirGraph& s : n.subgraph) graph(s);
        }
        u64(g.edges.size());
        for (const NirEdge& e : g.edges) {
            str(e.source);
            str(e.target);
        }
        params(g.params);
    }
};

struct Decoder {
    const std::string& in;
    std::size_t pos = 0;
    std::uint64_t u64() {
        if (in.size() - pos < 8) throw std::runtime_error("truncated reader output");
        std::uint64_t v;
        std::memcpy(&v, in.data() + pos, sizeof v);
        pos += 8;
        return v;
    }
    std::size_t count() {
        std::uint64_t n = u64();
        if (n > in.size()) throw std::runtime_error("malformed reader output");
        return static_cast<std::size_t>(n);
    }
    std::string str() {
        std::size_t n = count();
        if (in.size() - pos < n) throw std::runtime_error("truncated reader output");
        std::string s = in.substr(pos, n);
        pos += n;
        return s;
    }
    NirParam param() {
        NirParam p;
        p.kind = static_cast<NirParam::Kind>(u64());
        p.bits = static_cast<std::uint32_t>(u64());
        p.is_unsigned = u64() != 0;
        p.shape.resize(count());
        for (std::uint64_t& d : p.shape) d = u64();
        p.floats.resize(count());
        for (double& v : p.floats) {
            std::uint64_t bits = u64();
            std::memcpy(&v, &bits, sizeof v);
        }
        p.integers.resize(count());
        for (std::int64_t& v : p.integers) v = static_cast<std::int64_t>(u64());
        p.strings.resize(count());
        for (std::string& v : p.strings) v = str();
        p.members = params();
        return p;
    }
    std::vector<std::pair<std::string, NirParam>> params() {
        std::vector<std::pair<std::string, NirParam>> ps;
        for (std::uint64_t i = 0, n = count(); i < n; ++i) {
            std::string k = str();
            ps.emplace_back(std::move(k), param());
        }
        return ps;
    }
    NirGraph graph() {
        NirGraph g;
        g.path = str();
        g.nodes.resize(count());
        for (NirNode& n : g.nodes) {
            n.name = str();
            n.type = str();
            n.path = str();
            n.params = params();
            n.subgraph.resize(count());
            for (NirGraph& s : n.subgraph) s = graph();
        }
        g.edges.resize(count());
        for (NirEdge& e : g.edges) {
            e.source = str();
            e.target = str();
        }
        g.params = params();
        return g;
    }
};


// Runs in the child: parse, encode, write everything to `fd`. Never returns.
[[noreturn]] void child_main(const std::string& path, int fd) {
    // A crash inside HDF5 must end the child by its signal, which the parent reports. Under a
    // sanitizer its handler would catch the signal and exit with a status instead.
    for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL}) ::signal(sig, SIG_DFL);
    alarm(kChildSeconds);
    limit_child_memory(path);
    Encoder e;
    try {
        NirFile f = read_nir_in_process(path);
        e.u64(0);
        e.str(f.version);
        e.graph(f.graph);
    } catch (const SourceError& err) {
        e.out.clear();
        e.u64(1);
        e.str(err.where().file);
        e.u64(err.where().line);
        e.u64(err.where().col);
        e.str(err.message());
    } catch (const std::bad_alloc&) {
        e.out.clear();
        e.u64(2);
        e.str("out of memory while reading the file");
    } catch (const std::exception& x) {
        e.out.clear();
        e.u64(2);
        e.str(x.what());
    }
    const char* p = e.out.data();
    std::size_t left = e.out.size();
    while (left > 0) {
        ssize_t w = ::write(fd, p, left);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) _exit(3);
        p += w;
        left -= static_cast<std::size_t>(w);
    }
    _exit(0);
}

}  // namespace

NirFile read_nir(const std::string& path) {
    int fds[2];
    if (::pipe(fds) != 0) return read_nir_in_process(path);
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        return read_nir_in_process(path);
    }
    if (pid == 0) {
        ::close(fds[0]);
        child_main(path, fds[1]);
    }
    ::close(fds[1]);
    std::string data;
    char buf[1 << 16];
    while (true) {
        ssize_t r = ::read(fds[0], buf, sizeof buf);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        data.append(buf, static_cast<std::size_t>(r));
    }
    ::close(fds[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        if (sig == SIGALRM)
            fail_nir(path, "", "reading the file took longer than " + std::to_string(kChildSeconds) +
                                   " s; HDF5 may be looping on damaged metadata");
        fail_nir(path, "", std::string("HDF5 crashed reading the file (") + strsignal(sig) + "): the file is damaged");
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        fail_nir(path, "", "the reader process failed (exit status " + std::to_string(WEXITSTATUS(status)) + ")");
    try {
        Decoder d{data};
        const std::uint64_t tag = d.u64();
        if (tag == 1) {
            Origin o;
            o.file = d.str();
            o.line = static_cast<std::uint32_t>(d.u64());
            o.col = static_cast<std::uint32_t>(d.u64());
            std::string message = d.str();
            throw SourceError(o, message);
        }
        if (tag == 2) fail_nir(path, "", d.str());
        NirFile f;
        f.file = path;
        f.version = d.str();
        f.graph = d.graph();
        return f;
    } catch (const std::runtime_error& e) {
        if (dynamic_cast<const SourceError*>(&e)) throw;
        fail_nir(path, "", std::string("internal error decoding the reader's output: ") + e.what());
    }
}

}  // namespace np
