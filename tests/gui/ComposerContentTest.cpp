// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Step 1 of the composer: the video's check (off the GUI thread, one sentence per problem, no
// stale verdicts), drag and drop, the media library picker, the caption's effect on Next, and
// read-only mode.
#include "TestProfile.h"
#include "composer/CaptionEditor.h"
#include "composer/ComposerContentStep.h"
#include "composer/CoverPicker.h"
#include "composer/CoverScrubber.h"
#include "composer/LibraryPickerDialog.h"

#include "cuepoint/core/storage/MediaStore.h"
#include "cuepoint/core/support/Clock.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QDropEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>
#include <QTreeWidget>

#include <gtest/gtest.h>

using namespace Cuepoint;
using Gui::ComposerContentStep;

namespace {

constexpr int kWait = 30000; // generous: the machine may be busy; never a timing assertion

QString fixture(const char *name)
{
    const QString path = QStringLiteral(CUEPOINT_FIXTURES_DIR "/") + QString::fromUtf8(name);
    EXPECT_TRUE(QFile::exists(path)) << "missing fixture " << path.toStdString();
    return path;
}

bool waitChecked(const ComposerContentStep &step)
{
    return QTest::qWaitFor([&] { return step.isVideoChecked(); }, kWait);
}

/// Waits until every pool job (checks, probes, store jobs) has finished and its queued
/// continuation has run.
void settle()
{
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
}

} // namespace

TEST(ComposerContentTest, InvalidVideoIsRefusedWithItsSentence)
{
    ComposerContentStep step;
    QSignalSpy checked(&step, &ComposerContentStep::videoChecked);
    step.setVideo(fixture("fps20.mp4"));
    EXPECT_FALSE(step.isVideoChecked()); // the check runs off the GUI thread
    EXPECT_EQ(step.problems(), QStringList { QStringLiteral("The video is still being checked.") });
    ASSERT_TRUE(waitChecked(step));
    EXPECT_EQ(checked.count(), 1);
    EXPECT_FALSE(step.isComplete());
    const QString sentence = QStringLiteral("The video runs at 20 fps; TikTok needs 23 to 60 fps.");
    EXPECT_TRUE(step.problems().contains(sentence)) << step.problems().join(u'|').toStdString();
    const auto *status = step.findChild<QLabel *>(QStringLiteral("videoStatusLabel"));
    ASSERT_NE(status, nullptr);
    EXPECT_TRUE(status->text().contains(sentence.toHtmlEscaped())) << status->text().toStdString();
}

TEST(ComposerContentTest, VideoBelowTheMinimumSizeIsRefused)
{
    // 300x300 (landscape 640x360 is only a warning: its height is the 360 px minimum).
    ComposerContentStep step;
    step.setVideo(fixture("small_300x300.mp4"));
    ASSERT_TRUE(waitChecked(step));
    EXPECT_FALSE(step.isComplete());
    EXPECT_FALSE(step.problems().isEmpty());
    EXPECT_TRUE(step.problems().join(u' ').contains(QStringLiteral("360")))
        << step.problems().join(u'|').toStdString();
}

TEST(ComposerContentTest, ValidVideoCompletesTheStep)
{
    ComposerContentStep step;
    QSignalSpy complete(&step, &ComposerContentStep::completeChanged);
    step.setVideo(fixture("ok_h264_aac_faststart.mp4"));
    EXPECT_FALSE(step.isComplete());
    ASSERT_TRUE(waitChecked(step));
    EXPECT_TRUE(step.isComplete()) << step.problems().join(u'|').toStdString();
    EXPECT_TRUE(step.problems().isEmpty());
    ASSERT_EQ(complete.count(), 1);
    EXPECT_TRUE(complete.at(0).at(0).toBool());
    EXPECT_NEAR(double(step.videoDurationMs()), 5000.0, 100.0);
    EXPECT_EQ(step.mediaAssetId(), 0);

    // A caption over the limit takes Next away again, and back when shortened.
    step.setCaption(QString(151, u'a'));
    EXPECT_FALSE(step.isComplete());
    ASSERT_EQ(complete.count(), 2);
    EXPECT_FALSE(complete.at(1).at(0).toBool());
    step.setCaption(QString(150, u'a'));
    EXPECT_TRUE(step.isComplete());
    EXPECT_EQ(complete.count(), 3);
    settle();
}

TEST(ComposerContentTest, StaleCheckOfAReplacedFileNeverShows)
{
    ComposerContentStep step;
    QSignalSpy checked(&step, &ComposerContentStep::videoChecked);
    step.setVideo(fixture("fps20.mp4"));
    step.setVideo(fixture("ok_h264_aac_faststart.mp4"));
    settle(); // both checks have finished and their continuations ran
    ASSERT_TRUE(waitChecked(step));
    EXPECT_EQ(checked.count(), 1);
    EXPECT_TRUE(step.isComplete()) << step.problems().join(u'|').toStdString();
    const auto *status = step.findChild<QLabel *>(QStringLiteral("videoStatusLabel"));
    EXPECT_FALSE(status->text().contains(QStringLiteral("20 fps")));

    // And the other way round: a valid file replaced by an invalid one stays refused.
    step.setVideo(fixture("ok_h264_aac_faststart.mp4"));
    step.setVideo(fixture("fps20.mp4"));
    settle();
    ASSERT_TRUE(waitChecked(step));
    EXPECT_FALSE(step.isComplete());
    EXPECT_EQ(step.videoPath(), fixture("fps20.mp4"));
}

TEST(ComposerContentTest, UnreadableFileIsRefusedWithASentence)
{
    ComposerContentStep step;
    step.setVideo(fixture("text_named.mp4"));
    ASSERT_TRUE(waitChecked(step));
    EXPECT_FALSE(step.isComplete());
    ASSERT_FALSE(step.problems().isEmpty());
    EXPECT_TRUE(step.problems().first().endsWith(u'.'));
    settle();
}

TEST(ComposerContentTest, DroppedVideoFileIsLoaded)
{
    ComposerContentStep step;
    step.resize(900, 600);
    QMimeData mime;
    mime.setUrls({ QUrl::fromLocalFile(fixture("ok_h264_aac_faststart.mp4")) });
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&step, &enter);
    EXPECT_TRUE(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&step, &drop);
    EXPECT_EQ(step.videoPath(), fixture("ok_h264_aac_faststart.mp4"));
    ASSERT_TRUE(waitChecked(step));
    EXPECT_TRUE(step.isComplete());

    // Two files, or a read-only step, are refused.
    QMimeData two;
    two.setUrls(
        { QUrl::fromLocalFile(fixture("fps20.mp4")), QUrl::fromLocalFile(fixture("ok_3s.mp4")) });
    QDragEnterEvent enterTwo(QPoint(10, 10), Qt::CopyAction, &two, Qt::LeftButton, Qt::NoModifier);
    enterTwo.ignore();
    QApplication::sendEvent(&step, &enterTwo);
    EXPECT_FALSE(enterTwo.isAccepted());
    step.setReadOnly(true);
    QMimeData one;
    one.setUrls({ QUrl::fromLocalFile(fixture("fps20.mp4")) });
    QDropEvent dropReadOnly(QPointF(10, 10), Qt::CopyAction, &one, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&step, &dropReadOnly);
    EXPECT_EQ(step.videoPath(), fixture("ok_h264_aac_faststart.mp4"));
    settle();
}

TEST(ComposerContentTest, ReadOnlyStepCannotBeEdited)
{
    ComposerContentStep step;
    step.setCaption(QStringLiteral("Published"));
    step.setReadOnly(true);
    auto *caption = step.findChild<QPlainTextEdit *>(QStringLiteral("captionTextEdit"));
    ASSERT_NE(caption, nullptr);
    EXPECT_TRUE(caption->isReadOnly());
    EXPECT_FALSE(step.findChild<QPushButton *>(QStringLiteral("chooseVideoButton"))->isEnabled());
    EXPECT_FALSE(
        step.findChild<Gui::CoverScrubber *>(QStringLiteral("coverScrubber"))->isEnabled());
    EXPECT_FALSE(step.acceptDrops());
    step.setReadOnly(false);
    EXPECT_FALSE(caption->isReadOnly());
    EXPECT_TRUE(step.findChild<QPushButton *>(QStringLiteral("chooseVideoButton"))->isEnabled());
}

TEST(ComposerContentTest, PreviewPlayerDoesNotHangOrCrash)
{
    ComposerContentStep step;
    step.resize(900, 600);
    step.show();
    step.setVideo(fixture("ok_h264_aac_faststart.mp4"));
    ASSERT_TRUE(waitChecked(step));
    auto *play = step.findChild<QAbstractButton *>(QStringLiteral("playPauseButton"));
    ASSERT_NE(play, nullptr);
    if (play->isEnabled()) {
        play->click();
        QTest::qWait(50);
        play->click();
    } else {
        // Without a backend the step says so instead of showing a dead player.
        const auto *message = step.findChild<QLabel *>(QStringLiteral("playerMessageLabel"));
        EXPECT_TRUE(message->text().contains(QStringLiteral("not available")));
    }
    settle();
}

TEST(ComposerContentTest, LibraryPickerListsAssetsAndRefusesInvalidOnes)
{
    Cuepoint::Test::TestProfile profile;
    qint64 goodId = 0;
    {
        auto db = profile.openDatabase();
        const Core::SystemClock clock;
        Core::MediaStore store(*db, clock);
        Core::MediaAsset good;
        good.path = fixture("ok_h264_aac_faststart.mp4");
        good.contentHash = QStringLiteral("good");
        good.durationMs = 5000;
        good.valid = true;
        goodId = store.add(good);
        Core::MediaAsset bad;
        bad.path = fixture("fps20.mp4");
        bad.contentHash = QStringLiteral("bad");
        bad.durationMs = 5000;
        bad.valid = false;
        store.add(bad);
        Core::MediaAsset gone;
        gone.path = QStringLiteral("/nonexistent/moved_away.mp4");
        gone.contentHash = QStringLiteral("gone");
        gone.valid = true;
        gone.missing = true;
        store.add(gone);
    }
    ComposerContentStep step;
    step.setDatabasePath(profile.profile().databasePath());
    auto *libraryButton = step.findChild<QPushButton *>(QStringLiteral("libraryButton"));
    ASSERT_NE(libraryButton, nullptr);
    EXPECT_FALSE(libraryButton->isHidden());
    libraryButton->click();
    auto *picker = step.findChild<Gui::LibraryPickerDialog *>();
    ASSERT_NE(picker, nullptr);
    ASSERT_TRUE(QTest::qWaitFor([&] { return picker->isLoaded(); }, kWait));
    auto *tree = picker->findChild<QTreeWidget *>(QStringLiteral("libraryAssetTree"));
    auto *use = picker->findChild<QPushButton *>(QStringLiteral("useVideoButton"));
    ASSERT_EQ(tree->topLevelItemCount(), 3);

    // A moved file is listed but cannot be chosen either.
    QTreeWidgetItem *goneItem =
        tree->findItems(QStringLiteral("moved_away.mp4"), Qt::MatchExactly).value(0);
    ASSERT_NE(goneItem, nullptr);
    EXPECT_EQ(goneItem->text(2), QStringLiteral("File missing"));
    tree->setCurrentItem(goneItem);
    EXPECT_FALSE(use->isEnabled());

    // The invalid asset is shown but cannot be chosen.
    QTreeWidgetItem *badItem =
        tree->findItems(QStringLiteral("fps20.mp4"), Qt::MatchExactly).value(0);
    ASSERT_NE(badItem, nullptr);
    EXPECT_EQ(badItem->text(2), QStringLiteral("Breaks the rules"));
    tree->setCurrentItem(badItem);
    EXPECT_FALSE(use->isEnabled());
    EXPECT_FALSE(picker->selectedAsset().has_value());

    // Search narrows the list.
    picker->findChild<QLineEdit *>(QStringLiteral("librarySearchLineEdit"))
        ->setText(QStringLiteral("faststart"));
    ASSERT_EQ(tree->topLevelItemCount(), 1);
    tree->setCurrentItem(tree->topLevelItem(0));
    EXPECT_TRUE(use->isEnabled());
    use->click();
    EXPECT_EQ(step.videoPath(), fixture("ok_h264_aac_faststart.mp4"));
    EXPECT_EQ(step.mediaAssetId(), goodId);
    ASSERT_TRUE(waitChecked(step));
    EXPECT_TRUE(step.isComplete());
    settle();
}

TEST(ComposerContentTest, ClosingWhileTheCheckRunsIsSafe)
{
    // The dialog may be closed while the check, the strip and the preview still work: nothing
    // of theirs may reach the destroyed step (Qt 6.4's QFuture::then(context) would assert).
    for (int i = 0; i < 3; ++i) {
        auto step = std::make_unique<ComposerContentStep>();
        step->setVideo(fixture("ok_10min.mp4"));
        step.reset();
    }
    settle();
    ComposerContentStep step;
    step.setVideo(fixture("ok_h264_aac_faststart.mp4"));
    ASSERT_TRUE(waitChecked(step));
    step.setVideo(fixture("fps20.mp4"));
    step.setVideo(QString());
    EXPECT_FALSE(step.isComplete());
    EXPECT_EQ(step.problems().first(), QStringLiteral("Choose a video."));
    settle();
    EXPECT_FALSE(step.isVideoChecked());
}
