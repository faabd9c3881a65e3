// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/tiktok/ChunkPlan.h"

#include <algorithm>

namespace Cuepoint::Core {

ChunkPlan::Range ChunkPlan::chunk(qint64 index) const
{
    if (index < 0 || index >= totalChunkCount) {
        return {};
    }
    const qint64 offset = index * chunkSize;
    // The last chunk absorbs the bytes floor division leaves over.
    const qint64 length = index == totalChunkCount - 1 ? videoSize - offset : chunkSize;
    return { offset, length };
}

qint64 ChunkPlan::chunkStartingAt(qint64 offset) const
{
    if (chunkSize <= 0 || offset < 0 || offset % chunkSize != 0) {
        return -1;
    }
    const qint64 index = offset / chunkSize;
    return index < totalChunkCount ? index : -1;
}

std::optional<ChunkPlan> ChunkPlan::make(qint64 videoSize, qint64 preferredChunk, QString *why)
{
    const auto fail = [why](const QString &text) {
        if (why) {
            *why = text;
        }
        return std::nullopt;
    };
    if (videoSize <= 0) {
        return fail(QStringLiteral("The video file is empty."));
    }
    if (videoSize <= kMaxWholeFile) {
        return ChunkPlan { videoSize, videoSize, 1 };
    }
    qint64 chunk = std::clamp(preferredChunk, kMinChunk, kMaxChunk);
    // At least two chunks: a file above 64 MB must be chunked.
    chunk = std::min(chunk, videoSize / 2);
    // At most 1000 chunks: floor(size / chunk) <= 1000 exactly when chunk > size / 1001, so
    // the smallest such chunk is floor(size / 1001) + 1.
    if (videoSize / chunk > kMaxChunkCount) {
        chunk = videoSize / (kMaxChunkCount + 1) + 1;
    }
    if (chunk > kMaxChunk) {
        return fail(QStringLiteral("The video (%1 bytes) is too large for TikTok: at most 1000 "
                                   "chunks of 64 MB.")
                        .arg(videoSize));
    }
    const ChunkPlan plan { videoSize, chunk, videoSize / chunk };
    return plan;
}

bool ChunkPlan::satisfiesTikTokRules(
    qint64 videoSize, qint64 chunkSize, qint64 totalChunkCount, MbReading reading, QString *why)
{
    const qint64 mb = reading == MbReading::Decimal ? 1'000'000 : 1024 * 1024;
    const auto fail = [why](const char *text) {
        if (why) {
            *why = QString::fromLatin1(text);
        }
        return false;
    };
    if (videoSize <= 0 || chunkSize <= 0) {
        return fail("sizes must be positive");
    }
    if (chunkSize > videoSize) {
        return fail("The chunk size is invalid (larger than the video)");
    }
    if (totalChunkCount != videoSize / chunkSize) {
        return fail("total chunk count is invalid (not floor(video_size / chunk_size))");
    }
    if (totalChunkCount < 1 || totalChunkCount > 1000) {
        return fail("total chunk count is invalid (1 to 1000)");
    }
    if (videoSize < 5 * mb && chunkSize != videoSize) {
        return fail("The chunk size is invalid (a file below 5 MB is sent whole)");
    }
    if (videoSize > 64 * mb && totalChunkCount < 2) {
        return fail("The chunk size is invalid (a file above 64 MB must be chunked)");
    }
    if (videoSize >= 5 * mb && (chunkSize < 5 * mb || chunkSize > 64 * mb)) {
        return fail("The chunk size is invalid (5 MB to 64 MB)");
    }
    const qint64 last = videoSize - (totalChunkCount - 1) * chunkSize;
    if (last > 128 * mb) {
        return fail("The chunk size is invalid (the last chunk exceeds 128 MB)");
    }
    return true;
}

} // namespace Cuepoint::Core
