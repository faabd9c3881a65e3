// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The media library's import on generated fixtures and a real SQLite profile: probe data and
// validity, duplicates by content, skipped non-videos, a moved file found missing and relinked
// by its content (with the posts that use it), the copy mode, and the publication filter.
#include "cuepoint/core/media/MediaImporter.h"

#include "CliRunner.h"
#include "FakeClock.h"
#include "FrameTestSupport.h"
#include "TestProfile.h"

#include "cuepoint/core/media/ContentHash.h"
#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/storage/MediaStore.h"
#include "cuepoint/core/storage/PostStore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace Cuepoint::Core {
namespace {

using FrameTesting::fixture;

class MediaImporterTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        m_db = m_profile.openDatabase();
        m_store = std::make_unique<MediaStore>(*m_db, m_clock);
        m_options.coverDir = m_profile.profile().cacheDir() + QStringLiteral("/library");
        m_options.libraryDir = m_profile.profile().rootDir() + QStringLiteral("/library");
    }

    /// Copies fixture @p name to @p relative inside the test folder; returns the path.
    QString place(const char *name, const QString &relative)
    {
        const QString target = m_dir.filePath(relative);
        QDir().mkpath(QFileInfo(target).absolutePath());
        EXPECT_TRUE(QFile::copy(fixture(name), target)) << target.toStdString();
        return target;
    }

    ImportReport import(const QStringList &paths)
    {
        MediaImporter importer(*m_store, m_options);
        return importer.run(paths);
    }

    Cuepoint::Test::TestProfile m_profile;
    Cuepoint::Test::FakeClock m_clock;
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<MediaStore> m_store;
    ImportOptions m_options;
};

TEST_F(MediaImporterTest, ImportsAFolderWithProbeDataValidityAndCovers)
{
    const QString ok = place("ok_h264_aac_faststart.mp4", QStringLiteral("in/ok.mp4"));
    const QString slow = place("fps20.mp4", QStringLiteral("in/sub/slow.mp4"));
    const QString webm = place("ok_vp9_opus.webm", QStringLiteral("in/sub/deeper/clip.webm"));
    QFile notes(m_dir.filePath(QStringLiteral("in/notes.txt")));
    ASSERT_TRUE(notes.open(QIODevice::WriteOnly));
    notes.write("not a video");
    notes.close();

    int progressCalls = 0;
    MediaImporter importer(*m_store, m_options);
    const ImportReport report = importer.run(
        { m_dir.filePath(QStringLiteral("in")) }, {}, [&](int done, int total, const ImportItem &) {
            ++progressCalls;
            EXPECT_EQ(done, progressCalls);
            EXPECT_EQ(total, 3);
        });
    EXPECT_EQ(progressCalls, 3);
    EXPECT_EQ(report.count(ImportOutcome::Added), 3);
    EXPECT_EQ(report.skipped, 1);
    EXPECT_FALSE(report.cancelled);

    const QList<MediaAsset> assets = m_store->assets();
    ASSERT_EQ(assets.size(), 3);
    for (const MediaAsset &a : assets) {
        EXPECT_TRUE(a.contentHash.startsWith(QStringLiteral("s1:")));
        EXPECT_EQ(a.sizeBytes, QFileInfo(a.path).size());
        EXPECT_TRUE(QFile::exists(MediaImporter::coverPath(m_options.coverDir, a.contentHash)))
            << a.path.toStdString();
        ASSERT_TRUE(a.valid.has_value());
        if (a.path == QFileInfo(slow).absoluteFilePath()) {
            EXPECT_FALSE(*a.valid);
            EXPECT_NEAR(a.fps, 20.0, 0.1);
            EXPECT_TRUE(a.probeJson.contains(QStringLiteral("20 fps")))
                << a.probeJson.toStdString();
        } else {
            EXPECT_TRUE(*a.valid) << a.path.toStdString();
        }
        if (a.path == QFileInfo(ok).absoluteFilePath()) {
            EXPECT_EQ(a.width, 360);
            EXPECT_EQ(a.height, 640);
            EXPECT_NEAR(a.durationMs, 5000, 100);
            EXPECT_EQ(a.videoCodec, QStringLiteral("h264"));
        }
        if (a.path == QFileInfo(webm).absoluteFilePath()) {
            EXPECT_EQ(a.videoCodec, QStringLiteral("vp9"));
        }
    }
}

TEST_F(MediaImporterTest, TheSameContentUnderAnotherNameIsADuplicate)
{
    place("ok_h264_aac_faststart.mp4", QStringLiteral("a/first.mp4"));
    ASSERT_EQ(import({ m_dir.filePath(QStringLiteral("a")) }).count(ImportOutcome::Added), 1);

    // The same bytes again under another name, and a new video twice in the same import.
    place("ok_h264_aac_faststart.mp4", QStringLiteral("b/renamed.mov"));
    place("ok_moov_at_end.mp4", QStringLiteral("b/other.mp4"));
    place("ok_moov_at_end.mp4", QStringLiteral("b/sub/other-copy.mp4"));
    const ImportReport report = import({ m_dir.filePath(QStringLiteral("b")) });
    EXPECT_EQ(report.count(ImportOutcome::Duplicate), 2);
    EXPECT_EQ(report.count(ImportOutcome::Added), 1);
    EXPECT_TRUE(report.summary().contains(QStringLiteral("2 already in the library")))
        << report.summary().toStdString();
    EXPECT_EQ(m_store->assets().size(), 2);
}

TEST_F(MediaImporterTest, ContentHashSeesTheMiddleAndTheEndOfLargeFiles)
{
    // 4 MiB files that differ in one byte in the middle, or in the last byte.
    QByteArray bytes(4 * 1024 * 1024, 'x');
    const auto write = [&](const QString &name, const QByteArray &content) {
        QFile f(m_dir.filePath(name));
        EXPECT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(content);
        return f.fileName();
    };
    const QString base = write(QStringLiteral("base.bin"), bytes);
    QByteArray middle = bytes;
    middle[2 * 1024 * 1024] = 'y';
    QByteArray last = bytes;
    last[last.size() - 1] = 'z';
    const QString h = ContentHash::ofFile(base);
    EXPECT_FALSE(h.isEmpty());
    EXPECT_NE(ContentHash::ofFile(write(QStringLiteral("middle.bin"), middle)), h);
    EXPECT_NE(ContentHash::ofFile(write(QStringLiteral("last.bin"), last)), h);
    EXPECT_EQ(ContentHash::ofFile(write(QStringLiteral("same.bin"), bytes)), h);
    QString error;
    EXPECT_TRUE(ContentHash::ofFile(m_dir.filePath(QStringLiteral("nothing")), &error).isEmpty());
    EXPECT_FALSE(error.isEmpty());
}

TEST_F(MediaImporterTest, AMovedFileIsFoundMissingAndRelinkedByContent)
{
    const QString original = place("ok_h264_aac_faststart.mp4", QStringLiteral("shoot/clip.mp4"));
    const ImportReport first = import({ original });
    ASSERT_EQ(first.count(ImportOutcome::Added), 1);
    const qint64 id = first.items.first().assetId;

    AccountStore accounts(*m_db, m_clock);
    const qint64 account = accounts.save(Cuepoint::Test::makeAccount(QStringLiteral("studio")));
    PostStore posts(*m_db, m_clock);
    Post post = Cuepoint::Test::makePost(m_clock.nowUtc().addDays(1), { account });
    post.videoPath = QFileInfo(original).absoluteFilePath();
    post.mediaAssetId = id;
    const qint64 postId = posts.add(post);

    EXPECT_TRUE(MediaImporter::checkFiles(*m_store).nowMissing.isEmpty());
    const QString moved = m_dir.filePath(QStringLiteral("archive/clip-final.mp4"));
    QDir().mkpath(QFileInfo(moved).absolutePath());
    ASSERT_TRUE(QFile::rename(original, moved));

    const MediaImporter::FileCheck check = MediaImporter::checkFiles(*m_store);
    EXPECT_EQ(check.nowMissing, QList<qint64>({ id }));
    EXPECT_TRUE(m_store->asset(id)->missing);
    // The post that needs it is found through the asset.
    const auto using_ = m_store->postsUsing(*m_store->asset(id));
    ASSERT_EQ(using_.size(), 1);
    EXPECT_EQ(using_.first().postId, postId);
    EXPECT_TRUE(using_.first().needsFile());
    // A second look reports nothing new.
    EXPECT_TRUE(MediaImporter::checkFiles(*m_store).nowMissing.isEmpty());

    const ImportReport again = import({ m_dir.filePath(QStringLiteral("archive")) });
    ASSERT_EQ(again.items.size(), 1);
    EXPECT_EQ(again.items.first().outcome, ImportOutcome::Relinked);
    EXPECT_EQ(again.items.first().assetId, id);
    const MediaAsset relinked = *m_store->asset(id);
    EXPECT_EQ(relinked.path, QFileInfo(moved).absoluteFilePath());
    EXPECT_FALSE(relinked.missing);
    EXPECT_EQ(posts.post(postId)->videoPath, QFileInfo(moved).absoluteFilePath());
    EXPECT_EQ(m_store->assets().size(), 1);
}

TEST_F(MediaImporterTest, CopyModeKeepsACopyInTheLibraryFolder)
{
    const QString source = place("ok_h264_aac_faststart.mp4", QStringLiteral("usb/clip.mp4"));
    place("ok_moov_at_end.mp4", QStringLiteral("usb2/clip.mp4")); // the same name, other content
    m_options.copyIntoLibrary = true;
    const ImportReport report = import({ source, m_dir.filePath(QStringLiteral("usb2/clip.mp4")) });
    ASSERT_EQ(report.count(ImportOutcome::Added), 2);
    QStringList paths;
    for (const MediaAsset &a : m_store->assets()) {
        EXPECT_TRUE(a.path.startsWith(m_options.libraryDir + QLatin1Char('/')))
            << a.path.toStdString();
        EXPECT_TRUE(QFile::exists(a.path));
        EXPECT_EQ(ContentHash::ofFile(a.path), a.contentHash);
        paths << QFileInfo(a.path).fileName();
    }
    paths.sort();
    EXPECT_EQ(paths, QStringList({ QStringLiteral("clip (2).mp4"), QStringLiteral("clip.mp4") }));
    EXPECT_TRUE(QFile::exists(source)); // the original stays where it was
    EXPECT_TRUE(QDir(m_options.libraryDir).entryList({ QStringLiteral("*.part") }).isEmpty());
}

TEST_F(MediaImporterTest, UnreadableVideosFailWithASentenceAndAreNotAdded)
{
    place("text_named.mp4", QStringLiteral("bad/text.mp4"));
    place("empty.mp4", QStringLiteral("bad/empty.mp4"));
    const ImportReport report = import({ m_dir.filePath(QStringLiteral("bad")) });
    EXPECT_EQ(report.count(ImportOutcome::Failed), 2);
    for (const ImportItem &item : report.items) {
        EXPECT_FALSE(item.message.isEmpty());
    }
    EXPECT_TRUE(m_store->assets().isEmpty());
}

TEST_F(MediaImporterTest, ACancelledImportLeavesTheFilesNotStarted)
{
    for (int i = 0; i < 6; ++i) {
        place("ok_h264_aac_faststart.mp4", QStringLiteral("many/%1.mp4").arg(i));
    }
    // Cancelled before any worker starts: nothing is hashed, probed or added.
    std::stop_source stop;
    stop.request_stop();
    MediaImporter importer(*m_store, m_options);
    const ImportReport report =
        importer.run({ m_dir.filePath(QStringLiteral("many")) }, stop.get_token());
    EXPECT_TRUE(report.cancelled);
    EXPECT_TRUE(report.items.isEmpty());
    EXPECT_TRUE(m_store->assets().isEmpty());
    EXPECT_TRUE(report.summary().startsWith(QStringLiteral("Import cancelled")));
}

TEST_F(MediaImporterTest, ThePublicationFilterFollowsThePostsTargets)
{
    place("ok_h264_aac_faststart.mp4", QStringLiteral("p/published.mp4"));
    place("ok_moov_at_end.mp4", QStringLiteral("p/scheduled.mp4"));
    place("ok_no_audio.mp4", QStringLiteral("p/unused.mp4"));
    ASSERT_EQ(import({ m_dir.filePath(QStringLiteral("p")) }).count(ImportOutcome::Added), 3);
    QHash<QString, MediaAsset> byName;
    for (const MediaAsset &a : m_store->assets()) {
        byName.insert(QFileInfo(a.path).fileName(), a);
    }
    AccountStore accounts(*m_db, m_clock);
    const qint64 account = accounts.save(Cuepoint::Test::makeAccount(QStringLiteral("studio")));
    PostStore posts(*m_db, m_clock);
    // Published by path only (a post made before the library knew the file).
    Post published = Cuepoint::Test::makePost(m_clock.nowUtc().addDays(-1), { account });
    published.videoPath = byName.value(QStringLiteral("published.mp4")).path;
    published.targets[0].state = TargetState::Published;
    posts.add(published);
    Post scheduled = Cuepoint::Test::makePost(m_clock.nowUtc().addDays(1), { account });
    scheduled.videoPath = byName.value(QStringLiteral("scheduled.mp4")).path;
    scheduled.mediaAssetId = byName.value(QStringLiteral("scheduled.mp4")).id;
    posts.add(scheduled);

    const auto names = [&](MediaStore::Publication p) {
        MediaStore::Filter f;
        f.publication = p;
        QStringList n;
        for (const MediaAsset &a : m_store->assets(f)) {
            n << QFileInfo(a.path).fileName();
        }
        n.sort();
        return n;
    };
    EXPECT_EQ(names(MediaStore::Publication::Published),
        QStringList({ QStringLiteral("published.mp4") }));
    EXPECT_EQ(names(MediaStore::Publication::NotPublished),
        QStringList({ QStringLiteral("scheduled.mp4"), QStringLiteral("unused.mp4") }));
    EXPECT_EQ(names(MediaStore::Publication::All).size(), 3);
}

TEST_F(MediaImporterTest, TheCliImportsAndListsWithoutAWindow)
{
    place("ok_h264_aac_faststart.mp4", QStringLiteral("cli/a.mp4"));
    place("fps20.mp4", QStringLiteral("cli/b.mp4"));
    place("text_named.mp4", QStringLiteral("cli/broken.mp4"));
    m_db.reset(); // the CLI opens the profile's database itself
    const QString profile = m_profile.profile().rootDir();
    const Cuepoint::Test::CliRun run =
        Cuepoint::Test::runCli({ QStringLiteral("--profile"), profile, QStringLiteral("library"),
            QStringLiteral("import"), m_dir.filePath(QStringLiteral("cli")) });
    EXPECT_EQ(run.exitCode, 1) << run.err.toStdString(); // one file could not be read
    EXPECT_TRUE(run.out.contains(QStringLiteral("2 added"))) << run.out.toStdString();
    EXPECT_TRUE(run.err.contains(QStringLiteral("broken.mp4"))) << run.err.toStdString();

    const Cuepoint::Test::CliRun list = Cuepoint::Test::runCli({ QStringLiteral("--profile"),
        profile, QStringLiteral("library"), QStringLiteral("list"), QStringLiteral("--json") });
    ASSERT_EQ(list.exitCode, 0) << list.err.toStdString();
    const QJsonArray assets = QJsonDocument::fromJson(list.out.toUtf8()).array();
    ASSERT_EQ(assets.size(), 2);
    int valid = 0;
    for (const QJsonValue &a : assets) {
        valid += a.toObject().value(QStringLiteral("valid")).toBool() ? 1 : 0;
    }
    EXPECT_EQ(valid, 1);

    const Cuepoint::Test::CliRun again =
        Cuepoint::Test::runCli({ QStringLiteral("--profile"), profile, QStringLiteral("library"),
            QStringLiteral("import"), m_dir.filePath(QStringLiteral("cli/a.mp4")) });
    EXPECT_EQ(again.exitCode, 0);
    EXPECT_TRUE(again.out.contains(QStringLiteral("1 already in the library")))
        << again.out.toStdString();
}

} // namespace
} // namespace Cuepoint::Core
