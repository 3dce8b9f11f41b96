#include "pathway/core/text.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace pathway::core {

std::optional<double> parseDecimal(std::string_view t) {
    t = trim(t);
    if (t.empty()) return std::nullopt;
    bool negative = false;
    size_t i = 0;
    if (t[0] == '-' || t[0] == '+') {
        negative = t[0] == '-';
        i = 1;
    }
    // Digits are gathered as an integer and scaled once, so "0.6" is the double nearest 0.6.
    double mantissa = 0;
    double scale = 1;
    bool digits = false;
    for (; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i) {
        mantissa = mantissa * 10 + (t[i] - '0');
        digits = true;
    }
    if (i < t.size() && t[i] == '.') {
        for (++i; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i) {
            mantissa = mantissa * 10 + (t[i] - '0');
            scale *= 10;
            digits = true;
        }
    }
    const double value = mantissa / scale;
    if (!digits || i != t.size() || !std::isfinite(value)) return std::nullopt;
    return negative ? -value : value;
}

std::string formatDecimal(double v) {
    double rounded = std::round(v * 100.0) / 100.0;
    char buf[64];
    if (rounded == std::floor(rounded) && std::fabs(rounded) < 1e15)
        std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(rounded));
    else
        std::snprintf(buf, sizeof buf, "%.2f", rounded);
    std::string s = buf;
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    return s;
}

std::string_view trim(std::string_view t) {
    const auto first = t.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = t.find_last_not_of(" \t\r\n");
    return t.substr(first, last - first + 1);
}

size_t utf8SequenceAt(std::string_view s, size_t i) {
    const size_t n = s.size();
    if (i >= n) return 0;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) return 1;
    size_t len = 0;
    uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
        len = 2;
        cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3;
        cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        len = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (i + len > n) return 0;
    for (size_t k = 1; k < len; ++k) {
        const auto cc = static_cast<unsigned char>(s[i + k]);
        if ((cc & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        return 0;
    return len;
}

void appendUtf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::optional<size_t> findInvalidUtf8(std::string_view s) {
    size_t i = 0;
    const size_t n = s.size();
    while (i < n) {
        // Fast path: 8 ASCII bytes at a time (most of a portfolio is ASCII; issue 7 profile).
        while (i + 8 <= n) {
            uint64_t word;
            std::memcpy(&word, s.data() + i, 8);
            if (word & 0x8080808080808080ull) break;
            i += 8;
        }
        if (i >= n) break;
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        const size_t len = utf8SequenceAt(s, i);
        if (len == 0) return i;
        i += len;
    }
    return std::nullopt;
}

std::string asciiLower(std::string_view t) {
    std::string out(t);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool containsFolded(std::string_view hay, std::string_view needle) {
    if (needle.empty()) return true;
    if (needle.size() > hay.size()) return false;
    for (size_t i = 0; i + needle.size() <= hay.size(); ++i) {
        size_t k = 0;
        for (; k < needle.size(); ++k) {
            char c = hay[i + k];
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            if (c != needle[k]) break;
        }
        if (k == needle.size()) return true;
    }
    return false;
}

bool jsonNestingExceeds(std::string_view json, int limit) {
    int depth = 0;
    for (size_t i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (c == '"') {
            for (++i; i < json.size() && json[i] != '"'; ++i)
                if (json[i] == '\\') ++i;
        } else if (c == '[' || c == '{') {
            if (++depth > limit) return true;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return false;
}

size_t codePointCount(std::string_view text) {
    size_t n = 0;
    for (unsigned char c : text) n += (c & 0xC0) != 0x80;
    return n;
}

} // namespace pathway::core
