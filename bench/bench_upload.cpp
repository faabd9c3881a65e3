// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Uploads one file to a TikTok-compatible API (the sandbox) with TikTokClient: Direct Post init
// then the streamed chunk upload. Prints one JSON line with the timing and the process's peak
// memory (VmHWM). bench/bench-upload.sh compares it with `curl -T` on the same chunks.
//
//   bench_upload --api-base URL --token ACCESS_TOKEN --file FILE
//   bench_upload --print-plan --file FILE      (chunk_size and total_chunk_count, for curl)
#include "cuepoint/core/support/Clock.h"
#include "cuepoint/core/tiktok/ApiError.h"
#include "cuepoint/core/tiktok/HttpTransport.h"
#include "cuepoint/core/tiktok/TikTokClient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <cstdio>
#include <iostream>

using namespace Cuepoint::Core;

namespace {

qint64 peakRssKb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmHWM:")) {
            return line.mid(6).replace("kB", "").trimmed().toLongLong();
        }
    }
    return -1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QString apiBase;
    QByteArray token;
    QString file;
    bool printPlan = false;
    CurlTransportOptions transportOptions;
    const QStringList args = QCoreApplication::arguments();
    for (int i = 1; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("--api-base") && i + 1 < args.size()) {
            apiBase = args.at(++i);
        } else if (a == QLatin1String("--token") && i + 1 < args.size()) {
            token = args.at(++i).toUtf8();
        } else if (a == QLatin1String("--file") && i + 1 < args.size()) {
            file = args.at(++i);
        } else if (a == QLatin1String("--upload-buffer") && i + 1 < args.size()) {
            transportOptions.uploadBufferBytes = args.at(++i).toInt();
        } else if (a == QLatin1String("--print-plan")) {
            printPlan = true;
        } else {
            std::cerr << "usage: bench_upload --api-base URL --token TOKEN --file FILE | "
                         "--print-plan --file FILE\n";
            return 2;
        }
    }
    const qint64 size = QFileInfo(file).size();
    QString why;
    const auto plan = ChunkPlan::make(size, ChunkPlan::kDefaultChunk, &why);
    if (!plan) {
        std::cerr << "no chunk plan: " << why.toStdString() << '\n';
        return 2;
    }
    if (printPlan) {
        std::cout << plan->chunkSize << ' ' << plan->totalChunkCount << '\n';
        return 0;
    }
    TikTokConfig config;
    config.apiBase = apiBase;
    SystemClock clock;
    RateLimiter limiter(clock);
    auto transport = createCurlTransport(transportOptions);
    TikTokClient client(config, *transport, limiter, clock);
    try {
        DirectPostInfo post;
        post.privacyLevel = QStringLiteral("SELF_ONLY");
        post.title = QStringLiteral("benchmark");
        QElapsedTimer timer;
        timer.start();
        const UploadInit init = client.initDirectPost(token, post, *plan);
        const qint64 initMs = timer.elapsed();
        timer.restart();
        const UploadResult result =
            client.uploadFile(init.uploadUrl, file, *plan, UploadOptions {});
        const double seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
        std::printf("{\"bytes\":%lld,\"chunks\":%lld,\"chunk_size\":%lld,\"init_ms\":%lld,"
                    "\"upload_s\":%.4f,\"mb_per_s\":%.1f,\"status\":%d,\"retries\":%d,"
                    "\"peak_rss_kb\":%lld,\"publish_id\":\"%s\"}\n",
            static_cast<long long>(size), static_cast<long long>(plan->totalChunkCount),
            static_cast<long long>(plan->chunkSize), static_cast<long long>(initMs), seconds,
            static_cast<double>(size) / 1e6 / seconds, result.finalStatus, result.retries,
            static_cast<long long>(peakRssKb()), init.publishId.toStdString().c_str());
    } catch (const ApiError &e) {
        std::cerr << "upload failed: " << e.describe().toStdString() << '\n';
        return 1;
    }
    return 0;
}
