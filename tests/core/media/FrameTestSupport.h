// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers shared by the frame, thumbnail and CLI tests: fixture paths and an independent
// oracle (the ffmpeg/ffprobe command-line tools) to compare our pictures and times against.

#include "cuepoint/core/media/VideoFrame.h"

#include <QByteArray>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <string>
#include <vector>

namespace Cuepoint::Core::FrameTesting {

/// A generated fixture (tests/data/make-fixtures.sh runs before the core tests). A missing
/// file is a failure, not a skip: the generator is a required CTest fixture.
inline QString fixture(const char *name)
{
    const QString path = QStringLiteral(CUEPOINT_FIXTURES_DIR "/") + QString::fromUtf8(name);
    EXPECT_TRUE(QFile::exists(path)) << "missing fixture " << path.toStdString();
    return path;
}

/// Runs a program; returns stdout, or an empty array (and a test failure) when it fails.
inline QByteArray runTool(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        ADD_FAILURE() << program.toStdString()
                      << " failed: " << process.readAllStandardError().toStdString();
        return {};
    }
    return process.readAllStandardOutput();
}

/// What ffprobe says about the first video stream: its time base, the format's start time,
/// the duration and the presentation timestamp of every frame in display order.
struct ProbeOracle
{
    int tbNum = 0;
    int tbDen = 1;
    qint64 formatStartUs = 0;
    qint64 durationMs = 0;
    std::vector<qint64> pts;
    std::vector<bool> key;
};

inline ProbeOracle probeOracle(const QString &path)
{
    ProbeOracle oracle;
    const QByteArray json = runTool(QStringLiteral("ffprobe"),
        { QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-select_streams"),
            QStringLiteral("v:0"), QStringLiteral("-show_entries"),
            QStringLiteral("stream=time_base:format=start_time,duration:frame=best_effort_"
                           "timestamp,key_frame"),
            QStringLiteral("-of"), QStringLiteral("json"), path });
    const QJsonObject root = QJsonDocument::fromJson(json).object();
    const QString tb = root.value(QStringLiteral("streams"))
                           .toArray()
                           .at(0)
                           .toObject()
                           .value(QStringLiteral("time_base"))
                           .toString();
    oracle.tbNum = tb.section(QLatin1Char('/'), 0, 0).toInt();
    oracle.tbDen = tb.section(QLatin1Char('/'), 1, 1).toInt();
    const QJsonObject format = root.value(QStringLiteral("format")).toObject();
    oracle.formatStartUs =
        qRound64(format.value(QStringLiteral("start_time")).toString().toDouble() * 1e6);
    oracle.durationMs =
        qRound64(format.value(QStringLiteral("duration")).toString().toDouble() * 1e3);
    for (const QJsonValue &value : root.value(QStringLiteral("frames")).toArray()) {
        const QJsonObject frame = value.toObject();
        oracle.pts.push_back(frame.value(QStringLiteral("best_effort_timestamp")).toInteger());
        oracle.key.push_back(frame.value(QStringLiteral("key_frame")).toInt() == 1);
    }
    return oracle;
}

/// Frame @p index (display order, counted from 0) as ffmpeg's CLI decodes it: RGBA, upright
/// (ffmpeg applies the rotation by default), at the coded size with SAR not applied.
inline QByteArray ffmpegFrameRgba(const QString &path, int index)
{
    return runTool(QStringLiteral("ffmpeg"),
        { QStringLiteral("-nostdin"), QStringLiteral("-v"), QStringLiteral("error"),
            QStringLiteral("-i"), path, QStringLiteral("-vf"),
            QStringLiteral("select=eq(n\\,%1)").arg(index), QStringLiteral("-fps_mode"),
            QStringLiteral("passthrough"), QStringLiteral("-frames:v"), QStringLiteral("1"),
            QStringLiteral("-f"), QStringLiteral("rawvideo"), QStringLiteral("-pix_fmt"),
            QStringLiteral("rgba"), QStringLiteral("-") });
}

/// Mean absolute difference per colour channel between @p frame and packed RGBA @p rgba of
/// the same size; a large number when the sizes differ.
inline double meanAbsDiff(const VideoFrame &frame, const QByteArray &rgba)
{
    if (rgba.size() != qsizetype(frame.width) * frame.height * 4) {
        return 1e9;
    }
    qint64 sum = 0;
    for (int y = 0; y < frame.height; ++y) {
        const auto *a =
            reinterpret_cast<const uchar *>(frame.rgba.constData() + frame.offsetOf(0, y));
        const auto *b =
            reinterpret_cast<const uchar *>(rgba.constData()) + qsizetype(y) * frame.width * 4;
        for (int x = 0; x < frame.width * 4; ++x) {
            if (x % 4 != 3) {
                sum += std::abs(int(a[x]) - int(b[x]));
            }
        }
    }
    return double(sum) / (double(frame.width) * frame.height * 3);
}

/// A test name from a fixture file name: "ok_vp9_opus.webm" -> "ok_vp9_opus_webm".
inline std::string testName(const char *file)
{
    std::string name(file);
    for (char &c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) {
            c = '_';
        }
    }
    return name;
}

} // namespace Cuepoint::Core::FrameTesting
