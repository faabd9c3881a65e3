// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SandboxUtil.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <cctype>
#include <ctime>
#include <limits>
#include <stdexcept>

namespace Cuepoint::Sandbox::Util {

namespace {
constexpr char kHex[] = "0123456789abcdef";

std::string toHex(const unsigned char *p, std::size_t n)
{
    std::string out;
    out.reserve(n * 2);
    for (std::size_t i = 0; i < n; ++i) {
        out.push_back(kHex[p[i] >> 4]);
        out.push_back(kHex[p[i] & 0xF]);
    }
    return out;
}

void randomBytes(unsigned char *p, std::size_t n)
{
    if (RAND_bytes(p, static_cast<int>(n)) != 1)
        throw std::runtime_error("no random bytes from OpenSSL");
}

std::uint32_t crc32(const unsigned char *p, std::size_t n, std::uint32_t crc = 0)
{
    crc = ~crc;
    for (std::size_t i = 0; i < n; ++i) {
        crc ^= p[i];
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

void putBe32(std::string &s, std::uint32_t v)
{
    for (int shift = 24; shift >= 0; shift -= 8)
        s.push_back(static_cast<char>((v >> shift) & 0xFF));
}

void pngChunk(std::string &png, const char *type, const std::string &data)
{
    putBe32(png, static_cast<std::uint32_t>(data.size()));
    std::string typed(type, 4);
    typed += data;
    png += typed;
    putBe32(png, crc32(reinterpret_cast<const unsigned char *>(typed.data()), typed.size()));
}
} // namespace

std::string sha256Hex(std::string_view data)
{
    std::array<unsigned char, EVP_MAX_MD_SIZE> md {};
    unsigned int len = 0;
    if (EVP_Digest(data.data(), data.size(), md.data(), &len, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("SHA-256 failed");
    return toHex(md.data(), len);
}

std::string randomHex(std::size_t n)
{
    std::string bytes(n, '\0');
    randomBytes(reinterpret_cast<unsigned char *>(bytes.data()), n);
    return toHex(reinterpret_cast<const unsigned char *>(bytes.data()), n);
}

std::string randomToken(std::size_t n)
{
    static constexpr char kAlphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    std::string bytes(n, '\0');
    randomBytes(reinterpret_cast<unsigned char *>(bytes.data()), n);
    std::string out;
    out.reserve(n);
    for (char c : bytes)
        out.push_back(kAlphabet[static_cast<unsigned char>(c) % 62]);
    return out;
}

std::int64_t randomInt(std::int64_t lo, std::int64_t hi)
{
    std::uint64_t r = 0;
    randomBytes(reinterpret_cast<unsigned char *>(&r), sizeof r);
    const auto span = static_cast<std::uint64_t>(hi - lo) + 1u;
    return lo + static_cast<std::int64_t>(span == 0 ? r : r % span);
}

std::string makeLogId(std::int64_t nowMs)
{
    const std::time_t t = static_cast<std::time_t>(nowMs / 1000);
    std::tm tm {};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y%m%d%H%M%S", &tm);
    std::string id = buf + randomHex(9);
    for (char &c : id)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return id;
}

std::string secretTag(std::string_view secret)
{
    if (secret.empty())
        return {};
    return "h:" + sha256Hex(secret).substr(0, 12);
}

std::optional<std::size_t> utf16Length(std::string_view s)
{
    std::size_t units = 0;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = 0;
        std::uint32_t cp = 0;
        if (c < 0x80) {
            len = 1;
            cp = c;
        } else if ((c & 0xE0) == 0xC0) {
            len = 2;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            cp = c & 0x07;
        } else {
            return std::nullopt;
        }
        if (i + len > s.size())
            return std::nullopt;
        for (std::size_t k = 1; k < len; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80)
                return std::nullopt;
            cp = (cp << 6) | (cc & 0x3F);
        }
        // Overlong forms, surrogates and values above U+10FFFF are not UTF-8.
        static constexpr std::uint32_t kMin[] = { 0, 0, 0x80, 0x800, 0x10000 };
        if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return std::nullopt;
        units += cp >= 0x10000 ? 2 : 1;
        i += len;
    }
    return units;
}

std::optional<std::string> formDecode(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') {
            out.push_back(' ');
        } else if (s[i] == '%') {
            auto hexVal = [](char h) -> int {
                if (h >= '0' && h <= '9')
                    return h - '0';
                if (h >= 'a' && h <= 'f')
                    return h - 'a' + 10;
                if (h >= 'A' && h <= 'F')
                    return h - 'A' + 10;
                return -1;
            };
            if (i + 2 >= s.size())
                return std::nullopt;
            const int hi = hexVal(s[i + 1]);
            const int lo = hexVal(s[i + 2]);
            if (hi < 0 || lo < 0)
                return std::nullopt;
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

std::string formEncode(std::string_view s)
{
    std::string out;
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            out.push_back(ch);
        } else {
            out.push_back('%');
            out.push_back("0123456789ABCDEF"[c >> 4]);
            out.push_back("0123456789ABCDEF"[c & 0xF]);
        }
    }
    return out;
}

std::optional<std::multimap<std::string, std::string>> parseForm(std::string_view body)
{
    std::multimap<std::string, std::string> out;
    for (const std::string &pair : split(body, '&')) {
        if (pair.empty())
            continue;
        const auto eq = pair.find('=');
        auto key = formDecode(std::string_view(pair).substr(0, eq));
        auto value = formDecode(
            eq == std::string::npos ? std::string_view {} : std::string_view(pair).substr(eq + 1));
        if (!key || !value)
            return std::nullopt;
        if (out.find(*key) == out.end())
            out.emplace(std::move(*key), std::move(*value));
    }
    return out;
}

std::vector<std::string> split(std::string_view s, char sep)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= s.size()) {
        const auto pos = s.find(sep, start);
        if (pos == std::string_view::npos) {
            out.emplace_back(s.substr(start));
            break;
        }
        out.emplace_back(s.substr(start, pos - start));
        start = pos + 1;
    }
    return out;
}

std::string join(const std::vector<std::string> &parts, char sep)
{
    std::string out;
    for (const auto &p : parts) {
        if (!out.empty())
            out.push_back(sep);
        out += p;
    }
    return out;
}

std::string toLower(std::string_view s)
{
    std::string out(s);
    for (char &c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::optional<std::int64_t> parseInt64(std::string_view s)
{
    if (s.empty() || s.size() > 19)
        return std::nullopt;
    std::int64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9')
            return std::nullopt;
        const int d = c - '0';
        if (v > (std::numeric_limits<std::int64_t>::max() - d) / 10)
            return std::nullopt;
        v = v * 10 + d;
    }
    return v;
}

std::string solidPng(std::uint8_t r, std::uint8_t g, std::uint8_t b)
{
    constexpr std::uint32_t kSide = 64;
    std::string png("\x89PNG\r\n\x1a\n", 8);
    std::string ihdr;
    putBe32(ihdr, kSide);
    putBe32(ihdr, kSide);
    ihdr += std::string("\x08\x02\x00\x00\x00", 5); // 8-bit RGB, no interlace
    pngChunk(png, "IHDR", ihdr);

    std::string raw;
    for (std::uint32_t y = 0; y < kSide; ++y) {
        raw.push_back('\0'); // filter: none
        for (std::uint32_t x = 0; x < kSide; ++x) {
            raw.push_back(static_cast<char>(r));
            raw.push_back(static_cast<char>(g));
            raw.push_back(static_cast<char>(b));
        }
    }
    // zlib stream with one stored block (raw is far below 65535 bytes) and an Adler-32 trailer.
    std::string z("\x78\x01", 2);
    z.push_back('\x01');
    const auto len = static_cast<std::uint16_t>(raw.size());
    z.push_back(static_cast<char>(len & 0xFF));
    z.push_back(static_cast<char>(len >> 8));
    z.push_back(static_cast<char>(~len & 0xFF));
    z.push_back(static_cast<char>((~len >> 8) & 0xFF));
    z += raw;
    std::uint32_t a = 1, bsum = 0;
    for (char c : raw) {
        a = (a + static_cast<unsigned char>(c)) % 65521;
        bsum = (bsum + a) % 65521;
    }
    putBe32(z, (bsum << 16) | a);
    pngChunk(png, "IDAT", z);
    pngChunk(png, "IEND", {});
    return png;
}

} // namespace Cuepoint::Sandbox::Util
