// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace Cuepoint::Core {

/// Why a file could not be read as a video at all (the CLI's exit code 2).
enum class ProbeError {
    None, ///< the file was read; see VideoInfo for what it holds
    NotFound, ///< nothing exists at the path
    NotAFile, ///< a folder, a device or a pipe
    Unreadable, ///< permission denied or a read error
    Empty, ///< zero bytes
    NotAVideo, ///< text, an image, random bytes: no video container
    NoVideoStream, ///< audio only, or audio with cover art (a picture is not a video)
    Damaged, ///< the container is recognised but its header or index is unusable
    Truncated, ///< the file ends before the data its index points to
};

/// The short, stable code of @p error for JSON output and tests ("not_found", "truncated"...).
QString probeErrorCode(ProbeError error);

/// What VideoProbe found out about one file. Values that could not be determined are empty
/// strings, 0 or -1 as documented per field.
struct VideoInfo
{
    QString path; ///< as given (empty when probing bytes in memory)
    qint64 sizeBytes = -1; ///< file size, -1 when unknown

    ProbeError error = ProbeError::None;
    QString errorMessage; ///< one plain sentence when error != None

    /// Container as TikTok names it: "mp4", "mov", "webm", "matroska", "avi", "3gp" or the
    /// demuxer's name for anything else. MP4/MOV are told apart by the major brand, WebM/MKV
    /// by the EBML DocType, which the demuxer does not expose.
    QString container;
    QString demuxer; ///< libavformat's name, e.g. "mov,mp4,m4a,3gp,3g2,mj2"

    QString videoCodec; ///< "h264", "hevc", "vp8", "vp9", "av1"... (avcodec_get_name)
    QString profile; ///< "High", "Main 10"... or empty
    QString pixelFormat; ///< "yuv420p", "yuv420p10le"... or empty when unknown
    int bitDepth = 0; ///< bits per luma sample, 0 when unknown
    QString colorTransfer; ///< "bt709", "smpte2084", "arib-std-b67"... or empty
    bool hdr = false; ///< PQ or HLG transfer (or Dolby Vision configuration)

    int width = 0; ///< coded width in pixels
    int height = 0; ///< coded height in pixels
    int sampleAspectNum = 1; ///< sample (pixel) aspect ratio, 1:1 when square or unknown
    int sampleAspectDen = 1;
    int rotation = 0; ///< clockwise degrees a viewer turns the picture: 0, 90, 180 or 270
    bool mirrored = false; ///< the display matrix also flips the picture
    int displayWidth = 0; ///< width as shown: sample aspect ratio and rotation applied
    int displayHeight = 0; ///< height as shown

    double fps = 0; ///< average frame rate, 0 when unknown
    bool variableFrameRate = false; ///< frame durations differ (judged from the index)
    qint64 durationMs = -1; ///< container duration, -1 when unknown

    int videoStreamCount = 0; ///< real video streams; cover art (attached pictures) excluded
    int audioStreamCount = 0;
    bool hasAudio = false;
    QString audioCodec; ///< codec of the first audio stream, or empty

    bool truncated = false; ///< the file ends before the data its index or header announces

    /// True when the file was read as a video (error == None).
    bool isReadable() const { return error == ProbeError::None; }
};

/// Reads a video's container headers and indexes with libavformat, without decoding a frame:
/// the pixel format comes from the bitstream parser, the frame rate and its variability from
/// the index. Safe on any input (empty, damaged, hostile); never throws for bad input.
class VideoProbe final
{
public:
    /// Probes the file at @p path.
    static VideoInfo probe(const QString &path);

    /// Probes bytes in memory (the fuzzer's entry point, and for data not on disk).
    static VideoInfo probeBytes(const QByteArray &bytes);
};

} // namespace Cuepoint::Core
