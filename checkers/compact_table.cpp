#include "checkers/compact_table.hpp"

#include <stdexcept>

namespace np {

CompactTable::CompactTable(unsigned id_bits)
    : place_bits_(id_bits - kShardBits), place_mask_(static_cast<std::uint32_t>((std::uint64_t{1} << place_bits_) - 1)),
      tag_shift_(place_bits_), shards_(new Shard[kShards]) {
    if (id_bits < 16 || id_bits > 40) throw std::invalid_argument("CompactTable: id_bits out of range");
}

CompactTable::CompactTable(CompactTable&& o) noexcept
    : place_bits_(o.place_bits_), place_mask_(o.place_mask_), tag_shift_(o.tag_shift_), shards_(std::move(o.shards_)),
      count_(o.count_), bytes_(o.bytes_.load()), concurrent_(o.concurrent_) {}

CompactTable::~CompactTable() {
    if (!shards_) return;
    for (std::uint32_t i = 0; i < kShards; ++i)
        for (std::uint64_t* seg : shards_[i].segments) delete[] seg;
}

std::uint64_t CompactTable::size() const {
    if (!concurrent_) return count_;
    std::uint64_t n = 0;
    for (std::uint32_t i = 0; i < kShards; ++i) n += shard_size(i);
    return n;
}

void CompactTable::set_concurrent(bool on) {
    concurrent_ = on;
    if (!on) {
        count_ = 0;
        for (std::uint32_t i = 0; i < kShards; ++i) count_ += shard_size(i);
    }
}

void CompactTable::prefetch(std::uint64_t h) const {
    const Shard& s = shards_[h >> (64 - kShardBits)];
    if (s.n_buckets) __builtin_prefetch(&s.buckets[home(s, h)]);
}

void CompactTable::prefetch_key(std::uint64_t h) const {
    const Shard& s = shards_[h >> (64 - kShardBits)];
    if (!s.n_buckets) return;
    const std::uint32_t tag_mask = ~place_mask_;
    const std::uint32_t tag = tag_shift_ >= 32 ? 0 : static_cast<std::uint32_t>(h >> (64 - kShardBits - (32 - tag_shift_))) << tag_shift_;
    for (std::uint32_t e : s.buckets[home(s, h)].e) {
        if (!e) return;
        if ((e & tag_mask) == (tag & tag_mask)) {
            const std::uint64_t x = (e & place_mask_) - 1 + 16;
            const unsigned k = 63 - static_cast<unsigned>(__builtin_clzll(x)) - 4;
            __builtin_prefetch(&s.segments[k][x - (std::uint64_t{16} << k)]);
            return;
        }
    }
}

void CompactTable::append(Shard& s, std::uint64_t key) {
    const std::uint64_t x = s.count.load(std::memory_order_relaxed) + 16;
    const unsigned k = 63 - static_cast<unsigned>(__builtin_clzll(x)) - 4;
    if (!s.segments[k]) {
        s.segments[k] = new std::uint64_t[std::uint64_t{16} << k];
        bytes_.fetch_add((std::uint64_t{16} << k) * 8, std::memory_order_relaxed);
    }
    s.segments[k][x - (std::uint64_t{16} << k)] = key;
}

void CompactTable::grow(Shard& s) {
    const std::uint64_t n = s.n_buckets < 2 ? s.n_buckets + 1 : s.n_buckets + s.n_buckets / 2;
    std::unique_ptr<Bucket[]> fresh(new Bucket[n]());
    const std::unique_ptr<Bucket[]> old = std::move(s.buckets);
    const std::uint64_t old_n = s.n_buckets;
    s.buckets = std::move(fresh);
    s.n_buckets = n;
    bytes_.fetch_add((n - old_n) * sizeof(Bucket), std::memory_order_relaxed);
    for (std::uint64_t b = 0; b < old_n; ++b)
        for (std::uint32_t e : old[b].e) {
            if (!e) continue;
            std::uint64_t i = home(s, hash(at(s, (e & place_mask_) - 1)));
            for (;; i = i + 1 == n ? 0 : i + 1) {
                std::uint32_t* slot = nullptr;
                for (std::uint32_t& f : s.buckets[i].e)
                    if (!f) {
                        slot = &f;
                        break;
                    }
                if (slot) {
                    *slot = e;
                    break;
                }
            }
        }
}

std::pair<std::uint64_t, bool> CompactTable::insert(std::uint64_t key, std::uint64_t h) {
    const std::uint32_t shard = static_cast<std::uint32_t>(h >> (64 - kShardBits));
    Shard& s = shards_[shard];
    if (concurrent_)
        while (s.locked.exchange(true, std::memory_order_acquire))
            while (s.locked.load(std::memory_order_relaxed)) __builtin_ia32_pause();
    struct Unlock {
        Shard& s;
        bool on;
        ~Unlock() {
            if (on) s.locked.store(false, std::memory_order_release);
        }
    } unlock{s, concurrent_};

    const std::uint64_t count = s.count.load(std::memory_order_relaxed);
    if ((count + 1) * 10 > s.n_buckets * 16 * 9) grow(s);
    const std::uint32_t tag = tag_shift_ >= 32 ? 0 : static_cast<std::uint32_t>(h >> (64 - kShardBits - (32 - tag_shift_))) << tag_shift_;
    const std::uint32_t tag_mask = ~place_mask_;
    for (std::uint64_t i = home(s, h);; i = i + 1 == s.n_buckets ? 0 : i + 1) {
        for (std::uint32_t& e : s.buckets[i].e) {
            if (!e) {
                if (count + 1 >= place_mask_) throw std::length_error("a state table shard is full (2^" + std::to_string(place_bits_) + " entries)");
                append(s, key);
                s.count.store(count + 1, std::memory_order_relaxed);
                e = (tag & tag_mask) | static_cast<std::uint32_t>(count + 1);
                if (!concurrent_) ++count_;
                return {id(shard, count), true};
            }
            if ((e & tag_mask) == (tag & tag_mask) && at(s, (e & place_mask_) - 1) == key) return {id(shard, (e & place_mask_) - 1), false};
        }
    }
}

}  // namespace np
