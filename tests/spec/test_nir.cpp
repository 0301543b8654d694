// Tests of the NIR reader, writer and Speck import:
//  - the shared sinabs export data/nir/cnn_sinabs.nir imports to the cores its README describes;
//    quantised weights and thresholds are recomputed here from the raw float32 data read with
//    the HDF5 C API directly (not through read_nir) with sinabs' discretisation rule;
//  - the shared LIF (norse) and CubaLIF (braille) graphs are rejected naming the node type;
//  - a must-reject corpus generated at test time (HDF5 C API and write_nir) into a temporary
//    folder, each file with its `.expect` sidecar, checked by check_error_corpus;
//  - RapidCheck: random graphs survive write_nir -> read_nir unchanged; quantisation of random
//    layers stays in range, within half a step of the float value, and uses the largest scale
//    that fits; the Flatten+Affine and Conv2d layouts agree with PyTorch's on random inputs.
#include <gtest/gtest.h>
#include <hdf5.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>

#include "spec/nir_to_speck.hpp"
#include "spec/read_nir.hpp"
#include "tests/support/write_nir.hpp"
#include "tests/support/error_corpus.hpp"
#include "tests/support/nir_builders.hpp"

namespace np {
namespace {

namespace fs = std::filesystem;
using namespace np::test;

fs::path nir_dir() { return data_dir() / "data" / "nir"; }

#define REQUIRE_NIR_FILE(var, name)                                      \
    const fs::path var = nir_dir() / (name);                             \
    if (!fs::exists(var)) GTEST_SKIP() << "shared data file absent: " << var.string()

// A fresh temporary folder, removed afterwards.
struct TempDir {
    fs::path path;
    explicit TempDir(const std::string& tag) {
        static int counter = 0;
        path = fs::temp_directory_path() /
               ("np-nir-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

// `LINE:COL: MESSAGE` of the SourceError that `f` throws, or "accepted".
std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const SourceError& e) {
        return std::to_string(e.where().line) + ":" + std::to_string(e.where().col) + ": " + e.message();
    }
    return "accepted";
}

// ---------------------------------------------------------------- raw HDF5 access (C API)

struct H5Quiet {
    H5E_auto2_t f = nullptr;
    void* d = nullptr;
    H5Quiet() {
        H5Eget_auto2(H5E_DEFAULT, &f, &d);
        H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    }
    ~H5Quiet() { H5Eset_auto2(H5E_DEFAULT, f, d); }
};

// A float32 dataset of `file` read as stored, with its dimensions.
std::vector<float> h5_floats(const fs::path& file, const std::string& dataset, std::vector<hsize_t>* dims = nullptr) {
    hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    EXPECT_GE(f, 0);
    hid_t d = H5Dopen2(f, dataset.c_str(), H5P_DEFAULT);
    EXPECT_GE(d, 0) << dataset;
    hid_t s = H5Dget_space(d);
    const int rank = H5Sget_simple_extent_ndims(s);
    std::vector<hsize_t> dd(static_cast<std::size_t>(std::max(rank, 0)));
    if (rank > 0) H5Sget_simple_extent_dims(s, dd.data(), nullptr);
    hsize_t n = 1;
    for (hsize_t x : dd) n *= x;
    std::vector<float> out(n);
    hid_t t = H5Dget_type(d);
    EXPECT_EQ(H5Tget_class(t), H5T_FLOAT);
    EXPECT_EQ(H5Tget_size(t), 4u) << dataset << " is not float32";
    EXPECT_GE(H5Dread(d, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()), 0);
    H5Tclose(t);
    H5Sclose(s);
    H5Dclose(d);
    H5Fclose(f);
    if (dims) *dims = dd;
    return out;
}

// Writers for files write_nir cannot produce.
struct H5Writer {
    hid_t file;
    explicit H5Writer(const fs::path& p) : file(H5Fcreate(p.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT)) {}
    ~H5Writer() { H5Fclose(file); }
    hid_t group(hid_t loc, const char* name) { return H5Gcreate2(loc, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT); }
    void strings(hid_t loc, const char* name, std::vector<hsize_t> dims, const std::vector<const char*>& v) {
        hid_t t = H5Tcopy(H5T_C_S1);
        H5Tset_size(t, H5T_VARIABLE);
        H5Tset_cset(t, H5T_CSET_UTF8);
        hid_t s = dims.empty() ? H5Screate(H5S_SCALAR) : H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr);
        hid_t d = H5Dcreate2(loc, name, t, s, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        H5Dwrite(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
        H5Dclose(d);
        H5Sclose(s);
        H5Tclose(t);
    }
    void int64(hid_t loc, const char* name, std::int64_t v) {
        hid_t s = H5Screate(H5S_SCALAR);
        hid_t d = H5Dcreate2(loc, name, H5T_STD_I64LE, s, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        H5Dwrite(d, H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, &v);
        H5Dclose(d);
        H5Sclose(s);
    }
};

// validate_config's problems as text ("" when the emulator accepts the configuration).
std::string problems_of(const SpeckConfig& c) {
    std::string s;
    for (const ConfigProblem& p : validate_config(c)) s += p.pointer + ": " + p.message + "\n";
    return s;
}

// ---------------------------------------------------------------- sinabs' rule, written again

// determine_discretization_scale with PyTorch float32 semantics (k / t == k * (1 / t)).
float reference_scale(const std::vector<float>& v, int bits) {
    float lo = v[0], hi = v[0];
    for (float x : v) lo = std::min(lo, x), hi = std::max(hi, x);
    const double big = std::ldexp(1.0, bits - 1);
    const float max_d = static_cast<float>(big - 1), min_d = static_cast<float>(-big);
    const float ratio = static_cast<float>(big / (big - 1));
    if (std::fabs(lo) <= std::fabs(hi) * ratio) return std::fabs(max_d * (1.0f / hi));
    return std::fabs(min_d * (1.0f / lo));
}

int quantise(float v, float scale) { return static_cast<int>(std::nearbyint(v * scale)); }

// ---------------------------------------------------------------- the shared sinabs export

TEST(NirRead, CnnSinabsGraph) {
    REQUIRE_NIR_FILE(path, "cnn_sinabs.nir");
    const NirFile f = read_nir(path.string());
    EXPECT_EQ(f.version, "0.2.0");
    EXPECT_EQ(f.graph.path, "/node");
    ASSERT_EQ(f.graph.nodes.size(), 15u);
    EXPECT_EQ(f.graph.edges.size(), 14u);
    std::vector<std::string> types;
    for (const char* name : {"input", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "output"}) {
        const NirNode* n = f.graph.node(name);
        ASSERT_NE(n, nullptr) << name;
        types.push_back(n->type);
    }
    EXPECT_EQ(types, (std::vector<std::string>{"Input", "Conv2d", "IF", "Conv2d", "IF", "SumPool2d", "Conv2d", "IF",
                                               "SumPool2d", "Flatten", "Affine", "IF", "Affine", "IF", "Output"}));
    const NirParam* w = f.graph.node("0")->param("weight");
    ASSERT_NE(w, nullptr);
    EXPECT_EQ(w->kind, NirParam::Kind::Float);
    EXPECT_EQ(w->bits, 32u);
    EXPECT_EQ(w->shape, (std::vector<std::uint64_t>{16, 2, 5, 5}));
    std::vector<hsize_t> dims;
    const std::vector<float> raw = h5_floats(path, "/node/nodes/0/weight", &dims);
    ASSERT_EQ(raw.size(), w->floats.size());
    for (std::size_t i = 0; i < raw.size(); ++i) ASSERT_EQ(static_cast<double>(raw[i]), w->floats[i]) << i;
    const NirParam* shape = f.graph.node("input")->param("shape");
    EXPECT_EQ(shape->integers, (std::vector<std::int64_t>{2, 34, 34}));
    EXPECT_EQ(f.graph.node("0")->param("groups")->shape, std::vector<std::uint64_t>{});
    EXPECT_EQ(f.graph.node("8")->param("end_dim")->integers, std::vector<std::int64_t>{-1});
    EXPECT_EQ(f.graph.node("0")->path, "/node/nodes/0");
}

struct ExpectedCore {
    std::uint32_t in_c, in_h, in_w, out_c, k, stride, pad, out_h, out_w;
    std::optional<std::uint32_t> dest;
    std::uint32_t pool;
    const char* weight_node;
    const char* spike_node;
};

TEST(NirImport, CnnSinabsStructure) {
    REQUIRE_NIR_FILE(path, "cnn_sinabs.nir");
    const NirSpeckImport im = import_nir(path.string());
    const SpeckConfig& cfg = im.config;
    EXPECT_EQ(cfg.source, path.string());
    ASSERT_TRUE(cfg.dvs.has_value());
    EXPECT_EQ(cfg.dvs->width, 34u);
    EXPECT_EQ(cfg.dvs->height, 34u);
    EXPECT_FALSE(cfg.dvs->merge_polarity);
    EXPECT_EQ(cfg.dvs->pool_x, 1u);
    EXPECT_EQ(cfg.dvs->pool_y, 1u);
    EXPECT_EQ(cfg.dvs->crop_x1, 33u);
    EXPECT_EQ(cfg.dvs->crop_y1, 33u);
    ASSERT_EQ(cfg.dvs->destinations.size(), 1u);
    EXPECT_EQ(cfg.dvs->destinations[0].core, std::optional<std::uint32_t>{0});
    // From the README: Conv2d 16x2x5x5 s2 p1 -> IF -> Conv2d 16x16x3x3 p1 -> IF -> SumPool2d 2 ->
    // Conv2d 8x16x3x3 (p1 in the file) -> IF -> SumPool2d 2 -> Flatten -> Affine 256x128 -> IF ->
    // Affine 10x256 -> IF -> Output(10).
    const std::vector<ExpectedCore> expected = {
        {2, 34, 34, 16, 5, 2, 1, 16, 16, 1u, 1, "0", "1"},
        {16, 16, 16, 16, 3, 1, 1, 16, 16, 2u, 2, "2", "3"},
        {16, 8, 8, 8, 3, 1, 1, 8, 8, 3u, 2, "5", "6"},
        {8, 4, 4, 256, 4, 1, 0, 1, 1, 4u, 1, "9", "10"},
        {256, 1, 1, 10, 1, 1, 0, 1, 1, std::nullopt, 1, "11", "12"},
    };
    ASSERT_EQ(cfg.cores.size(), expected.size());
    ASSERT_EQ(im.cores.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        SCOPED_TRACE("core " + std::to_string(i));
        const CoreConfig& c = cfg.cores[i];
        const ExpectedCore& e = expected[i];
        EXPECT_EQ(c.id, i);
        EXPECT_EQ(c.in_channels, e.in_c);
        EXPECT_EQ(c.in_height, e.in_h);
        EXPECT_EQ(c.in_width, e.in_w);
        EXPECT_EQ(c.out_channels, e.out_c);
        EXPECT_EQ(c.kernel_x, e.k);
        EXPECT_EQ(c.kernel_y, e.k);
        EXPECT_EQ(c.stride_x, e.stride);
        EXPECT_EQ(c.stride_y, e.stride);
        EXPECT_EQ(c.padding_x, e.pad);
        EXPECT_EQ(c.padding_y, e.pad);
        EXPECT_EQ(c.out_height(), e.out_h);
        EXPECT_EQ(c.out_width(), e.out_w);
        EXPECT_EQ(c.weights.size(), std::size_t{e.out_c} * e.in_c * e.k * e.k);
        ASSERT_EQ(c.destinations.size(), 1u);
        EXPECT_EQ(c.destinations[0].core, e.dest);
        EXPECT_EQ(c.destinations[0].pool, e.pool);
        EXPECT_EQ(c.destinations[0].feature_shift, 0);
        EXPECT_EQ(im.cores[i].weight_node, e.weight_node);
        EXPECT_EQ(im.cores[i].spike_node, e.spike_node);
        EXPECT_FALSE(c.return_to_zero);
        // A destination core's input is this core's pooled output.
        if (e.dest) {
            const CoreConfig& d = cfg.cores[*e.dest];
            EXPECT_EQ(d.in_channels, c.out_channels);
            EXPECT_EQ(d.in_height, c.out_height() / e.pool);
            EXPECT_EQ(d.in_width, c.out_width() / e.pool);
        }
    }
    EXPECT_EQ(im.cores[1].pool_nodes, std::vector<std::string>{"4"});
    EXPECT_EQ(im.cores[2].pool_nodes, std::vector<std::string>{"7"});
    EXPECT_EQ(cfg.options.spike_test, SpikeTest::GreaterEqual);
    EXPECT_EQ(problems_of(cfg), "");
}

// Quantised weights, biases and thresholds recomputed from the raw float32 datasets.
TEST(NirImport, CnnSinabsQuantisation) {
    REQUIRE_NIR_FILE(path, "cnn_sinabs.nir");
    const NirSpeckImport im = import_nir(path.string());
    const std::vector<std::pair<std::string, std::string>> layers = {{"0", "1"}, {"2", "3"}, {"5", "6"}, {"9", "10"}, {"11", "12"}};
    for (std::size_t i = 0; i < layers.size(); ++i) {
        SCOPED_TRACE("core " + std::to_string(i));
        const CoreConfig& c = im.config.cores[i];
        std::vector<hsize_t> wd;
        const std::vector<float> w = h5_floats(path, "/node/nodes/" + layers[i].first + "/weight", &wd);
        const std::vector<float> b = h5_floats(path, "/node/nodes/" + layers[i].first + "/bias");
        const std::vector<float> thr = h5_floats(path, "/node/nodes/" + layers[i].second + "/v_threshold");
        const std::vector<float> r = h5_floats(path, "/node/nodes/" + layers[i].second + "/r");
        for (float x : r) ASSERT_EQ(x, 1.0f);  // as the README says; r = 1 leaves weights as they are
        for (float x : thr) ASSERT_EQ(x, thr[0]);
        const float scale = std::min({reference_scale(w, 8), reference_scale(b, 8), reference_scale({-thr[0], thr[0]}, 16)});
        EXPECT_EQ(im.cores[i].scale, scale);
        EXPECT_EQ(c.threshold_high, quantise(thr[0], scale));
        EXPECT_EQ(c.threshold_low, -quantise(thr[0], scale));
        EXPECT_GT(c.threshold_high, 0);
        // Every weight, at its Speck position.
        std::size_t checked = 0;
        if (wd.size() == 4) {  // [o][i][ky][kx] -> [o][i][kx][ky]
            for (hsize_t o = 0; o < wd[0]; ++o)
                for (hsize_t ci = 0; ci < wd[1]; ++ci)
                    for (hsize_t y = 0; y < wd[2]; ++y)
                        for (hsize_t x = 0; x < wd[3]; ++x, ++checked)
                            ASSERT_EQ(c.weights[c.weight_index(o, ci, x, y)],
                                      quantise(w[((o * wd[1] + ci) * wd[2] + y) * wd[3] + x], scale));
        } else {  // Affine [o][n], n = (c * H + y) * W + x over the core's (C, H, W) input
            ASSERT_EQ(wd.size(), 2u);
            for (hsize_t o = 0; o < wd[0]; ++o)
                for (std::uint32_t ch = 0; ch < c.in_channels; ++ch)
                    for (std::uint32_t y = 0; y < c.in_height; ++y)
                        for (std::uint32_t x = 0; x < c.in_width; ++x, ++checked)
                            ASSERT_EQ(c.weights[c.weight_index(o, ch, x, y)],
                                      quantise(w[o * wd[1] + (ch * c.in_height + y) * c.in_width + x], scale));
        }
        EXPECT_EQ(checked, c.weights.size());
        // Biases: per channel when any is non-zero, with leak enabled (sinabs: leak_enable = any(b)).
        bool any = false;
        for (float x : b) any = any || quantise(x, scale) != 0;
        EXPECT_EQ(c.leak, any);
        if (any) {
            ASSERT_EQ(c.biases.size(), b.size());
            for (std::size_t o = 0; o < b.size(); ++o) EXPECT_EQ(c.biases[o], quantise(b[o], scale));
        } else {
            EXPECT_TRUE(c.biases.empty());
        }
    }
}

TEST(NirImport, RejectsLifNorse) {
    REQUIRE_NIR_FILE(path, "lif_norse.nir");
    EXPECT_EQ(error_of([&] { import_nir(path.string()); }),
              "1:1: /node/nodes/1: node '1' (LIF): node type LIF is not supported on Speck: Speck neurons are "
              "integrate-and-fire without a membrane leak (supported: Input, Conv2d, Affine, Linear, IF, SumPool2d, "
              "Flatten, Output)");
    // The reader itself accepts it: only the import is impossible.
    const NirFile f = read_nir(path.string());
    EXPECT_EQ(f.version, "0.1.1");
    EXPECT_EQ(f.graph.node("1")->param("tau")->floats.size(), 1u);
}

TEST(NirImport, RejectsBrailleCubaLif) {
    REQUIRE_NIR_FILE(path, "braille_noDelay_bias_zero.nir");
    const NirFile f = read_nir(path.string());
    EXPECT_EQ(f.graph.node("lif1.lif")->type, "CubaLIF");
    EXPECT_EQ(f.graph.node("lif1.lif")->param("tau_mem")->bits, 64u);
    EXPECT_EQ(f.graph.edges.size(), 7u);
    EXPECT_EQ(error_of([&] { nir_to_speck(f); }),
              "1:1: /node/nodes/lif1.lif: node 'lif1.lif' (CubaLIF): node type CubaLIF is not supported on Speck: "
              "Speck neurons have no synaptic current and no membrane leak (supported: Input, Conv2d, Affine, "
              "Linear, IF, SumPool2d, Flatten, Output)");
}

TEST(NirRead, TruncatedSharedFileIsAnError) {
    REQUIRE_NIR_FILE(path, "cnn_sinabs.nir");
    TempDir dir("trunc");
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (std::size_t keep : {std::size_t{0}, std::size_t{7}, std::size_t{100}, std::size_t{4096}, bytes.size() / 2,
                             bytes.size() - 1}) {
        SCOPED_TRACE(keep);
        const fs::path p = dir.path / ("cut" + std::to_string(keep) + ".nir");
        std::ofstream(p, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(keep));
        const std::string err = error_of([&] { read_nir(p.string()); });
        EXPECT_EQ(err.rfind("1:1: ", 0), 0u) << err;
        EXPECT_TRUE(err.find("not an HDF5 file") != std::string::npos ||
                    err.find("HDF5 cannot open the file; it is truncated or damaged") != std::string::npos)
            << err;
    }
}

// Every proper prefix of a written file, and the file with a byte flipped in the superblock or
// its tail, is rejected with a SourceError (never a crash, never HDF5 output).
TEST(NirRead, TruncatedOrCorruptedGeneratedFile) {
    TempDir dir("cut");
    const fs::path whole = dir.path / "whole.nir";
    write_nir(whole.string(), nir_chain({nir_input("input", 2, 4, 4), nir_conv2d("conv", {1, 2, 1, 1}, {1, 1}, {0}),
                                         nir_if("if", {1, 4, 4}, 1, 1), nir_output("output", {1, 4, 4})}));
    std::ifstream in(whole, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_GT(bytes.size(), 1000u);
    EXPECT_EQ(read_nir(whole.string()).graph.nodes.size(), 4u);
    testing::internal::CaptureStderr();
    int rejected = 0;
    for (std::size_t keep = 0; keep < bytes.size(); keep += 97) {
        const fs::path p = dir.path / "cut.nir";
        std::ofstream(p, std::ios::binary | std::ios::trunc).write(bytes.data(), static_cast<std::streamsize>(keep));
        const std::string err = error_of([&] { import_nir(p.string()); });
        EXPECT_EQ(err.rfind("1:1: ", 0), 0u) << keep << ": " << err;
        rejected += err != "accepted";
    }
    EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
    EXPECT_EQ(rejected, static_cast<int>((bytes.size() + 96) / 97));
}

// Single damaged bytes of the shared LIF file that made HDF5 1.10 itself crash (a wild global
// heap reference: segfault in H5HG_read), loop (a zero-size heap object) or allocate 12 GB (a
// corrupted string length): each is now a diagnostic.
TEST(NirRead, DamagedBytesThatBrokeHdf5) {
    REQUIRE_NIR_FILE(path, "lif_norse.nir");
    TempDir dir("hdf5bugs");
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_EQ(bytes.size(), 17584u);
    auto flipped = [&](std::size_t at) {
        std::string b = bytes;
        b[at] = static_cast<char>(b[at] ^ 0x5a);
        const fs::path p = dir.path / ("flip" + std::to_string(at) + ".nir");
        std::ofstream(p, std::ios::binary) << b;
        return error_of([&] { read_nir(p.string()); });
    };
    EXPECT_EQ(flipped(2062), "1:1: /version: damaged file: string 0 refers to a global heap object that does not exist");
    EXPECT_EQ(flipped(2256),
              "1:1: /: damaged file: global heap collection at byte 2064: object 0 at byte 2392 has an impossible size 0");
    const std::string blowup = flipped(6335);
    EXPECT_EQ(blowup.rfind("1:1: /node/type: cannot read the strings (HDF5: ", 0), 0u) << blowup;
}

// Inputs the fuzz harness found crashing HDF5 itself (tests/fuzz/README.md): read_nir contains the
// crash in its child and reports it at the file.
TEST(NirRead, FuzzFindingsInsideHdf5AreDiagnostics) {
    const int n = test::check_error_corpus(test::source_dir() / "tests/errors/nir", [](const std::string& p) { read_nir(p); });
    EXPECT_GE(n, 1);
}

// Random damage to a small generated file: every outcome is a diagnostic or a configuration the
// emulator accepts; never a crash (HDF5 runs in a child process: a crash there is reported).
RC_GTEST_PROP(NirProperties, DamagedFilesGiveDiagnostics, ()) {
    static const std::string original = [] {
        TempDir dir("orig");
        const fs::path p = dir.path / "small.nir";
        write_nir(p.string(), nir_chain({nir_input("input", 2, 4, 4), nir_conv2d("conv", {2, 2, 3, 3}, std::vector<double>(36, 0.25), {0, 0}, {1, 1}, {1, 1}),
                                         nir_if("if", {2, 4, 4}, 1, 1), nir_output("output", {2, 4, 4})}));
        std::ifstream in(p, std::ios::binary);
        return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    }();
    std::string bytes = original;
    const int damage = *rc::gen::inRange(1, 4);
    for (int i = 0; i < damage; ++i) {
        const std::size_t at = *rc::gen::inRange<std::size_t>(0, bytes.size());
        bytes[at] = static_cast<char>(bytes[at] ^ *rc::gen::inRange(1, 256));
    }
    TempDir dir("damaged");
    const fs::path p = dir.path / "d.nir";
    std::ofstream(p, std::ios::binary) << bytes;
    try {
        const NirSpeckImport im = import_nir(p.string());
        RC_ASSERT(problems_of(im.config) == "");
        RC_TAG("imported");
    } catch (const SourceError& e) {
        RC_ASSERT(e.where().line == 1u);
        RC_ASSERT(e.where().file == p.string());
        RC_TAG("rejected");
    }
}

// ---------------------------------------------------------------- must-reject corpus

// Input(2, 8, 8) -> conv (4 x 2 x 3 x 3, pad 1) -> if -> out, the base of most corpus cases.
NirFile small_conv_net() {
    std::vector<double> w(4 * 2 * 3 * 3);
    for (std::size_t i = 0; i < w.size(); ++i) w[i] = (static_cast<double>(i % 7) - 3.0) / 8.0;
    return nir_chain({nir_input("input", 2, 8, 8), nir_conv2d("conv", {4, 2, 3, 3}, w, {0, 0, 0, 0}, {1, 1}, {1, 1}),
                      nir_if("if", {4, 8, 8}, 1.0, 1.0), nir_output("output", {4, 8, 8})});
}

NirNode& node_of(NirFile& f, const std::string& name) {
    for (NirNode& n : f.graph.nodes)
        if (n.name == name) return n;
    throw std::logic_error("no node " + name);
}

void raw_case(const fs::path& p, const std::function<void(H5Writer&)>& build) {
    H5Quiet quiet;
    H5Writer w(p);
    build(w);
}

TEST(NirImport, MustRejectCorpus) {
    TempDir dir("corpus");
    int cases = 0;
    auto expect = [&](const std::string& name, const std::string& message) {
        std::ofstream(dir.path / (name + ".expect")) << "1:1: error: " << message << "\n";
        ++cases;
    };
    auto written = [&](const std::string& name, const NirFile& f, const std::string& message) {
        write_nir((dir.path / name).string(), f);
        expect(name, message);
    };
    const std::string supported = " (supported: Input, Conv2d, Affine, Linear, IF, SumPool2d, Flatten, Output)";

    // Not NIR at all.
    std::ofstream(dir.path / "garbage.nir", std::ios::binary) << std::string("\x89HDF\r\n\x1a\x0b garbage", 16) << std::string(500, '\x5a');
    expect("garbage.nir", "not an HDF5 file (no HDF5 superblock signature found)");
    std::ofstream(dir.path / "text.nir") << "version = 0.2.0\nnode = {}\n";
    expect("text.nir", "not an HDF5 file (no HDF5 superblock signature found)");
    std::ofstream(dir.path / "empty.nir");
    expect("empty.nir", "not an HDF5 file (no HDF5 superblock signature found)");

    // HDF5 files with the wrong layout, written with the C API.
    raw_case(dir.path / "no_node_group.nir", [](H5Writer& w) { w.strings(w.file, "version", {}, {"0.2.0"}); });
    expect("no_node_group.nir", "/: no group 'node': not a NIR graph file");
    raw_case(dir.path / "data_file.nir", [](H5Writer& w) {
        hid_t s = H5Screate(H5S_SCALAR);
        hid_t t = H5Tcopy(H5T_C_S1);
        H5Tset_size(t, 13);
        hid_t a = H5Acreate2(w.file, "__type__", t, s, H5P_DEFAULT, H5P_DEFAULT);
        H5Awrite(a, t, "NIRGraphData");
        H5Aclose(a), H5Tclose(t), H5Sclose(s);
        H5Gclose(w.group(w.file, "nodes"));
    });
    expect("data_file.nir", "/: no group 'node': this is a NIR data file (NIRGraphData), not a NIR graph");
    raw_case(dir.path / "no_version.nir", [](H5Writer& w) { H5Gclose(w.group(w.file, "node")); });
    expect("no_version.nir", "/: no dataset 'version': not a NIR graph file");
    raw_case(dir.path / "no_nodes.nir", [](H5Writer& w) {
        w.strings(w.file, "version", {}, {"0.2.0"});
        hid_t g = w.group(w.file, "node");
        w.strings(g, "type", {}, {"NIRGraph"});
        w.strings(g, "edges", {0, 2}, {});
        H5Gclose(g);
    });
    expect("no_nodes.nir", "/node: no group 'nodes'");
    raw_case(dir.path / "node_is_dataset.nir", [](H5Writer& w) {
        w.strings(w.file, "version", {}, {"0.2.0"});
        w.int64(w.file, "node", 3);
    });
    expect("node_is_dataset.nir", "/node: expected a group, found a dataset");
    raw_case(dir.path / "type_is_integer.nir", [](H5Writer& w) {
        w.strings(w.file, "version", {}, {"0.2.0"});
        hid_t g = w.group(w.file, "node");
        w.strings(g, "type", {}, {"NIRGraph"});
        w.strings(g, "edges", {0, 2}, {});
        hid_t nodes = w.group(g, "nodes");
        hid_t x = w.group(nodes, "x");
        w.int64(x, "type", 7);
        H5Gclose(x), H5Gclose(nodes), H5Gclose(g);
    });
    expect("type_is_integer.nir", "/node/nodes/x/type: expected a string, found an integer dataset");
    raw_case(dir.path / "edges_rank1.nir", [](H5Writer& w) {
        w.strings(w.file, "version", {}, {"0.2.0"});
        hid_t g = w.group(w.file, "node");
        w.strings(g, "type", {}, {"NIRGraph"});
        w.strings(g, "edges", {3}, {"a", "b", "c"});
        H5Gclose(w.group(g, "nodes"));
        H5Gclose(g);
    });
    expect("edges_rank1.nir", "/node/edges: expected an N x 2 string dataset, found shape (3,)");
    raw_case(dir.path / "top_not_graph.nir", [](H5Writer& w) {
        w.strings(w.file, "version", {}, {"0.2.0"});
        hid_t g = w.group(w.file, "node");
        w.strings(g, "type", {}, {"LIF"});
        H5Gclose(g);
    });
    expect("top_not_graph.nir",
           "/node/type: the top-level node has type 'LIF'; only files whose top-level node is a NIRGraph are supported");
    raw_case(dir.path / "soft_link.nir", [](H5Writer& w) {
        w.strings(w.file, "version", {}, {"0.2.0"});
        H5Lcreate_soft("/version", w.file, "node", H5P_DEFAULT, H5P_DEFAULT);
    });
    expect("soft_link.nir", "/node: soft link; NIR files hold only groups and datasets");

    // Well-formed HDF5, graphs that the reader or the importer must reject.
    {
        NirFile f = small_conv_net();
        f.graph.edges.push_back({"if", "ghost"});
        written("unknown_edge.nir", f, "/node/edges: edge 3 ('if' -> 'ghost') names unknown node 'ghost'");
    }
    {
        NirFile f = small_conv_net();
        nir_set(f, "conv", "groups", nir_int(2));
        written("groups2.nir", f,
                "/node/nodes/conv/groups: node 'conv' (Conv2d): groups=2 (grouped convolution) is not supported on Speck");
    }
    {
        NirFile f = small_conv_net();
        nir_set(f, "conv", "dilation", nir_pair(2, 2));
        written("dilation2.nir", f, "/node/nodes/conv/dilation: node 'conv' (Conv2d): dilation (2, 2) is not supported on Speck");
    }
    {
        NirFile f = small_conv_net();
        nir_set(f, "conv", "weight", nir_floats({4, 2, 3}, std::vector<double>(24, 0.5)));
        written("weight_rank3.nir", f,
                "/node/nodes/conv/weight: node 'conv' (Conv2d): expected a rank-4 weight [c_out][c_in][k_y][k_x], found "
                "shape (4, 2, 3)");
    }
    {
        NirFile f = small_conv_net();
        nir_set(f, "conv", "weight", nir_string("0.5"));
        written("weight_string.nir", f,
                "/node/nodes/conv/weight: node 'conv' (Conv2d): expected a float dataset, found a string dataset");
    }
    {
        NirFile f = small_conv_net();
        nir_set(f, "conv", "stride", nir_floats({2}, {1.0, 1.0}));
        written("stride_float.nir", f,
                "/node/nodes/conv/stride: node 'conv' (Conv2d): expected an integer dataset, found a float dataset");
    }
    {
        NirFile f = small_conv_net();
        nir_set(f, "conv", "stride", nir_pair(3, 3));
        written("stride3.nir", f, "/node/nodes/conv/stride: node 'conv' (Conv2d): stride (3, 3): Speck strides are 1, 2, 4 or 8");
    }
    {
        NirFile f = small_conv_net();
        nir_set(f, "conv", "weight", nir_floats({4, 3, 3, 3}, std::vector<double>(108, 0.5)));
        written("in_channels.nir", f,
                "/node/nodes/conv/weight: node 'conv' (Conv2d): weight has 3 input channels but the node receives 2 channels");
    }
    {
        NirFile f = small_conv_net();
        node_of(f, "conv").type = "LIF";
        written("lif.nir", f,
                "/node/nodes/conv: node 'conv' (LIF): node type LIF is not supported on Speck: Speck neurons are "
                "integrate-and-fire without a membrane leak" + supported);
    }
    {
        NirFile f = small_conv_net();
        node_of(f, "if").type = "Delay";
        written("delay.nir", f, "/node/nodes/if: node 'if' (Delay): node type Delay is not supported on Speck: Speck has no synaptic delays" + supported);
    }
    {
        NirFile f = small_conv_net();
        f.graph.edges.push_back({"if", "conv"});
        written("recurrent.nir", f, "/node/edges: recurrent edge 'if' -> 'conv' closes a cycle; Speck cores are feed-forward");
    }
    {
        NirFile f = small_conv_net();
        nir_set(f, "if", "v_threshold", nir_floats({4, 8, 8}, std::vector<double>(256, 0.0)));
        written("threshold0.nir", f, "/node/nodes/if/v_threshold: node 'if' (IF): threshold 0 must be positive");
    }
    {
        NirFile f = small_conv_net();
        std::vector<double> t(256, 1.0);
        t[200] = 2.0;
        nir_set(f, "if", "v_threshold", nir_floats({4, 8, 8}, t));
        written("threshold_varies.nir", f,
                "/node/nodes/if/v_threshold: node 'if' (IF): v_threshold varies within output channel 3 (1 vs 2); "
                "Speck has one value per core");
    }
    {
        NirFile f = small_conv_net();
        nir_set(f, "if", "r", nir_floats({4, 8}, std::vector<double>(32, 1.0)));
        written("r_shape.nir", f, "/node/nodes/if/r: node 'if' (IF): expected shape (4, 8, 8) (or one value), found (4, 8)");
    }
    {
        NirFile f = small_conv_net();
        nir_set(f, "if", "v_reset", nir_floats({1}, {0.25}));
        written("v_reset.nir", f,
                "/node/nodes/if/v_reset: node 'if' (IF): v_reset 0.25 cannot be represented: Speck resets by "
                "subtracting the threshold or to 0");
    }
    {
        NirFile f = small_conv_net();
        nir_set(f, "input", "shape", nir_ints({3}, {3, 8, 8}));
        written("input3.nir", f,
                "/node/nodes/input/shape: node 'input' (Input): the DVS input has 3 channels; expected 2 (polarities) "
                "or 1 (polarities merged)");
    }
    {
        NirFile f = small_conv_net();
        nir_set(f, "input", "shape", nir_ints({1}, {128}));
        written("input_flat.nir", f,
                "/node/nodes/input/shape: node 'input' (Input): expected the DVS input shape (C, H, W), found (128,)");
    }
    {
        NirFile f = nir_chain({nir_input("input", 2, 8, 8), nir_affine("fc", 3, 128, std::vector<double>(384, 0.1), {0, 0, 0}),
                               nir_if("if", {3}, 1.0, 1.0), nir_output("output", {3})});
        written("affine_unflattened.nir", f,
                "/node/nodes/fc: node 'fc' (Affine): needs a flat input; insert a Flatten node before it (the input is "
                "(2, 8, 8))");
    }
    {
        NirFile f = nir_chain({nir_input("input", 2, 6, 6), nir_sumpool("pool", 3),
                               nir_conv2d("conv", {1, 2, 1, 1}, {1, 1}, {0}), nir_if("if", {1, 2, 2}, 1, 1),
                               nir_output("output", {1, 2, 2})});
        written("pool3.nir", f, "/node/nodes/pool: node 'pool' (SumPool2d): kernel_size (3, 3): Speck pools by 1, 2 or 4");
    }
    {
        NirFile f = nir_chain({nir_input("input", 2, 6, 6), nir_conv2d("conv", {1, 2, 1, 1}, {1, 1}, {0}),
                               nir_if("if", {1, 6, 6}, 1, 1), nir_sumpool("pool", 4), nir_output("output", {1, 1, 1})});
        written("pool_indivisible.nir", f,
                "/node/nodes/pool: node 'pool' (SumPool2d): the 6x6 map is not divisible by 4; Speck would send the "
                "last rows/columns to addresses PyTorch drops");
    }
    {
        NirFile f = small_conv_net();
        nir_set(f, "conv", "weight", nir_floats({4, 2, 17, 17}, std::vector<double>(4 * 2 * 17 * 17, 0.1)));
        nir_set(f, "conv", "padding", nir_pair(7, 7));
        written("kernel17.nir", f, "/node/nodes/conv/weight: node 'conv' (Conv2d): kernel 17 exceeds Speck's 16");
    }
    {
        NirFile f = small_conv_net();
        nir_set(f, "conv", "weight", nir_floats({4, 2, 3, 1}, std::vector<double>(24, 0.1)));
        written("kernel_rect.nir", f,
                "/node/nodes/conv/weight: node 'conv' (Conv2d): kernel 3x1 is not square; Speck kernels are square");
    }
    {
        NirFile f = small_conv_net();
        NirFile g = small_conv_net();
        f.graph.nodes.push_back(nir_output("output2", {4, 8, 8}));
        f.graph.nodes.back().path = "/node/nodes/output2";
        f.graph.edges.push_back({"if", "output2"});
        written("two_outputs.nir", f,
                "/node/nodes/output2: node 'output2' (Output): a second Output node (the first is 'output'); only one "
                "output is imported");
        NirNode stray = nir_if("stray", {4, 8, 8}, 1, 1);
        stray.path = "/node/nodes/stray";
        g.graph.nodes.push_back(stray);
        g.graph.edges.push_back({"if", "stray"});
        written("branch.nir", g,
                "/node/nodes/if: node 'if' (IF): has 2 successors ('output', 'stray'); only a single chain from Input "
                "to Output is imported");
    }
    {
        NirFile f = small_conv_net();
        NirNode orphan = nir_sumpool("orphan", 2);
        orphan.path = "/node/nodes/orphan";
        f.graph.nodes.push_back(orphan);
        written("orphan.nir", f, "/node/nodes/orphan: node 'orphan' (SumPool2d): is not on the chain from the Input to the Output");
    }
    {
        NirFile f = small_conv_net();
        NirNode sub = nir_node("sub", "NIRGraph", {});
        sub.subgraph.push_back(small_conv_net().graph);
        f.graph.nodes.push_back(sub);
        written("nested.nir", f,
                "/node/nodes/sub: node 'sub' (NIRGraph): nested NIRGraph nodes are not supported; flatten the subgraph "
                "into the top-level graph");
    }
    {
        NirFile f = small_conv_net();
        nir_set(f, "output", "shape", nir_ints({1}, {10}));
        written("output_shape.nir", f,
                "/node/nodes/output/shape: node 'output' (Output): declares (10,) (10 values) but receives (4, 8, 8)");
    }
    {
        // Weights so large that the threshold quantises to 0.
        NirFile f = small_conv_net();
        std::vector<double> w(72, 0.0);
        w[0] = 1000.0;
        nir_set(f, "conv", "weight", nir_floats({4, 2, 3, 3}, w));
        written("threshold_to_zero.nir", f,
                "/node/nodes/if/v_threshold: node 'if' (IF): threshold 1 quantises to 0 at scale 0.127000004 (the "
                "weights of node 'conv' (Conv2d) are too large relative to it)");
    }
    {
        // Ten cores: one more than the chip has.
        std::vector<NirNode> nodes = {nir_input("input", 2, 4, 4)};
        nodes.push_back(nir_conv2d("c0", {2, 2, 1, 1}, {1, 1, 1, 1}, {0, 0}));
        nodes.push_back(nir_if("i0", {2, 4, 4}, 1, 1));
        for (int i = 1; i < 10; ++i) {
            nodes.push_back(nir_conv2d("c" + std::to_string(i), {2, 2, 1, 1}, {1, 1, 1, 1}, {0, 0}));
            nodes.push_back(nir_if("i" + std::to_string(i), {2, 4, 4}, 1, 1));
        }
        nodes.push_back(nir_output("output", {2, 4, 4}));
        written("ten_cores.nir", nir_chain(nodes), "/node/nodes/c9: node 'c9' (Conv2d): needs core 9 but Speck has 9 cores (0..8)");
    }
    {
        // 64 -> 1024 channels of 3x3 kernels: 64 * 2^(4 + 10) = 1Mi kernel entries, far above core 0's 16Ki.
        NirFile f = nir_chain({nir_input("input", 2, 4, 4), nir_conv2d("c0", {64, 2, 1, 1}, std::vector<double>(128, 0.5), std::vector<double>(64, 0)),
                               nir_if("i0", {64, 4, 4}, 1, 1),
                               nir_conv2d("c1", {1024, 64, 3, 3}, std::vector<double>(1024 * 64 * 9, 0.5), std::vector<double>(1024, 0), {1, 1}, {1, 1}),
                               nir_if("i1", {1024, 4, 4}, 1, 1), nir_output("output", {1024, 4, 4})});
        written("memory.nir", f,
                "/node/nodes/c1: node 'c1' (Conv2d): does not fit core 1: kernel memory 1048576 (1024Ki) exceeds core "
                "1's 16384 (16Ki)");
    }

    const int checked = check_error_corpus(dir.path, [](const std::string& p) { import_nir(p); });
    EXPECT_EQ(checked, cases);
    EXPECT_GE(checked, 40);
}

TEST(NirRead, MissingFileAndDirectory) {
    TempDir dir("missing");
    EXPECT_EQ(error_of([&] { read_nir((dir.path / "nope.nir").string()); }), "1:1: cannot open file: no such file");
    EXPECT_EQ(error_of([&] { read_nir(dir.path.string()); }), "1:1: cannot open file: it is a directory");
}

TEST(NirWrite, ErrorsAreReported) {
    TempDir dir("write");
    EXPECT_EQ(error_of([&] { write_nir((dir.path / "no" / "such" / "dir.nir").string(), small_conv_net()); }),
              "1:1: /: cannot create the file");
    NirFile bad = small_conv_net();
    nir_set(bad, "conv", "weight", nir_floats({4, 2, 3, 3}, {1.0}));  // 72 elements declared, 1 given
    EXPECT_THROW(write_nir((dir.path / "bad.nir").string(), bad), std::invalid_argument);
    NirFile slash = small_conv_net();
    node_of(slash, "conv").name = "a/b";
    EXPECT_THROW(write_nir((dir.path / "slash.nir").string(), slash), std::invalid_argument);
}

// HDF5 prints nothing of its own on a failure (its automatic error printing is off).
TEST(NirRead, NoHdf5ErrorStackOnStderr) {
    TempDir dir("quiet");
    const fs::path p = dir.path / "bad.nir";
    raw_case(p, [](H5Writer& w) { w.strings(w.file, "version", {}, {"0.2.0"}); });
    testing::internal::CaptureStderr();
    const std::string err = error_of([&] { read_nir(p.string()); });
    const std::string printed = testing::internal::GetCapturedStderr();
    EXPECT_EQ(err, "1:1: /: no group 'node': not a NIR graph file");
    EXPECT_EQ(printed, "");
}

// Edges may address a node inside a nested graph as `<subgraph>.<node>`; anything else that is
// not a node is an error. The import then rejects the nested graph by name.
TEST(NirRead, NestedGraphEdges) {
    TempDir dir("nested");
    NirFile f = small_conv_net();
    NirNode sub = nir_node("sub", "NIRGraph", {{"metadata", nir_string("inner")}});
    sub.subgraph.push_back(small_conv_net().graph);
    f.graph.nodes.push_back(sub);
    f.graph.edges.push_back({"if", "sub.input"});
    const std::string p = (dir.path / "nested.nir").string();
    write_nir(p, f);
    const NirFile back = read_nir(p);
    const NirNode* s = back.graph.node("sub");
    ASSERT_NE(s, nullptr);
    ASSERT_EQ(s->subgraph.size(), 1u);
    EXPECT_EQ(s->subgraph[0].path, "/node/nodes/sub");
    EXPECT_EQ(s->subgraph[0].nodes.size(), 4u);
    EXPECT_EQ(s->param("metadata")->strings, std::vector<std::string>{"inner"});
    EXPECT_EQ(s->subgraph[0].node("conv")->path, "/node/nodes/sub/nodes/conv");
    f.graph.edges.back().target = "sub.ghost";
    write_nir(p, f);
    EXPECT_EQ(error_of([&] { read_nir(p); }), "1:1: /node/edges: edge 3 ('if' -> 'sub.ghost') names unknown node 'sub.ghost'");
}

// What h5py writes besides variable-length strings: fixed-length NUL-padded strings (numpy
// 'S'), gzip-compressed float32 chunks, int32 integers; all read as the same values.
TEST(NirRead, FixedLengthStringsGzipAndInt32) {
    TempDir dir("h5py");
    const fs::path p = dir.path / "h5py.nir";
    {
        H5Quiet quiet;
        H5Writer w(p);
        auto fixed = [](hid_t loc, const char* name, const std::string& v) {
            hid_t t = H5Tcopy(H5T_C_S1);
            H5Tset_size(t, v.size() + 3);
            H5Tset_strpad(t, H5T_STR_NULLPAD);
            hid_t s = H5Screate(H5S_SCALAR);
            hid_t d = H5Dcreate2(loc, name, t, s, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
            std::string buf = v + std::string(3, '\0');
            H5Dwrite(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data());
            H5Dclose(d), H5Sclose(s), H5Tclose(t);
        };
        fixed(w.file, "version", "0.0.1");
        hid_t g = w.group(w.file, "node");
        fixed(g, "type", "NIRGraph");
        w.strings(g, "edges", {0, 2}, {});
        hid_t nodes = w.group(g, "nodes");
        hid_t x = w.group(nodes, "x");
        fixed(x, "type", "Affine");
        const hsize_t dims[2] = {2, 3};
        hid_t s = H5Screate_simple(2, dims, nullptr);
        hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
        H5Pset_chunk(dcpl, 2, dims);
        H5Pset_deflate(dcpl, 4);
        hid_t d = H5Dcreate2(x, "weight", H5T_IEEE_F32LE, s, H5P_DEFAULT, dcpl, H5P_DEFAULT);
        const float wv[6] = {0.5f, -1.25f, 3.0f, 0.0f, 1e-3f, -7.0f};
        H5Dwrite(d, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, wv);
        H5Dclose(d), H5Pclose(dcpl), H5Sclose(s);
        hid_t s1 = H5Screate(H5S_SCALAR);
        hid_t di = H5Dcreate2(x, "groups", H5T_STD_I32BE, s1, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        const std::int32_t one = -5;
        H5Dwrite(di, H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, &one);
        H5Dclose(di), H5Sclose(s1);
        H5Gclose(x), H5Gclose(nodes), H5Gclose(g);
    }
    const NirFile f = read_nir(p.string());
    EXPECT_EQ(f.version, "0.0.1");
    const NirNode* x = f.graph.node("x");
    ASSERT_NE(x, nullptr);
    EXPECT_EQ(x->type, "Affine");
    EXPECT_EQ(x->param("weight")->shape, (std::vector<std::uint64_t>{2, 3}));
    EXPECT_EQ(x->param("weight")->floats, (std::vector<double>{0.5, -1.25, 3.0, 0.0, static_cast<double>(1e-3f), -7.0}));
    EXPECT_EQ(x->param("groups")->integers, std::vector<std::int64_t>{-5});
    EXPECT_EQ(x->param("groups")->bits, 32u);
}

// ---------------------------------------------------------------- small graphs, exact results

TEST(NirImport, DvsPoolingMergedPolarityAndChannelR) {
    // Input(1, 9, 9) -> SumPool 2 -> Conv 2x1x1x1 -> IF(r = (2, 0.5)) -> Output: DVS pooled 2x2,
    // crop to the 4x4 map PyTorch keeps, polarities merged; r scales each channel's weight.
    NirFile f = nir_chain({nir_input("input", 1, 9, 9), nir_sumpool("pool", 2), nir_conv2d("conv", {2, 1, 1, 1}, {0.25, 1.0}, {0, 0}),
                           nir_if("if", {2, 4, 4}, 1.0, 2.0), nir_output("output", {2, 4, 4})});
    std::vector<double> r(32, 2.0);
    std::fill(r.begin() + 16, r.end(), 0.5);
    nir_set(f, "if", "r", nir_floats({2, 4, 4}, r));
    const NirSpeckImport im = nir_to_speck(f);
    const DvsLayerConfig& dvs = *im.config.dvs;
    EXPECT_TRUE(dvs.merge_polarity);
    EXPECT_EQ(dvs.width, 9u);
    EXPECT_EQ(dvs.pool_x, 2u);
    EXPECT_EQ(dvs.pool_y, 2u);
    EXPECT_EQ(dvs.crop_x1, 3u);
    EXPECT_EQ(dvs.crop_y1, 3u);
    const CoreConfig& c = im.config.cores.at(0);
    EXPECT_EQ(c.in_width, 4u);
    EXPECT_EQ(c.in_channels, 1u);
    // r * w = (0.5, 0.5): s_w = 127 / 0.5 = 254; s_t = 32767 / 2; scale = 254.
    EXPECT_EQ(im.cores[0].scale, 254.0f);
    EXPECT_EQ(c.weights, (std::vector<std::int8_t>{127, 127}));
    EXPECT_EQ(c.threshold_high, 508);
    EXPECT_EQ(c.threshold_low, -508);
    EXPECT_FALSE(c.leak);
    ASSERT_EQ(c.destinations.size(), 1u);
    EXPECT_FALSE(c.destinations[0].core.has_value());
    EXPECT_EQ(problems_of(im.config), "");
}

TEST(NirImport, BiasEnablesLeakAndRoundsHalfToEven) {
    // Weights (1, -1) give scale 127; 0.5 * 127 = 63.5 is an exact tie.
    NirFile f = nir_chain({nir_input("input", 2, 2, 2), nir_conv2d("conv", {2, 2, 1, 1}, {1.0, -1.0, 0.5, 0.25}, {0.5, -0.125}),
                           nir_if("if", {2, 2, 2}, 1.0, 4.0), nir_output("output", {2, 2, 2})});
    const NirSpeckImport im = nir_to_speck(f);
    const CoreConfig& c = im.config.cores.at(0);
    EXPECT_EQ(im.cores[0].scale, 127.0f);
    // 0.5 * 127 = 63.5 -> 64 (even); -0.125 * 127 = -15.875 -> -16; 0.25 * 127 = 31.75 -> 32.
    EXPECT_EQ(c.biases, (std::vector<std::int32_t>{64, -16}));
    EXPECT_TRUE(c.leak);
    EXPECT_EQ(c.weights, (std::vector<std::int8_t>{127, -127, 64, 32}));
    EXPECT_EQ(c.threshold_high, 508);
    EXPECT_EQ(discretize_value(2.5f, 1.0f), 2.0f);
    EXPECT_EQ(discretize_value(3.5f, 1.0f), 4.0f);
    EXPECT_EQ(discretize_value(-2.5f, 1.0f), -2.0f);
    // Return-to-zero on request; bias scale fitted to 16 bits on request.
    NirToSpeckOptions o;
    o.return_to_zero = true;
    EXPECT_TRUE(nir_to_speck(f, o).config.cores[0].return_to_zero);
}

TEST(NirImport, PaddingStringsAndLinear) {
    NirFile f = nir_chain({nir_input("input", 2, 5, 5), nir_conv2d("conv", {1, 2, 3, 3}, std::vector<double>(18, 0.1), {0}),
                           nir_if("if", {1, 5, 5}, 1.0, 1.0), nir_flatten("flat", {1, 5, 5}),
                           nir_node("lin", "Linear", {{"weight", nir_floats({3, 25}, std::vector<double>(75, -0.2))}}),
                           nir_if("if2", {3}, 1.0, 1.0), nir_output("output", {3})});
    nir_set(f, "conv", "padding", nir_string("same"));
    const NirSpeckImport im = nir_to_speck(f);
    ASSERT_EQ(im.config.cores.size(), 2u);
    EXPECT_EQ(im.config.cores[0].padding_x, 1u);
    EXPECT_EQ(im.config.cores[0].out_width(), 5u);
    EXPECT_EQ(im.config.cores[1].kernel_x, 5u);
    EXPECT_EQ(im.config.cores[1].in_channels, 1u);
    EXPECT_EQ(im.cores[1].weight_type, "Linear");
    // All weights -0.2: |min| <= |max| * 128/127, so sinabs scales by 127 / 0.2, not 128 / 0.2.
    EXPECT_EQ(im.config.cores[1].weights.front(), -127);
    nir_set(f, "conv", "padding", nir_string("valid"));
    EXPECT_EQ(error_of([&] { nir_to_speck(f); }),
              "1:1: /node/nodes/if/r: node 'if' (IF): expected shape (1, 3, 3) (or one value), found (1, 5, 5)");
}

// ---------------------------------------------------------------- properties

const std::string kNameChars = "abcdefghijklmnopqrstuvwxyz0123456789_.-";

rc::Gen<std::string> gen_name() {
    return rc::gen::map(rc::gen::container<std::string>(rc::gen::elementOf(kNameChars)), [](std::string s) {
        if (s.empty() || s[0] == '.') s.insert(s.begin(), 'n');
        return s.substr(0, 10);
    });
}

NirParam gen_param(int depth) {
    const int kind = *rc::gen::inRange(0, depth > 0 ? 6 : 5);
    const int rank = *rc::gen::inRange(0, 4);
    std::vector<std::uint64_t> shape;
    std::uint64_t n = 1;
    for (int i = 0; i < rank; ++i) {
        shape.push_back(*rc::gen::inRange<std::uint64_t>(0, 4));
        n *= shape.back();
    }
    NirParam p;
    p.shape = shape;
    switch (kind) {
    case 0:
    case 1:
        p.kind = NirParam::Kind::Float;
        p.bits = kind == 0 ? 32 : 64;
        for (std::uint64_t i = 0; i < n; ++i) {
            const double v = *rc::gen::inRange(-100000, 100000) / 1024.0;
            p.floats.push_back(kind == 0 ? static_cast<double>(static_cast<float>(v)) : v / 3.0);
        }
        break;
    case 2: {
        p.kind = NirParam::Kind::Integer;
        p.bits = *rc::gen::element(8u, 16u, 32u, 64u);
        p.is_unsigned = *rc::gen::arbitrary<bool>() && p.bits < 64;
        const std::int64_t hi = p.bits == 64 ? INT64_MAX : (std::int64_t{1} << (p.bits - 1)) - 1;
        const std::int64_t lo = p.is_unsigned ? 0 : (p.bits == 64 ? INT64_MIN : -hi - 1);
        for (std::uint64_t i = 0; i < n; ++i)
            p.integers.push_back(*rc::gen::oneOf(rc::gen::just(lo), rc::gen::just(hi), rc::gen::inRange<std::int64_t>(lo / 2, hi / 2)));
        break;
    }
    case 3:
        p.kind = NirParam::Kind::Boolean;
        p.bits = 8;
        for (std::uint64_t i = 0; i < n; ++i) p.integers.push_back(*rc::gen::inRange(0, 2));
        break;
    case 4:
        p.kind = NirParam::Kind::String;
        for (std::uint64_t i = 0; i < n; ++i)
            p.strings.push_back(*rc::gen::element<std::string>("", "IF", "Conv2d", "µs ± 5", "a.b", "x y"));
        break;
    default: {
        p = NirParam{};
        p.kind = NirParam::Kind::Group;
        std::set<std::string> names;
        const int members = *rc::gen::inRange(0, 3);
        for (int i = 0; i < members; ++i) {
            std::string name = *gen_name();
            if (names.insert(name).second) p.members.emplace_back(name, gen_param(depth - 1));
        }
        break;
    }
    }
    return p;
}

NirGraph gen_graph(int depth, const std::string& path) {
    NirGraph g;
    g.path = path;
    std::set<std::string> names;
    const int count = *rc::gen::inRange(0, 6);
    for (int i = 0; i < count; ++i) {
        std::string name = *gen_name();
        if (!names.insert(name).second) continue;
        const bool nested = depth > 0 && *rc::gen::inRange(0, 8) == 0;
        NirNode n;
        n.name = name;
        n.path = path + "/nodes/" + name;
        n.type = nested ? "NIRGraph" : *rc::gen::element<std::string>("Conv2d", "IF", "SumPool2d", "Affine", "Flatten", "LIF");
        std::set<std::string> keys = {"type"};
        if (nested) keys.insert({"nodes", "edges"});
        const int params = *rc::gen::inRange(0, 4);
        for (int k = 0; k < params; ++k) {
            std::string key = *rc::gen::element<std::string>("weight", "bias", "r", "v_threshold", "stride", "metadata", "kernel_size");
            if (keys.insert(key).second) n.params.emplace_back(key, gen_param(key == "metadata" ? 2 : 0));
        }
        nir_sort(n.params);
        if (nested) n.subgraph.push_back(gen_graph(depth - 1, n.path));
        g.nodes.push_back(std::move(n));
    }
    std::sort(g.nodes.begin(), g.nodes.end(), [](const NirNode& a, const NirNode& b) { return a.name < b.name; });
    if (!g.nodes.empty()) {
        const int edges = *rc::gen::inRange(0, 8);
        for (int i = 0; i < edges; ++i) {
            const std::size_t a = *rc::gen::inRange<std::size_t>(0, g.nodes.size());
            const std::size_t b = *rc::gen::inRange<std::size_t>(0, g.nodes.size());
            g.edges.push_back({g.nodes[a].name, g.nodes[b].name});
        }
    }
    return g;
}

RC_GTEST_PROP(NirProperties, WriteReadRoundTrip, ()) {
    NirFile f;
    f.version = *rc::gen::element<std::string>("0.2.0", "1.0.4", "");
    f.graph = gen_graph(2, "/node");
    if (*rc::gen::inRange(0, 4) == 0) f.graph.params.emplace_back("metadata", gen_param(2));
    nir_sort(f.graph.params);  // the reader returns group members in name order
    NirWriteOptions options;
    options.deflate_level = *rc::gen::element(0u, 4u);
    TempDir dir("rt");
    const std::string p = (dir.path / "g.nir").string();
    write_nir(p, f, options);
    const NirFile back = read_nir(p);
    RC_ASSERT(back.version == f.version);
    RC_ASSERT(back.graph.nodes.size() == f.graph.nodes.size());
    for (std::size_t i = 0; i < f.graph.nodes.size(); ++i) {
        RC_ASSERT(back.graph.nodes[i].path == f.graph.nodes[i].path);
        RC_ASSERT(back.graph.nodes[i] == f.graph.nodes[i]);
    }
    RC_ASSERT(back.graph.edges == f.graph.edges);
    RC_ASSERT(back.graph.params == f.graph.params);
    RC_ASSERT(back == f);
}

// A random Input -> Conv2d -> IF -> Output layer: quantised values stay in range, within half a
// quantisation step of r * w, and the scale is the largest for which everything fits.
RC_GTEST_PROP(NirProperties, QuantisationInRangeAndTight, ()) {
    const std::uint32_t co = *rc::gen::inRange(1u, 5u), k = *rc::gen::element(1u, 3u), hw = *rc::gen::inRange(3u, 7u);
    const std::uint32_t out = hw - k + 1;
    auto gen_value = [](double range) { return static_cast<double>(static_cast<float>(*rc::gen::inRange(-100000, 100001) / 100000.0 * range)); };
    const double w_range = *rc::gen::element(0.001, 0.5, 3.0, 40.0);
    std::vector<double> w(std::size_t{co} * 2 * k * k), b(co, 0.0);
    for (double& x : w) x = gen_value(w_range);
    const bool with_bias = *rc::gen::arbitrary<bool>();
    if (with_bias)
        for (double& x : b) x = gen_value(*rc::gen::element(0.01, 1.0, 100.0));
    const double thr = static_cast<float>(*rc::gen::element(0.001, 0.1, 1.0, 7.5, 300.0));
    std::vector<double> r(std::size_t{co} * out * out);
    std::vector<float> r_channel(co);
    for (std::uint32_t c = 0; c < co; ++c) {
        r_channel[c] = static_cast<float>(*rc::gen::element(1.0, 0.5, 2.0, 1.25));
        std::fill(r.begin() + c * out * out, r.begin() + (c + 1) * out * out, r_channel[c]);
    }
    NirFile f = nir_chain({nir_input("input", 2, hw, hw), nir_conv2d("conv", {co, 2, k, k}, w, b), nir_if("if", {co, out, out}, 1.0, thr),
                           nir_output("output", {co, out, out})});
    nir_set(f, "if", "r", nir_floats({co, out, out}, r));

    // Reference quantities in float32: r * w, r * b, (-thr, thr).
    std::vector<float> rw, rb;
    for (std::size_t i = 0; i < w.size(); ++i) rw.push_back(static_cast<float>(w[i]) * r_channel[i / (2 * k * k)]);
    for (std::uint32_t c = 0; c < co; ++c) rb.push_back(static_cast<float>(b[c]) * r_channel[c]);
    const float t = static_cast<float>(thr);
    const float scale = std::min({reference_scale(rw, 8), reference_scale(rb, 8), reference_scale({-t, t}, 16)});

    NirSpeckImport im;
    try {
        im = nir_to_speck(f);
    } catch (const SourceError& e) {
        // The only admissible failure: the threshold rounds to 0 at this scale.
        RC_ASSERT(e.message().find("quantises to 0") != std::string::npos);
        RC_ASSERT(quantise(t, scale) == 0);
        RC_TAG("threshold quantises to 0");
        return;
    }
    const CoreConfig& c = im.config.cores.at(0);
    RC_ASSERT(problems_of(im.config) == "");
    RC_ASSERT(im.cores[0].scale == scale);
    RC_ASSERT(c.threshold_high >= 1);
    RC_ASSERT(c.threshold_low == -c.threshold_high);
    RC_ASSERT(std::fabs(c.threshold_high - static_cast<double>(t) * scale) <= 0.5 + 1e-3);
    int max_abs = 0;
    for (std::uint32_t o = 0; o < co; ++o)
        for (std::uint32_t i = 0; i < 2; ++i)
            for (std::uint32_t y = 0; y < k; ++y)
                for (std::uint32_t x = 0; x < k; ++x) {
                    const int q = c.weights[c.weight_index(o, i, x, y)];
                    const double exact = rw[((o * 2 + i) * k + y) * k + x];
                    RC_ASSERT(q >= -128 && q <= 127);
                    RC_ASSERT(std::fabs(q / static_cast<double>(scale) - exact) <= (0.5 + 1e-4) / scale);
                    max_abs = std::max(max_abs, std::abs(q));
                }
    int max_bias = 0;
    for (std::int32_t q : c.biases) {
        RC_ASSERT(q >= -128 && q <= 127);
        max_bias = std::max(max_bias, std::abs(q));
    }
    RC_ASSERT(c.leak == !c.biases.empty());
    for (std::uint32_t o = 0; o < co && !c.biases.empty(); ++o)
        RC_ASSERT(std::fabs(c.biases[o] / static_cast<double>(scale) - rb[o]) <= (0.5 + 1e-4) / scale);
    // Tight: some quantity reaches the edge of its range.
    RC_ASSERT(max_abs >= 126 || max_bias >= 126 || c.threshold_high >= 32766);
}

// Flatten + Affine: the Speck convolution over the whole map computes PyTorch's dot product over
// the (c, y, x)-flattened input, for random weights and random binary inputs.
RC_GTEST_PROP(NirProperties, FlattenAffineMatchesPyTorchOrder, ()) {
    const std::uint32_t C = *rc::gen::inRange(1u, 3u), H = *rc::gen::inRange(1u, 6u), W = H, O = *rc::gen::inRange(1u, 5u);
    std::vector<double> a(std::size_t{O} * C * H * W);
    for (double& x : a) x = static_cast<float>(*rc::gen::inRange(-1000, 1001) / 997.0);
    NirFile f = nir_chain({nir_input("input", C, H, W), nir_flatten("flat", {C, H, W}), nir_affine("fc", O, C * H * W, a, std::vector<double>(O, 0.0)),
                           nir_if("if", {O}, 1.0, 1.0), nir_output("output", {O})});
    const NirSpeckImport im = nir_to_speck(f);
    const CoreConfig& c = im.config.cores.at(0);
    const float s = im.cores[0].scale;
    RC_ASSERT(c.kernel_x == W && c.kernel_y == H && c.out_width() == 1u && c.out_height() == 1u);
    RC_ASSERT(problems_of(im.config) == "");
    const std::vector<int> in = *rc::gen::container<std::vector<int>>(C * H * W, rc::gen::inRange(0, 2));  // in[c][y][x]
    for (std::uint32_t o = 0; o < O; ++o) {
        long speck = 0, torch = 0;
        for (std::uint32_t ch = 0; ch < C; ++ch)
            for (std::uint32_t y = 0; y < H; ++y)
                for (std::uint32_t x = 0; x < W; ++x) speck += c.weights[c.weight_index(o, ch, x, y)] * in[(ch * H + y) * W + x];
        for (std::size_t i = 0; i < std::size_t{C} * H * W; ++i)
            torch += quantise(static_cast<float>(a[o * C * H * W + i]), s) * in[i];
        RC_ASSERT(speck == torch);
    }
}

// Conv2d: Speck's [o][i][kx][ky] holds PyTorch's [o][i][ky][kx], and the output map follows
// PyTorch's formula for random strides and paddings.
RC_GTEST_PROP(NirProperties, Conv2dLayoutAndShape, ()) {
    const std::uint32_t k = *rc::gen::inRange(1u, 6u), co = *rc::gen::inRange(1u, 4u);
    const std::uint32_t stride = *rc::gen::element(1u, 2u, 4u), pad = *rc::gen::inRange(0u, std::min(k, 4u));
    const std::uint32_t h = *rc::gen::inRange(k, 20u), w = *rc::gen::inRange(k, 20u);
    std::vector<double> wt(std::size_t{co} * 2 * k * k);
    for (double& x : wt) x = static_cast<float>(*rc::gen::inRange(-500, 501) / 250.0);
    const std::uint32_t oh = (h + 2 * pad - k) / stride + 1, ow = (w + 2 * pad - k) / stride + 1;
    NirFile f = nir_chain({nir_input("input", 2, h, w), nir_conv2d("conv", {co, 2, k, k}, wt, std::vector<double>(co, 0.0), {stride, stride}, {pad, pad}),
                           nir_if("if", {co, oh, ow}, 1.0, 1.0), nir_output("output", {co, oh, ow})});
    const NirSpeckImport im = nir_to_speck(f);
    const CoreConfig& c = im.config.cores.at(0);
    RC_ASSERT(c.in_height == h && c.in_width == w && c.out_height() == oh && c.out_width() == ow);
    RC_ASSERT(problems_of(im.config) == "");
    const float s = im.cores[0].scale;
    for (std::uint32_t o = 0; o < co; ++o)
        for (std::uint32_t i = 0; i < 2; ++i)
            for (std::uint32_t y = 0; y < k; ++y)
                for (std::uint32_t x = 0; x < k; ++x)
                    RC_ASSERT(static_cast<int>(c.weights[c.weight_index(o, i, x, y)]) ==
                              quantise(static_cast<float>(wt[((o * 2 + i) * k + y) * k + x]), s));
}

}  // namespace
}  // namespace np
