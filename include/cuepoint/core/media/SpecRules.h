// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <optional>

namespace Cuepoint::Core {

struct VideoInfo;

/// One rule a video breaks. `actual` and `limit` are numbers (qint64/double) or strings.
struct SpecViolation
{
    QString rule; ///< stable id: "video_streams", "frame_rate", "duration", "file_size",
                  ///< "dimensions", "container", "video_codec", "caption_length"
    QString message; ///< one plain sentence: "The video runs at 20 fps; TikTok needs 23 to 60 fps."
    QVariant actual; ///< the measured value
    QVariant limit; ///< the limit it breaks, e.g. "23-60" or 600
};

/// Something worth telling the user that does not block the upload.
struct SpecWarning
{
    QString rule; ///< "no_audio", "variable_frame_rate", "high_bit_depth", "hdr", "aspect_ratio"
    QString message;
};

/// The verdict on one video (and optionally its caption).
struct SpecResult
{
    QList<SpecViolation> violations;
    QList<SpecWarning> warnings;

    /// True when nothing blocks the upload (warnings allowed).
    bool passed() const { return violations.isEmpty(); }
    /// Whether a violation with rule id @p rule is present.
    bool hasViolation(const QString &rule) const;
    /// Whether a warning with rule id @p rule is present.
    bool hasWarning(const QString &rule) const;
};

/// The limits of product.md §6, as numbers. Loaded from resources/spec/tiktok-video-spec.json.
struct SpecLimits
{
    int videoStreams = 1; ///< exactly this many real video streams
    double minFps = 23; ///< lowest frame rate
    double maxFps = 60; ///< highest frame rate
    double fpsTolerance =
        0.005; ///< relative slack on both ends (60.0019 from a ms timebase passes)
    qint64 minDurationMs = 3000;
    qint64 maxDurationMs = 600000;
    qint64 durationToleranceMs = 100; ///< fragmented MP4 counts the B-frame delay (5.067 s for 5 s)
    qint64 maxFileSizeBytes = 1073741824;
    int minDimension = 360; ///< px, displayed width and height each
    int maxDimension = 4096;
    QStringList containers; ///< "mp4", "mov", "webm"
    QStringList videoCodecs; ///< "h264", "hevc", "vp8", "vp9"
    int maxCaptionCharacters = 150; ///< as a user counts them (grapheme clusters)
    int maxCaptionUtf16Units = 2200; ///< TikTok's own hard limit
    double portraitAspect = 9.0 / 16.0; ///< width / height that gets no warning
    double aspectTolerance = 0.02; ///< relative
};

/// Checks a probed video (and a caption) against TikTok's limits.
class SpecRules final
{
public:
    /// The rules of the data file built into the program
    /// (`:/cuepoint/spec/tiktok-video-spec.json`). The file is part of the build, so failing to
    /// load it is a programming error: it is logged and the compiled-in defaults of SpecLimits are
    /// used instead.
    static SpecRules defaults();

    /// Parses a spec file. Every key must be present and of the right type; returns
    /// std::nullopt with a sentence in @p error otherwise.
    static std::optional<SpecRules> fromJson(const QByteArray &json, QString *error = nullptr);

    /// Builds rules from explicit limits (tests, or limits fetched at run time).
    explicit SpecRules(SpecLimits limits);

    const SpecLimits &limits() const { return m_limits; }

    /// Checks @p info, which must be readable (VideoInfo::isReadable()). When
    /// @p creatorMaxDurationSec is set (TikTok's max_video_post_duration_sec for the account),
    /// the duration limit is the lower of it and the spec's maximum.
    SpecResult check(const VideoInfo &info, std::optional<int> creatorMaxDurationSec = {}) const;

    /// Checks a caption's length; the violations have rule "caption_length".
    SpecResult checkCaption(const QString &caption) const;

    /// A container id as people know it: "mp4" -> "MP4", "matroska" -> "Matroska (MKV)".
    static QString containerDisplayName(const QString &container);
    /// A codec id as people know it: "h264" -> "H.264", "hevc" -> "H.265".
    static QString codecDisplayName(const QString &codec);

    /// Characters as a user counts them: grapheme clusters, so "é" written as e + accent and a
    /// family emoji each count as one.
    static int userCharacterCount(const QString &text);

private:
    SpecLimits m_limits;
};

} // namespace Cuepoint::Core
