// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>

namespace Cuepoint::Core {

/// How a file is cut for TikTok's FILE_UPLOAD (tiktok-api.md §3.5).
///
/// TikTok's rules: total_chunk_count = floor(video_size / chunk_size); every chunk is at least
/// 5 MB and at most 64 MB, except the last one, which absorbs the remainder and may reach
/// 128 MB; files below 5 MB are sent whole (chunk_size = video_size); files above 64 MB must
/// be chunked; 1 to 1000 chunks. TikTok never says whether "MB" is 10^6 or 2^20 bytes, so the
/// plan uses only values valid under both readings:
///
/// - video_size <= 64,000,000 (kMaxWholeFile): one chunk, chunk_size = video_size. A file this
///   size is either "below 5 MB" (whole is required) or a single chunk between 5 MB and 64 MB
///   in either reading.
/// - otherwise: 5,242,880 (5 × 2^20) <= chunk_size <= 64,000,000 (64 × 10^6), at least two
///   chunks (chunk_size <= video_size / 2), total_chunk_count = floor(video_size / chunk_size)
///   <= 1000, and the last chunk is chunk_size + (video_size mod chunk_size) < 2 × chunk_size
///   <= 128,000,000 bytes. The preferred chunk size is raised only when needed to stay within
///   1000 chunks; a file too large for 1000 chunks of 64,000,000 bytes has no plan.
///
/// Ceiling division is never used: TikTok rejects it ("total chunk count is invalid").
struct ChunkPlan
{
    static constexpr qint64 kMinChunk = 5 * 1024 * 1024; ///< 5 MB in both readings
    static constexpr qint64 kMaxChunk = 64'000'000; ///< 64 MB in both readings
    static constexpr qint64 kMaxWholeFile = kMaxChunk; ///< the largest file sent whole
    static constexpr qint64 kMaxLastChunk = 128'000'000; ///< 128 MB in both readings
    static constexpr qint64 kMaxChunkCount = 1000;
    static constexpr qint64 kDefaultChunk = 16 * 1024 * 1024; ///< 16,777,216: within both
    /// TikTok's largest video, "4 GB", read as 4 x 10^9 (safe in both readings). Plans exist
    /// for larger files (up to 1000 chunks) but TikTokClient refuses to init them.
    static constexpr qint64 kMaxVideoSize = 4'000'000'000;

    qint64 videoSize = 0;
    qint64 chunkSize = 0;
    qint64 totalChunkCount = 0;

    /// The byte range of chunk @p index (0-based).
    struct Range
    {
        qint64 offset = 0;
        qint64 length = 0;
        qint64 last() const { return offset + length - 1; }
    };
    Range chunk(qint64 index) const;
    /// The index of the chunk starting at @p offset, or -1 when no chunk starts there.
    qint64 chunkStartingAt(qint64 offset) const;

    /// The plan for a file of @p videoSize bytes, preferring chunks of @p preferredChunk bytes
    /// (clamped into the safe range). Empty when the file is empty or too large; @p why says so.
    static std::optional<ChunkPlan> make(
        qint64 videoSize, qint64 preferredChunk = kDefaultChunk, QString *why = nullptr);

    /// What "MB" means when checking a plan against TikTok's rules.
    enum class MbReading { Decimal, Binary };
    /// Whether (videoSize, chunkSize, totalChunkCount) follows TikTok's rules when "MB" means
    /// 10^6 (Decimal) or 2^20 (Binary) bytes; @p why names the broken rule.
    static bool satisfiesTikTokRules(qint64 videoSize, qint64 chunkSize, qint64 totalChunkCount,
        MbReading reading, QString *why = nullptr);

    bool operator==(const ChunkPlan &) const = default;
};

} // namespace Cuepoint::Core
