// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/media/MediaImporter.h"

#include "cuepoint/core/domain/MediaAsset.h"
#include "cuepoint/core/media/ContentHash.h"
#include "cuepoint/core/media/FrameGrabber.h"
#include "cuepoint/core/media/PngCodec.h"
#include "cuepoint/core/media/SpecRules.h"
#include "cuepoint/core/media/VideoProbe.h"
#include "cuepoint/core/storage/MediaStore.h"
#include "cuepoint/core/storage/StorageError.h"
#include "cuepoint/core/support/Logging.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QThread>
#include <QThreadPool>

#include <condition_variable>
#include <deque>
#include <mutex>

namespace Cuepoint::Core {

namespace {

constexpr qint64 kCoverAtMs = 1000;
constexpr int kCoverBox = 360; // px: the cover fits in a 360 x 360 box (HiDPI grid tiles)

/// What a worker found out about one file (no database involved).
struct Analysis
{
    ImportItem item;
    QString hash;
    bool known = false; ///< the hash was in the library (or claimed earlier in this run)
    bool cancelled = false; ///< not looked at: the import was cancelled first
    MediaAsset asset; ///< filled for new content
};

/// Copies @p source into @p dir under its own name (or "name (2).ext" when taken), through a
/// ".part" file, so a half copy never looks done. The name is reserved under a lock by creating
/// the ".part" file, so two workers copying files of the same name never pick the same one.
QString copyInto(const QString &source, const QString &dir, QString *error)
{
    static std::mutex naming;
    if (!QDir().mkpath(dir)) {
        *error = QStringLiteral("The library folder %1 cannot be created.").arg(dir);
        return {};
    }
    const QFileInfo fi(source);
    QString target;
    QFile part;
    {
        const std::lock_guard lock(naming);
        for (int n = 1;; ++n) {
            const QString name = n == 1 ? fi.fileName()
                : fi.suffix().isEmpty()
                ? QStringLiteral("%1 (%2)").arg(fi.completeBaseName()).arg(n)
                : QStringLiteral("%1 (%2).%3").arg(fi.completeBaseName()).arg(n).arg(fi.suffix());
            target = QDir(dir).filePath(name);
            if (QFileInfo::exists(target) || QFileInfo::exists(target + QStringLiteral(".part"))) {
                continue;
            }
            part.setFileName(target + QStringLiteral(".part"));
            if (part.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
                break;
            }
        }
    }
    QFile in(source);
    bool ok = in.open(QIODevice::ReadOnly);
    while (ok && !in.atEnd()) {
        const QByteArray chunk = in.read(4 * 1024 * 1024);
        ok = !chunk.isEmpty() && part.write(chunk) == chunk.size();
    }
    part.close();
    if (!ok || !QFile::rename(part.fileName(), target)) {
        part.remove();
        *error =
            QStringLiteral("%1 could not be copied into the library folder.").arg(fi.fileName());
        return {};
    }
    return target;
}

QString probeJson(const VideoInfo &info, const SpecResult &result)
{
    QJsonObject o;
    o.insert(QStringLiteral("container"), info.container);
    o.insert(QStringLiteral("videoCodec"), info.videoCodec);
    o.insert(QStringLiteral("audioCodec"), info.audioCodec);
    o.insert(QStringLiteral("width"), info.displayWidth);
    o.insert(QStringLiteral("height"), info.displayHeight);
    o.insert(QStringLiteral("fps"), info.fps);
    o.insert(QStringLiteral("durationMs"), info.durationMs);
    o.insert(QStringLiteral("sizeBytes"), info.sizeBytes);
    QJsonArray problems;
    for (const SpecViolation &v : result.violations) {
        problems.append(v.message);
    }
    QJsonArray warnings;
    for (const SpecWarning &w : result.warnings) {
        warnings.append(w.message);
    }
    o.insert(QStringLiteral("problems"), problems);
    o.insert(QStringLiteral("warnings"), warnings);
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

void writeCover(const QString &videoPath, qint64 durationMs, const QString &coverFile)
{
    if (coverFile.isEmpty() || QFileInfo::exists(coverFile)) {
        return; // the same content has its cover already
    }
    FrameGrabber grabber;
    QString error;
    if (!grabber.open(videoPath, &error)) {
        qCInfo(lcMedia).noquote() << "no cover for" << videoPath << error;
        return;
    }
    const qint64 at = durationMs > 0 ? qMin(kCoverAtMs, durationMs / 2) : 0;
    std::optional<VideoFrame> frame = grabber.keyframeNear(at, { kCoverBox, kCoverBox }, &error);
    if (!frame) {
        frame = grabber.exactFrame(0, { kCoverBox, kCoverBox }, &error);
    }
    if (!frame || !Png::write(*frame, coverFile, &error)) {
        qCInfo(lcMedia).noquote() << "no cover for" << videoPath << error;
    }
}

/// The shared state of one run: which contents are known, and the results for the caller.
class RunState
{
public:
    explicit RunState(QHash<QString, MediaAsset> known)
        : m_known(std::move(known))
    {
    }

    /// Whether @p hash is already in the library or taken by another file of this run; claims
    /// it otherwise (so the same content twice in one folder is probed once).
    bool claim(const QString &hash)
    {
        const std::lock_guard lock(m_mutex);
        if (m_known.contains(hash) || m_claimed.contains(hash)) {
            return false;
        }
        m_claimed.insert(hash);
        return true;
    }

    void push(Analysis analysis)
    {
        {
            const std::lock_guard lock(m_mutex);
            m_results.push_back(std::move(analysis));
        }
        m_ready.notify_one();
    }

    Analysis pop()
    {
        std::unique_lock lock(m_mutex);
        m_ready.wait(lock, [this] { return !m_results.empty(); });
        Analysis a = std::move(m_results.front());
        m_results.pop_front();
        return a;
    }

    std::optional<MediaAsset> known(const QString &hash) const
    {
        const std::lock_guard lock(m_mutex);
        const auto it = m_known.constFind(hash);
        return it == m_known.constEnd() ? std::nullopt : std::optional(*it);
    }

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_ready;
    QHash<QString, MediaAsset> m_known;
    QSet<QString> m_claimed;
    std::deque<Analysis> m_results;
};

Analysis analyse(const QString &path, const ImportOptions &options, RunState &state)
{
    Analysis a;
    a.item.sourcePath = path;
    QString error;
    a.hash = ContentHash::ofFile(path, &error);
    if (a.hash.isEmpty()) {
        a.item.message = error;
        return a;
    }
    if (!state.claim(a.hash)) {
        a.known = true;
        return a;
    }
    const VideoInfo info = VideoProbe::probe(path);
    if (!info.isReadable()) {
        a.item.message =
            QStringLiteral("%1: %2").arg(QFileInfo(path).fileName(), info.errorMessage);
        return a;
    }
    QString assetPath = path;
    if (options.copyIntoLibrary) {
        assetPath = copyInto(path, options.libraryDir, &error);
        if (assetPath.isEmpty()) {
            a.item.message = error;
            return a;
        }
    }
    static const SpecRules rules = SpecRules::defaults();
    const SpecResult verdict = rules.check(info);
    MediaAsset &m = a.asset;
    m.path = QFileInfo(assetPath).absoluteFilePath();
    m.contentHash = a.hash;
    m.sizeBytes = info.sizeBytes;
    m.durationMs = qMax<qint64>(0, info.durationMs);
    m.width = info.displayWidth;
    m.height = info.displayHeight;
    m.fps = info.fps;
    m.videoCodec = info.videoCodec;
    m.valid = verdict.passed();
    m.probeJson = probeJson(info, verdict);
    if (!options.coverDir.isEmpty()) {
        writeCover(m.path, m.durationMs, MediaImporter::coverPath(options.coverDir, a.hash));
    }
    a.item.outcome = ImportOutcome::Added;
    return a;
}

} // namespace

int ImportReport::count(ImportOutcome outcome) const
{
    return static_cast<int>(std::count_if(items.cbegin(), items.cend(),
        [outcome](const ImportItem &i) { return i.outcome == outcome; }));
}

QString ImportReport::summary() const
{
    QStringList parts;
    const int added = count(ImportOutcome::Added);
    const int duplicates = count(ImportOutcome::Duplicate);
    const int relinked = count(ImportOutcome::Relinked);
    const int failed = count(ImportOutcome::Failed);
    parts << QStringLiteral("%1 added").arg(added);
    if (duplicates > 0) {
        parts << QStringLiteral("%1 already in the library").arg(duplicates);
    }
    if (relinked > 0) {
        parts << QStringLiteral("%1 found again").arg(relinked);
    }
    if (failed > 0) {
        parts << QStringLiteral("%1 could not be read").arg(failed);
    }
    if (skipped > 0) {
        parts << QStringLiteral("%1 skipped (not a video)").arg(skipped);
    }
    QString text = parts.join(QStringLiteral(", ")) + QLatin1Char('.');
    if (cancelled) {
        text = QStringLiteral("Import cancelled: ") + text;
    }
    return text;
}

MediaImporter::MediaImporter(MediaStore &store, ImportOptions options)
    : m_store(store)
    , m_options(std::move(options))
{
}

bool MediaImporter::isVideoFileName(const QString &fileName)
{
    static const QStringList kSuffixes { QStringLiteral("mp4"), QStringLiteral("mov"),
        QStringLiteral("m4v"), QStringLiteral("webm"), QStringLiteral("mkv") };
    return kSuffixes.contains(QFileInfo(fileName).suffix(), Qt::CaseInsensitive);
}

QStringList MediaImporter::collect(const QStringList &paths, int *skipped)
{
    QStringList files;
    int others = 0;
    const auto consider = [&](const QFileInfo &fi) {
        if (!fi.isFile()) {
            return;
        }
        // A copy in progress (ours or a browser's) is not a video yet.
        if (isVideoFileName(fi.fileName())) {
            files << fi.absoluteFilePath();
        } else {
            ++others;
        }
    };
    for (const QString &path : paths) {
        const QFileInfo fi(path);
        if (fi.isDir()) {
            QDirIterator it(fi.absoluteFilePath(), QDir::Files | QDir::NoDotAndDotDot,
                QDirIterator::Subdirectories);
            while (it.hasNext()) {
                it.next();
                consider(it.fileInfo());
            }
        } else {
            consider(fi);
        }
    }
    files.sort();
    files.removeDuplicates();
    if (skipped) {
        *skipped = others;
    }
    return files;
}

QString MediaImporter::coverPath(const QString &coverDir, const QString &contentHash)
{
    QString name = contentHash;
    name.replace(QLatin1Char(':'), QLatin1Char('-'));
    return QDir(coverDir).filePath(name + QStringLiteral(".png"));
}

ImportReport MediaImporter::run(const QStringList &paths, std::stop_token stop, Progress progress)
{
    ImportReport report;
    const QStringList files = collect(paths, &report.skipped);
    QHash<QString, MediaAsset> known;
    for (MediaAsset &a : m_store.assets()) {
        known.insert(a.contentHash, std::move(a));
    }
    RunState state(std::move(known));

    if (!m_options.coverDir.isEmpty()) {
        QDir().mkpath(m_options.coverDir); // once, before the workers write covers into it
    }
    QThreadPool pool;
    const int threads =
        m_options.threads > 0 ? m_options.threads : qBound(1, QThread::idealThreadCount(), 4);
    pool.setMaxThreadCount(threads);
    int queued = 0;
    for (const QString &file : files) {
        pool.start([this, file, &state, stop] {
            if (stop.stop_requested()) {
                Analysis a;
                a.item.sourcePath = file;
                a.item.message = QStringLiteral("Cancelled.");
                a.cancelled = true;
                state.push(std::move(a));
                return;
            }
            state.push(analyse(file, m_options, state));
        });
        ++queued;
    }

    QHash<QString, qint64> addedThisRun;
    for (int done = 0; done < queued; ++done) {
        Analysis a = state.pop();
        if (a.cancelled) {
            report.cancelled = true;
            continue;
        }
        ImportItem &item = a.item;
        try {
            if (a.known) {
                item.outcome = ImportOutcome::Duplicate;
                const std::optional<MediaAsset> existing = state.known(a.hash);
                if (existing) {
                    item.assetId = existing->id;
                    // The library's copy is gone and here it is again: follow it.
                    const std::optional<MediaAsset> now = m_store.asset(existing->id);
                    if (now && now->path != item.sourcePath
                        && (now->missing || !QFileInfo::exists(now->path))) {
                        m_store.relink(now->id, QFileInfo(item.sourcePath).absoluteFilePath());
                        item.outcome = ImportOutcome::Relinked;
                    } else if (now && now->missing && QFileInfo::exists(now->path)) {
                        m_store.setMissing(now->id, false); // back where it was
                    }
                } else {
                    item.assetId = addedThisRun.value(a.hash);
                }
            } else if (item.outcome == ImportOutcome::Added) {
                item.assetId = m_store.add(a.asset);
                addedThisRun.insert(a.hash, item.assetId);
            }
        } catch (const StorageError &e) {
            item.outcome = ImportOutcome::Failed;
            item.message = e.message();
        }
        report.items.append(item);
        if (progress) {
            progress(static_cast<int>(report.items.size()), static_cast<int>(queued), item);
        }
    }
    pool.waitForDone();
    return report;
}

MediaImporter::FileCheck MediaImporter::checkFiles(MediaStore &store)
{
    FileCheck check;
    for (const MediaAsset &a : store.assets()) {
        const bool there = QFileInfo(a.path).isFile();
        if (there == a.missing) {
            store.setMissing(a.id, !there);
            (there ? check.backAgain : check.nowMissing).append(a.id);
        }
    }
    return check;
}

} // namespace Cuepoint::Core
