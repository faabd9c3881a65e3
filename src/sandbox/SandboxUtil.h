// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace Cuepoint::Sandbox::Util {

/// Lowercase hex SHA-256 of @p data (TikTok's desktop PKCE challenge is exactly this).
std::string sha256Hex(std::string_view data);
/// @p n random bytes from the OS, hex encoded (2n characters).
std::string randomHex(std::size_t n);
/// A random URL-safe token body of @p n characters over [A-Za-z0-9] plus '!' like TikTok's.
std::string randomToken(std::size_t n);
/// A uniformly random integer in [lo, hi].
std::int64_t randomInt(std::int64_t lo, std::int64_t hi);
/// "2026112606452301A1B2C3D4E5F6A7B8C9": a timestamp plus random hex, like TikTok's log ids.
std::string makeLogId(std::int64_t nowMs);
/// A short, non-reversible tag for a secret, safe to log: "h:" + first 12 hex of SHA-256.
std::string secretTag(std::string_view secret);

/// Length in UTF-16 code units; nullopt when @p utf8 is not valid UTF-8.
std::optional<std::size_t> utf16Length(std::string_view utf8);

/// application/x-www-form-urlencoded decoding ('+' is a space); nullopt on a bad %-escape.
std::optional<std::string> formDecode(std::string_view s);
std::string formEncode(std::string_view s);
/// Parses a form body or a query string. Repeated keys keep the first value; a bad escape fails.
std::optional<std::multimap<std::string, std::string>> parseForm(std::string_view body);

std::vector<std::string> split(std::string_view s, char sep);
std::string join(const std::vector<std::string> &parts, char sep);
std::string toLower(std::string_view s);
/// Parses a non-negative decimal int64 without sign, spaces or overflow.
std::optional<std::int64_t> parseInt64(std::string_view s);

/// A 64x64 single-colour PNG (stored deflate, no zlib needed), for the creators' avatars.
std::string solidPng(std::uint8_t r, std::uint8_t g, std::uint8_t b);

} // namespace Cuepoint::Sandbox::Util
