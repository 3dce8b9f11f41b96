// Eight bytes at a time: tests that say whether any byte of a word needs a closer look, so
// escapers and scanners copy plain text in runs (issue 7: most of a portfolio is plain text).
// Each test is exact about "some byte matches" (no misses); which byte is found bytewise.
// Private to core/src.
#pragma once

#include <cstdint>
#include <cstring>

namespace pathway::core::swar {

inline constexpr uint64_t kOnes = 0x0101010101010101ull;
inline constexpr uint64_t kHigh = 0x8080808080808080ull;

inline uint64_t load(const char* p) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    return w;
}
/// Non-zero when some byte of `w` is `c`.
inline uint64_t eq(uint64_t w, unsigned char c) {
    const uint64_t x = w ^ (kOnes * c);
    return (x - kOnes) & ~x & kHigh;
}
/// Non-zero when some byte of `w` is below `n` (n <= 128).
inline uint64_t below(uint64_t w, unsigned char n) {
    return (w - kOnes * n) & ~w & kHigh;
}
/// Non-zero when some byte of `w` is 0x80 or above (not ASCII).
inline uint64_t nonAscii(uint64_t w) {
    return w & kHigh;
}

} // namespace pathway::core::swar
