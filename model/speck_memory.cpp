#include "model/speck_memory.hpp"

#include <array>

namespace np {
namespace {

constexpr std::uint64_t Ki = 1024;
constexpr std::array<std::uint64_t, kSpeckCores> kKernelCapacity = {16 * Ki, 16 * Ki, 16 * Ki, 32 * Ki, 32 * Ki,
                                                                    64 * Ki, 64 * Ki, 16 * Ki, 16 * Ki};
constexpr std::array<std::uint64_t, kSpeckCores> kNeuronCapacity = {64 * Ki, 64 * Ki, 64 * Ki, 32 * Ki, 32 * Ki,
                                                                    16 * Ki, 16 * Ki, 16 * Ki, 16 * Ki};
constexpr std::uint64_t kBiasCapacity = 1024;

std::string with_ki(std::uint64_t n) {
    std::string s = std::to_string(n);
    if (n % Ki == 0 && n > 0) s += " (" + std::to_string(n / Ki) + "Ki)";
    return s;
}

}  // namespace

std::uint32_t ceil_log2(std::uint64_t n) {
    std::uint32_t bits = 0;
    while (bits < 64 && (std::uint64_t{1} << bits) < n) ++bits;
    return bits;
}

std::uint64_t kernel_memory(std::uint64_t in_channels, std::uint64_t out_channels, std::uint64_t kernel_x,
                            std::uint64_t kernel_y) {
    const std::uint32_t e = ceil_log2(kernel_x * kernel_y) + ceil_log2(out_channels);
    return e >= 64 ? UINT64_MAX : in_channels * (std::uint64_t{1} << e);
}

std::uint64_t neuron_memory(std::uint64_t out_channels, std::uint64_t out_width, std::uint64_t out_height) {
    const std::uint32_t e = ceil_log2(out_height) + ceil_log2(out_width);
    return e >= 64 ? UINT64_MAX : out_channels * (std::uint64_t{1} << e);
}

CoreMemory core_memory_requirement(const CoreConfig& core) {
    CoreMemory m;
    m.kernel = kernel_memory(core.in_channels, core.out_channels, core.kernel_x, core.kernel_y);
    const bool shape_ok = core.stride_x > 0 && core.stride_y > 0 && core.in_width + 2 * core.padding_x >= core.kernel_x &&
                          core.in_height + 2 * core.padding_y >= core.kernel_y;
    m.neuron = shape_ok ? neuron_memory(core.out_channels, core.out_width(), core.out_height()) : 0;
    m.bias = core.biases.empty() ? 0 : core.out_channels;
    return m;
}

std::optional<CoreMemory> core_memory_capacity(std::uint32_t id) {
    if (id >= kSpeckCores) return std::nullopt;
    return CoreMemory{kKernelCapacity[id], kNeuronCapacity[id], kBiasCapacity};
}

std::string core_memory_problem(const CoreConfig& core) {
    const std::optional<CoreMemory> cap = core_memory_capacity(core.id);
    if (!cap) return "core id " + std::to_string(core.id) + " is not one of the chip's cores 0..8";
    const CoreMemory need = core_memory_requirement(core);
    const std::string of = " exceeds core " + std::to_string(core.id) + "'s ";
    if (need.kernel > cap->kernel) return "kernel memory " + with_ki(need.kernel) + of + with_ki(cap->kernel);
    if (need.neuron > cap->neuron) return "neuron memory " + with_ki(need.neuron) + of + with_ki(cap->neuron);
    if (need.bias > cap->bias) return "bias memory " + std::to_string(need.bias) + of + std::to_string(cap->bias);
    return {};
}

}  // namespace np
