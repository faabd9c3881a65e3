// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/support/Versions.h"

#include "CuepointVersion.h"

#include <curl/curl.h>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
#include <libswscale/swscale.h>
}

namespace Cuepoint::Core {

namespace {

QString dotted(unsigned version)
{
    return QStringLiteral("%1.%2.%3")
        .arg(AV_VERSION_MAJOR(version))
        .arg(AV_VERSION_MINOR(version))
        .arg(AV_VERSION_MICRO(version));
}

} // namespace

QString cuepointVersion()
{
    return QStringLiteral(CUEPOINT_VERSION_STRING);
}

QList<LibraryVersion> libraryVersions()
{
    const curl_version_info_data *curl = curl_version_info(CURLVERSION_NOW);
    return {
        { QStringLiteral("FFmpeg"),
            QStringLiteral("%1 (libavformat %2, libavcodec %3, libswscale %4)")
                .arg(QString::fromLatin1(av_version_info()), dotted(avformat_version()),
                    dotted(avcodec_version()), dotted(swscale_version())) },
        { QStringLiteral("libcurl"),
            QStringLiteral("%1 (%2)").arg(QString::fromLatin1(curl->version),
                QString::fromLatin1(curl->ssl_version ? curl->ssl_version : "no TLS")) },
        { QStringLiteral("Qt"), QString::fromLatin1(qVersion()) },
    };
}

} // namespace Cuepoint::Core
