#include "spec/mapped_bytes.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <utility>

#include "model/diagnostic.hpp"
#include "spec/source_text.hpp"

namespace np {

namespace {

constexpr std::size_t kReleaseStep = std::size_t{16} << 20;

}  // namespace

MappedBytes MappedBytes::open(const std::string& path) {
    MappedBytes m;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw SourceError(Origin{path, 0, 0, {}}, std::string("cannot open file: ") + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
        m.map_size_ = static_cast<std::size_t>(st.st_size);
        if (m.map_size_ == 0) {
            ::close(fd);
            return m;
        }
        void* p = ::mmap(nullptr, m.map_size_, PROT_READ, MAP_PRIVATE, fd, 0);
        ::close(fd);
        if (p == MAP_FAILED) throw SourceError(Origin{path, 0, 0, {}}, std::string("cannot map file: ") + std::strerror(errno));
        ::madvise(p, m.map_size_, MADV_SEQUENTIAL);
        m.map_ = p;
        m.view_ = std::string_view(static_cast<const char*>(p), m.map_size_);
        return m;
    }
    ::close(fd);
    m.owned_ = std::make_unique<std::string>(SourceText::load(path).text());
    m.view_ = *m.owned_;
    return m;
}

MappedBytes::MappedBytes(std::string_view in_memory) : view_(in_memory) {}

MappedBytes::MappedBytes(MappedBytes&& o) noexcept { *this = std::move(o); }

MappedBytes& MappedBytes::operator=(MappedBytes&& o) noexcept {
    if (this == &o) return *this;
    if (map_) ::munmap(map_, map_size_);
    view_ = std::exchange(o.view_, {});
    map_ = std::exchange(o.map_, nullptr);
    map_size_ = std::exchange(o.map_size_, 0);
    released_ = std::exchange(o.released_, 0);
    owned_ = std::move(o.owned_);
    return *this;
}

MappedBytes::~MappedBytes() {
    if (map_) ::munmap(map_, map_size_);
}

void MappedBytes::release_before(std::size_t offset) const {
    if (!map_ || offset < released_ + kReleaseStep) return;
    static const std::size_t page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    const std::size_t end = std::min(offset, map_size_) / page * page;
    if (end <= released_) return;
    ::madvise(static_cast<char*>(map_) + released_, end - released_, MADV_DONTNEED);
    released_ = end;
}

}  // namespace np
