// The bytes of an input file for decoders that stream (event recordings of any size).
//
// A regular file is mapped read-only; as a decoder moves on it tells release_before() how far it
// got, and the pages before that point are handed back to the kernel (madvise MADV_DONTNEED: a
// page of a file mapping touched again is read from the file again), so that resident memory
// stays bounded whatever the file's size. What cannot be mapped (a pipe, /dev/stdin) is read
// whole, up to 1 GiB, as the text readers do. Bytes already in memory (tests, fuzzing) can be
// wrapped too; release_before() is then a no-op.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace np {

class MappedBytes {
public:
    // Throws SourceError (path:0:0) when the file cannot be opened or read.
    static MappedBytes open(const std::string& path);
    explicit MappedBytes(std::string_view in_memory);
    MappedBytes(MappedBytes&&) noexcept;
    MappedBytes& operator=(MappedBytes&&) noexcept;
    ~MappedBytes();

    std::string_view view() const { return view_; }
    // The decoder will not read before `offset` again. Cheap to call often: pages go back in
    // steps of at least 16 MiB.
    void release_before(std::size_t offset) const;

private:
    MappedBytes() = default;
    std::string_view view_;
    void* map_ = nullptr;                 // the mapping, when there is one
    std::size_t map_size_ = 0;
    mutable std::size_t released_ = 0;    // bytes at the start already handed back
    std::unique_ptr<std::string> owned_;  // the whole content, when it could not be mapped
};

}  // namespace np
