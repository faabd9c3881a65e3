// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The composer's step 2 against the sandbox over loopback (each profile's creator_info fetched
// with the profile's tokens): no privacy by default, interactions greyed out when the creator
// turned them off, the commercial content disclosure's interlocks and texts, the duration
// against each creator's maximum, the privacy options two profiles share, scheduling from the
// page stores every field in the SQLite file, editing fills every field (a published target is
// read-only), and the daylight-saving explanations.
#include "composer/ComposerDialog.h"

#include "Application.h"
#include "FakeClock.h"
#include "MainWindow.h"
#include "SandboxProcess.h"
#include "TestProfile.h"
#include "WindowTestSupport.h"
#include "composer/ComposerContentStep.h"
#include "composer/ComposerPublishStep.h"
#include "composer/CreatorInfoLoader.h"
#include "composer/ProfilePickerRow.h"
#include "views/SchedulePage.h"

#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/storage/Database.h"
#include "cuepoint/core/storage/PostStore.h"
#include "cuepoint/core/support/Clock.h"
#include "cuepoint/core/support/Settings.h"
#include "cuepoint/core/support/TokenStore.h"
#include "cuepoint/core/tiktok/OAuth.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardItemModel>
#include <QTest>

#include <gtest/gtest.h>
#include <httplib.h>

namespace Cuepoint::Gui {
namespace {

constexpr int kWaitMs = 20'000;
const QTimeZone kBerlin("Europe/Berlin");

QString fixture(const char *name)
{
    return QStringLiteral(CUEPOINT_FIXTURES_DIR "/") + QLatin1String(name);
}

QString joined(const QStringList &lines)
{
    return lines.join(QLatin1Char('|'));
}

class ComposerDialogTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_GT(m_sandbox.port(), 0);
        m_db = m_profile.openDatabase();
        m_accounts = std::make_unique<Core::AccountStore>(*m_db, m_clock);
        m_posts = std::make_unique<Core::PostStore>(*m_db, m_clock);
        m_tokens = std::make_shared<Core::FileTokenStore>(m_profile.profile().tokenFilePath());
        Core::TikTokConfig &config = m_config;
        config.apiBase = m_sandbox.baseUrlQ();
        config.authUrl = m_sandbox.baseUrlQ() + QStringLiteral("/v2/auth/authorize/");
        config.clientKey = QStringLiteral("sandbox-client");
        config.clientSecret = "sandbox-secret";
        config.sandbox = true;
        m_source = std::make_shared<TikTokCreatorInfoSource>();
        m_source->setTikTok(config, m_tokens);
    }

    void TearDown() override
    {
        m_dialog.reset();
        m_page.reset();
    }

    /// A Sandbox profile connected as the Accounts page would leave it: the account row, and
    /// its tokens (issued by the sandbox) in the profile's token store.
    Core::Account connectCreator(const std::string &creator)
    {
        const nlohmann::json t =
            m_sandbox.server().issueTokens(creator, "user.info.basic,video.publish,video.upload");
        Core::TokenSet set;
        set.accessToken = QByteArray::fromStdString(t.at("access_token").get<std::string>());
        set.refreshToken = QByteArray::fromStdString(t.at("refresh_token").get<std::string>());
        set.openId = QString::fromStdString(t.at("open_id").get<std::string>());
        set.scopes =
            QString::fromStdString(t.at("scope").get<std::string>()).split(QLatin1Char(','));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        set.accessExpiresAt = now.addSecs(t.at("expires_in").get<qint64>());
        set.refreshExpiresAt = now.addSecs(t.at("refresh_expires_in").get<qint64>());
        set.tokenType = QStringLiteral("Bearer");
        Core::Account a;
        a.openId = set.openId;
        a.username = QString::fromStdString(creator);
        a.displayName = a.username;
        a.scopes = set.scopes;
        a.isSandbox = true;
        a.accessTokenExpiresAt = set.accessExpiresAt;
        a.refreshTokenExpiresAt = set.refreshExpiresAt;
        a.id = m_accounts->save(a);
        QString error;
        EXPECT_TRUE(m_tokens->write(a.tokenKey(), set.toJson(), &error)) << error.toStdString();
        return *m_accounts->account(a.id);
    }

    /// Changes a sandbox creator's settings through the sandbox's admin API.
    void changeCreator(const std::string &creator, const nlohmann::json &changes)
    {
        httplib::Client cli("127.0.0.1", m_sandbox.port());
        const httplib::Result res =
            cli.Post(("/_sandbox/creators/" + creator).c_str(), changes.dump(), "application/json");
        ASSERT_TRUE(res);
        ASSERT_EQ(res->status, 200) << res->body;
    }

    /// A composer for @p accounts with a video, waiting until the video is checked and TikTok
    /// has answered for every profile; then on step 2.
    ComposerDialog *openComposer(const QList<Core::Account> &accounts,
        const char *video = "ok_3s.mp4", const Core::Post *post = nullptr)
    {
        m_dialog = std::make_unique<ComposerDialog>();
        m_dialog->setCreatorInfoSource(m_source);
        m_dialog->setNow(m_clock.nowUtc());
        m_dialog->setAccounts(accounts);
        if (post) {
            m_dialog->setPost(*post);
        } else {
            m_dialog->setSlot(QDate(2026, 12, 1), QTime(18, 0), kBerlin);
            m_dialog->setVideo(fixture(video));
        }
        m_dialog->show();
        ComposerDialog *d = m_dialog.get();
        EXPECT_TRUE(QTest::qWaitFor([d] { return d->contentStep()->isVideoChecked(); }, kWaitMs));
        EXPECT_TRUE(
            QTest::qWaitFor([d] { return d->publishStep()->isCreatorInfoLoaded(); }, kWaitMs));
        auto *next = d->findChild<QPushButton *>(QStringLiteral("nextButton"));
        if (next->isEnabled()) {
            QTest::mouseClick(next, Qt::LeftButton);
        } else {
            d->showStep(ComposerDialog::PublishStep);
        }
        return d;
    }

    template<typename T> T *child(const char *name) const
    {
        T *w = m_dialog->findChild<T *>(QLatin1String(name));
        EXPECT_NE(w, nullptr) << name;
        return w;
    }

    QStringList privacyChoices() const
    {
        QStringList levels;
        auto *combo = child<QComboBox>("privacyComboBox");
        for (int i = 0; i < combo->count(); ++i) {
            levels << combo->itemData(i).toString();
        }
        return levels;
    }

    void choosePrivacy(const QString &level)
    {
        auto *combo = child<QComboBox>("privacyComboBox");
        const int index = combo->findData(level);
        ASSERT_GT(index, 0) << level.toStdString();
        combo->setCurrentIndex(index);
    }

    Cuepoint::Test::InProcessSandbox m_sandbox;
    Cuepoint::Test::TestProfile m_profile;
    Cuepoint::Test::FakeClock m_clock { QDateTime(QDate(2026, 12, 1), QTime(10, 0), Qt::UTC) };
    std::unique_ptr<Core::Database> m_db;
    std::unique_ptr<Core::AccountStore> m_accounts;
    std::unique_ptr<Core::PostStore> m_posts;
    std::shared_ptr<Core::FileTokenStore> m_tokens;
    Core::TikTokConfig m_config;
    std::shared_ptr<TikTokCreatorInfoSource> m_source;
    std::unique_ptr<ComposerDialog> m_dialog;
    std::unique_ptr<SchedulePage> m_page;
};

TEST_F(ComposerDialogTest, NoPrivacyIsPreselectedAndScheduleWaitsForOne)
{
    const Core::Account pub = connectCreator("sandbox_public");
    ComposerDialog *d = openComposer({ pub });
    EXPECT_EQ(d->currentStep(), ComposerDialog::PublishStep);

    // The nickname TikTok gave just now is shown.
    ProfilePickerRow *row = d->publishStep()->row(pub.id);
    ASSERT_NE(row, nullptr);
    EXPECT_TRUE(row->isChecked()) << "the only connected profile is chosen";
    const QList<QLabel *> labels = row->findChildren<QLabel *>();
    EXPECT_TRUE(std::any_of(labels.cbegin(), labels.cend(),
        [](const QLabel *l) { return l->text().contains(QStringLiteral("Sandbox Public")); }));

    auto *privacy = child<QComboBox>("privacyComboBox");
    EXPECT_EQ(privacyChoices(),
        QStringList({ QString(), QStringLiteral("PUBLIC_TO_EVERYONE"),
            QStringLiteral("MUTUAL_FOLLOW_FRIENDS"), QStringLiteral("SELF_ONLY") }));
    EXPECT_EQ(privacy->currentIndex(), 0);
    EXPECT_TRUE(privacy->currentData().toString().isEmpty());
    auto *schedule = child<QPushButton>("scheduleButton");
    EXPECT_TRUE(schedule->isVisible());
    EXPECT_FALSE(schedule->isEnabled());
    QStringList problems;
    EXPECT_FALSE(d->isAcceptable(&problems));
    EXPECT_EQ(problems,
        QStringList({ QStringLiteral("Choose who can see the post (TikTok allows no default).") }));
    // The interactions start unchecked.
    for (const char *name : { "commentCheckBox", "duetCheckBox", "stitchCheckBox" }) {
        EXPECT_FALSE(child<QCheckBox>(name)->isChecked()) << name;
        EXPECT_TRUE(child<QCheckBox>(name)->isEnabled()) << name;
    }
    // What the API cannot do, and that TikTok takes a moment, are said.
    EXPECT_TRUE(child<QLabel>("apiLimitsLabel")->text().contains(QStringLiteral("sounds")));
    EXPECT_TRUE(
        child<QLabel>("processingNoteLabel")->text().contains(QStringLiteral("few minutes")));

    choosePrivacy(QStringLiteral("PUBLIC_TO_EVERYONE"));
    EXPECT_TRUE(d->isAcceptable(&problems)) << joined(problems).toStdString();
    EXPECT_TRUE(schedule->isEnabled());
}

TEST_F(ComposerDialogTest, NextIsEnabledExactlyWhenTheContentIsComplete)
{
    const Core::Account pub = connectCreator("sandbox_public");
    m_dialog = std::make_unique<ComposerDialog>();
    m_dialog->setCreatorInfoSource(m_source);
    m_dialog->setAccounts({ pub });
    m_dialog->show();
    auto *next = child<QPushButton>("nextButton");
    EXPECT_FALSE(next->isEnabled()) << "no video yet";
    m_dialog->setVideo(fixture("fps20.mp4"));
    ComposerDialog *d = m_dialog.get();
    ASSERT_TRUE(QTest::qWaitFor([d] { return d->contentStep()->isVideoChecked(); }, kWaitMs));
    EXPECT_FALSE(d->contentStep()->isComplete());
    EXPECT_FALSE(next->isEnabled());
    m_dialog->setVideo(fixture("ok_3s.mp4"));
    ASSERT_TRUE(QTest::qWaitFor([d] { return d->contentStep()->isVideoChecked(); }, kWaitMs));
    EXPECT_TRUE(d->contentStep()->isComplete());
    EXPECT_TRUE(next->isEnabled());
    QTest::mouseClick(next, Qt::LeftButton);
    EXPECT_EQ(d->currentStep(), ComposerDialog::PublishStep);
    QTest::mouseClick(child<QPushButton>("backButton"), Qt::LeftButton);
    EXPECT_EQ(d->currentStep(), ComposerDialog::ContentStep);
}

TEST_F(ComposerDialogTest, InteractionsTheCreatorTurnedOffAreGreyedOut)
{
    const Core::Account pub = connectCreator("sandbox_public");
    changeCreator("sandbox_public", { { "comment_disabled", true }, { "stitch_disabled", true } });
    openComposer({ pub });
    auto *comment = child<QCheckBox>("commentCheckBox");
    auto *duet = child<QCheckBox>("duetCheckBox");
    auto *stitch = child<QCheckBox>("stitchCheckBox");
    EXPECT_FALSE(comment->isEnabled());
    EXPECT_FALSE(comment->isChecked());
    EXPECT_TRUE(comment->toolTip().contains(QStringLiteral("@sandbox_public")))
        << comment->toolTip().toStdString();
    EXPECT_FALSE(stitch->isEnabled());
    EXPECT_TRUE(duet->isEnabled()) << "Duet is still allowed by the creator";
    EXPECT_FALSE(duet->isChecked());
    EXPECT_TRUE(duet->toolTip().isEmpty());
}

TEST_F(ComposerDialogTest, DisclosureInterlocksAndLabelTexts)
{
    const Core::Account pub = connectCreator("sandbox_public");
    ComposerDialog *d = openComposer({ pub });
    auto *disclose = child<QCheckBox>("disclosureCheckBox");
    auto *yours = child<QCheckBox>("yourBrandCheckBox");
    auto *branded = child<QCheckBox>("brandedContentCheckBox");
    auto *note = child<QLabel>("disclosureNoteLabel");
    auto *declaration = child<QLabel>("declarationLabel");
    auto *schedule = child<QPushButton>("scheduleButton");
    auto *privacy = child<QComboBox>("privacyComboBox");

    // Off by default; the declaration is there all the same.
    EXPECT_FALSE(disclose->isChecked());
    EXPECT_FALSE(yours->isVisible());
    EXPECT_TRUE(declaration->isVisible());
    EXPECT_EQ(declaration->text(),
        QStringLiteral("By posting, you agree to TikTok's <a "
                       "href=\"https://www.tiktok.com/legal/page/global/music-usage-confirmation/"
                       "en\">Music Usage Confirmation</a>."));

    choosePrivacy(QStringLiteral("SELF_ONLY"));
    disclose->setChecked(true);
    EXPECT_TRUE(yours->isVisible());
    EXPECT_FALSE(schedule->isEnabled()) << "on, but neither kind chosen";
    EXPECT_TRUE(schedule->toolTip().contains(QStringLiteral(
        "You need to indicate if your content promotes yourself, a third party, or both.")));
    // Branded content cannot be private.
    EXPECT_FALSE(branded->isEnabled());
    EXPECT_EQ(
        branded->toolTip(), QStringLiteral("Branded content visibility cannot be set to private."));

    yours->setChecked(true);
    EXPECT_EQ(
        note->text(), QStringLiteral("Your photo/video will be labeled as 'Promotional content'"));
    EXPECT_TRUE(declaration->text().contains(QStringLiteral("Music Usage Confirmation")));
    EXPECT_FALSE(declaration->text().contains(QStringLiteral("Branded Content Policy")));
    QStringList problems;
    EXPECT_TRUE(d->isAcceptable(&problems)) << joined(problems).toStdString();

    choosePrivacy(QStringLiteral("PUBLIC_TO_EVERYONE"));
    EXPECT_TRUE(branded->isEnabled());
    branded->setChecked(true);
    EXPECT_EQ(
        note->text(), QStringLiteral("Your photo/video will be labeled as 'Paid partnership'"));
    EXPECT_EQ(declaration->text(),
        QStringLiteral("By posting, you agree to TikTok's <a "
                       "href=\"https://www.tiktok.com/legal/page/global/bc-policy/en\">Branded "
                       "Content Policy</a> and <a "
                       "href=\"https://www.tiktok.com/legal/page/global/music-usage-confirmation/"
                       "en\">Music Usage Confirmation</a>."));
    // With branded content chosen, "Only me" cannot be chosen, and says why.
    auto *model = qobject_cast<QStandardItemModel *>(privacy->model());
    ASSERT_NE(model, nullptr);
    QStandardItem *selfOnly = model->item(privacy->findData(QStringLiteral("SELF_ONLY")));
    ASSERT_NE(selfOnly, nullptr);
    EXPECT_FALSE(selfOnly->isEnabled());
    EXPECT_EQ(selfOnly->toolTip(),
        QStringLiteral("Branded content visibility cannot be set to private."));
    yours->setChecked(false);
    EXPECT_EQ(
        note->text(), QStringLiteral("Your photo/video will be labeled as 'Paid partnership'"));
    EXPECT_TRUE(d->isAcceptable(&problems)) << joined(problems).toStdString();
    const Core::Post p = d->post();
    EXPECT_TRUE(p.brandedContent);
    EXPECT_FALSE(p.brandOrganic);

    // Turning the disclosure off drops both labels.
    disclose->setChecked(false);
    EXPECT_FALSE(d->post().brandedContent);
    EXPECT_FALSE(d->post().brandOrganic);
    EXPECT_TRUE(selfOnly->isEnabled());
}

TEST_F(ComposerDialogTest, TheVideoMustFitEveryChosenCreatorsMaximum)
{
    const Core::Account pub = connectCreator("sandbox_public"); // 600 s
    const Core::Account restricted = connectCreator("sandbox_restricted"); // 60 s
    ComposerDialog *d = openComposer({ pub, restricted }, "ok_10min.mp4");
    d->publishStep()->row(pub.id)->setChecked(true);
    d->publishStep()->row(restricted.id)->setChecked(true);
    choosePrivacy(QStringLiteral("PUBLIC_TO_EVERYONE"));
    QStringList problems;
    EXPECT_FALSE(d->isAcceptable(&problems));
    const QString sentence = QStringLiteral(
        "The video is 10 min long; @sandbox_restricted can post videos of at most 1 min.");
    EXPECT_TRUE(problems.contains(sentence)) << joined(problems).toStdString();
    EXPECT_FALSE(joined(problems).contains(QStringLiteral("@sandbox_public can")))
        << joined(problems).toStdString();
    EXPECT_EQ(d->publishStep()->row(restricted.id)->status(), sentence);

    // Without the restricted profile, the video fits.
    d->publishStep()->row(restricted.id)->setChecked(false);
    EXPECT_TRUE(d->isAcceptable(&problems)) << joined(problems).toStdString();
}

TEST_F(ComposerDialogTest, TwoProfilesOfferOnlyThePrivacyLevelsBothAllow)
{
    const Core::Account priv = connectCreator("sandbox_creator"); // a private account
    const Core::Account pub = connectCreator("sandbox_public");
    ComposerDialog *d = openComposer({ priv, pub });
    d->publishStep()->row(priv.id)->setChecked(true);
    EXPECT_EQ(privacyChoices(),
        QStringList({ QString(), QStringLiteral("FOLLOWER_OF_CREATOR"),
            QStringLiteral("MUTUAL_FOLLOW_FRIENDS"), QStringLiteral("SELF_ONLY") }));
    choosePrivacy(QStringLiteral("MUTUAL_FOLLOW_FRIENDS"));
    d->publishStep()->row(pub.id)->setChecked(true);
    EXPECT_EQ(privacyChoices(),
        QStringList(
            { QString(), QStringLiteral("MUTUAL_FOLLOW_FRIENDS"), QStringLiteral("SELF_ONLY") }));
    EXPECT_EQ(child<QComboBox>("privacyComboBox")->currentData().toString(),
        QStringLiteral("MUTUAL_FOLLOW_FRIENDS"))
        << "a choice both allow is kept";
    // The private account has Duet and Stitch off: off for the post to both.
    EXPECT_FALSE(child<QCheckBox>("duetCheckBox")->isEnabled());
    EXPECT_TRUE(child<QCheckBox>("commentCheckBox")->isEnabled());
    QStringList problems;
    EXPECT_TRUE(d->isAcceptable(&problems)) << joined(problems).toStdString();
    EXPECT_EQ(d->chosenHandles(),
        QStringList({ QStringLiteral("@sandbox_creator"), QStringLiteral("@sandbox_public") }));
}

TEST_F(ComposerDialogTest, ACreatorWhoCannotPostNowIsSaidAndBlocksTheSchedule)
{
    const Core::Account capped = connectCreator("sandbox_capped");
    ComposerDialog *d = openComposer({ capped });
    ProfilePickerRow *row = d->publishStep()->row(capped.id);
    EXPECT_TRUE(row->status().contains(QStringLiteral("@sandbox_capped cannot post now")))
        << row->status().toStdString();
    QStringList problems;
    EXPECT_FALSE(d->isAcceptable(&problems));
    EXPECT_TRUE(joined(problems).contains(QStringLiteral("cannot post now")));
    EXPECT_FALSE(child<QPushButton>("scheduleButton")->isEnabled());
}

TEST_F(ComposerDialogTest, DaylightSavingTimesAreExplained)
{
    const Core::Account pub = connectCreator("sandbox_public");
    m_clock.set(QDateTime(QDate(2026, 3, 1), QTime(10, 0), Qt::UTC));
    ComposerDialog *d = openComposer({ pub });
    choosePrivacy(QStringLiteral("SELF_ONLY"));
    auto *note = child<QLabel>("timeNoteLabel");

    // Spring forward: 02:30 does not exist in Berlin on 29 March 2026.
    d->setSlot(QDate(2026, 3, 29), QTime(2, 30), kBerlin);
    QStringList problems;
    EXPECT_FALSE(d->isAcceptable(&problems));
    EXPECT_TRUE(problems.contains(QStringLiteral(
        "02:30 does not exist in Europe/Berlin that day: the clocks go forward at that time. "
        "Choose another time.")))
        << joined(problems).toStdString();
    EXPECT_TRUE(note->isVisible());

    // Fall back: 02:30 happens twice on 25 October 2026; the first one (00:30 UTC) is used.
    d->setSlot(QDate(2026, 10, 25), QTime(2, 30), kBerlin);
    EXPECT_TRUE(d->isAcceptable(&problems)) << joined(problems).toStdString();
    EXPECT_EQ(note->text(),
        QStringLiteral("02:30 happens twice in Europe/Berlin that day (the clocks go back). The "
                       "post goes out at the first one, 00:30 UTC."));
    EXPECT_EQ(d->post().scheduledAt, QDateTime(QDate(2026, 10, 25), QTime(0, 30), Qt::UTC));

    // An ordinary time says nothing; a time in the past is refused.
    d->setSlot(QDate(2026, 3, 2), QTime(9, 0), kBerlin);
    EXPECT_FALSE(note->isVisible());
    d->setSlot(QDate(2026, 2, 27), QTime(9, 0), kBerlin);
    EXPECT_FALSE(d->isAcceptable(&problems));
    EXPECT_TRUE(problems.contains(QStringLiteral("That time has passed; choose a later one.")));
}

TEST_F(ComposerDialogTest, SchedulingFromThePageStoresEveryFieldTheUserChose)
{
    const Core::Account pub = connectCreator("sandbox_public");
    const Core::Account priv = connectCreator("sandbox_creator");
    Core::Settings settings(m_profile.profile().settingsPath());
    settings.setValue(Core::Settings::DisplayTimeZone, QStringLiteral("Europe/Berlin"));
    m_page = std::make_unique<SchedulePage>();
    m_page->resize(1100, 700);
    m_page->setServices(
        { &settings, &m_clock, m_db->path(), m_profile.profile().cacheDir(), m_source });
    m_page->show();
    ASSERT_TRUE(QTest::qWaitFor([this] { return m_page->isLoaded(); }, kWaitMs));

    m_page->newPostWithVideos({ fixture("ok_3s.mp4") });
    ASSERT_TRUE(QTest::qWaitFor([this] { return m_page->composer() != nullptr; }, kWaitMs));
    ComposerDialog *d = m_page->composer();
    ASSERT_TRUE(QTest::qWaitFor([d] { return d->contentStep()->isVideoChecked(); }, kWaitMs));
    ASSERT_TRUE(QTest::qWaitFor([d] { return d->publishStep()->isCreatorInfoLoaded(); }, kWaitMs));
    d->contentStep()->setCaption(QStringLiteral("Launch day #cuepoint"));
    d->contentStep()->setCoverTimeMs(1200);
    QTest::mouseClick(d->findChild<QPushButton *>(QStringLiteral("nextButton")), Qt::LeftButton);
    ASSERT_EQ(d->currentStep(), ComposerDialog::PublishStep);
    EXPECT_EQ(d->zone(), kBerlin) << "the display zone";
    d->setSlot(QDate(2026, 12, 1), QTime(18, 0), kBerlin);
    d->publishStep()->row(pub.id)->setChecked(true);
    d->publishStep()->row(priv.id)->setChecked(true);
    m_dialog.reset();
    const auto find = [d](const char *name) {
        return d->findChild<QWidget *>(QLatin1String(name));
    };
    auto *privacy = qobject_cast<QComboBox *>(find("privacyComboBox"));
    privacy->setCurrentIndex(privacy->findData(QStringLiteral("MUTUAL_FOLLOW_FRIENDS")));
    qobject_cast<QCheckBox *>(find("commentCheckBox"))->setChecked(true);
    qobject_cast<QCheckBox *>(find("disclosureCheckBox"))->setChecked(true);
    qobject_cast<QCheckBox *>(find("yourBrandCheckBox"))->setChecked(true);
    qobject_cast<QCheckBox *>(find("aiGeneratedCheckBox"))->setChecked(true);
    auto *schedule = qobject_cast<QPushButton *>(find("scheduleButton"));
    QStringList problems;
    ASSERT_TRUE(d->isAcceptable(&problems)) << joined(problems).toStdString();
    QTest::mouseClick(schedule, Qt::LeftButton);
    ASSERT_TRUE(QTest::qWaitFor([this] { return m_page->writer()->pending() == 0; }, kWaitMs));

    // Read back from the SQLite file through a connection of its own.
    auto db = Core::Database::open(m_profile.profile().databasePath());
    Core::PostStore posts(*db, m_clock);
    const QList<Core::Post> stored = posts.posts();
    ASSERT_EQ(stored.size(), 1);
    const Core::Post &p = stored.first();
    EXPECT_EQ(p.videoPath, fixture("ok_3s.mp4"));
    EXPECT_EQ(p.mediaAssetId, std::nullopt);
    EXPECT_EQ(p.coverTimestampMs, 1200);
    EXPECT_EQ(p.caption, QStringLiteral("Launch day #cuepoint"));
    EXPECT_EQ(p.scheduledAt, QDateTime(QDate(2026, 12, 1), QTime(17, 0), Qt::UTC));
    EXPECT_EQ(p.timeZoneId, QStringLiteral("Europe/Berlin"));
    EXPECT_EQ(p.mode, Core::PublishMode::Automatic);
    EXPECT_EQ(p.privacyLevel, QStringLiteral("MUTUAL_FOLLOW_FRIENDS"));
    EXPECT_TRUE(p.allowComments);
    EXPECT_FALSE(p.allowDuet);
    EXPECT_FALSE(p.allowStitch);
    EXPECT_TRUE(p.brandOrganic);
    EXPECT_FALSE(p.brandedContent);
    EXPECT_TRUE(p.aiGenerated);
    ASSERT_EQ(p.targets.size(), 2);
    QList<qint64> targeted;
    for (const Core::PostTarget &t : p.targets) {
        targeted << t.accountId;
        EXPECT_EQ(t.state, Core::TargetState::Scheduled);
    }
    std::sort(targeted.begin(), targeted.end());
    EXPECT_EQ(targeted, QList<qint64>({ pub.id, priv.id }));

    // The confirmation, and the post on the calendar.
    auto *message = m_page->findChild<QLabel *>(QStringLiteral("messageLabel"));
    ASSERT_NE(message, nullptr);
    ASSERT_TRUE(QTest::qWaitFor([message] { return message->isVisible(); }, kWaitMs));
    EXPECT_EQ(message->text(),
        QStringLiteral("Scheduled for Tue 1 Dec, 18:00 on @sandbox_creator, @sandbox_public"));
    ASSERT_TRUE(
        QTest::qWaitFor([this, id = p.id] { return m_page->shownCard(id).has_value(); }, kWaitMs));
}

TEST_F(ComposerDialogTest, EditingFillsEveryFieldAndAPublishedTargetIsReadOnly)
{
    const Core::Account pub = connectCreator("sandbox_public");
    const Core::Account priv = connectCreator("sandbox_creator");
    Core::Post post = Cuepoint::Test::makePost(QDateTime(QDate(2026, 12, 3), QTime(8, 45), Qt::UTC),
        { pub.id, priv.id }, QStringLiteral("Edit me #fyp"));
    post.videoPath = fixture("ok_3s.mp4");
    post.timeZoneId = QStringLiteral("Europe/Berlin");
    post.coverTimestampMs = 2000;
    post.mode = Core::PublishMode::Automatic;
    post.privacyLevel = QStringLiteral("MUTUAL_FOLLOW_FRIENDS");
    post.allowComments = true;
    post.brandedContent = true;
    post.aiGenerated = true;
    const qint64 id = m_posts->add(post);

    // Every field comes back, on both steps.
    Core::Post stored = *m_posts->post(id);
    ComposerDialog *d = openComposer({ pub, priv }, nullptr, &stored);
    EXPECT_FALSE(d->isReadOnly());
    EXPECT_EQ(d->contentStep()->videoPath(), fixture("ok_3s.mp4"));
    EXPECT_EQ(d->contentStep()->caption(), QStringLiteral("Edit me #fyp"));
    EXPECT_EQ(d->contentStep()->coverTimeMs(), 2000);
    EXPECT_EQ(d->localDateTime(), QDateTime(QDate(2026, 12, 3), QTime(9, 45)));
    EXPECT_EQ(d->zone(), kBerlin);
    EXPECT_TRUE(child<QRadioButton>("autoModeRadioButton")->isChecked());
    EXPECT_EQ(child<QComboBox>("privacyComboBox")->currentData().toString(),
        QStringLiteral("MUTUAL_FOLLOW_FRIENDS"));
    EXPECT_TRUE(child<QCheckBox>("commentCheckBox")->isChecked());
    EXPECT_TRUE(child<QCheckBox>("disclosureCheckBox")->isChecked());
    EXPECT_TRUE(child<QCheckBox>("brandedContentCheckBox")->isChecked());
    EXPECT_FALSE(child<QCheckBox>("yourBrandCheckBox")->isChecked());
    EXPECT_TRUE(child<QCheckBox>("aiGeneratedCheckBox")->isChecked());
    EXPECT_TRUE(d->publishStep()->row(pub.id)->isChecked());
    EXPECT_TRUE(d->publishStep()->row(priv.id)->isChecked());
    EXPECT_FALSE(d->publishStep()->row(pub.id)->checkBox()->isEnabled())
        << "a stored post keeps its profiles";
    QStringList problems;
    EXPECT_TRUE(d->isAcceptable(&problems)) << joined(problems).toStdString();
    Core::Post edited = d->post();
    EXPECT_EQ(edited.id, id);
    EXPECT_EQ(edited.targets, stored.targets);
    stored.updatedAt = edited.updatedAt;
    EXPECT_EQ(edited, stored) << "nothing changed unless the user changes it";

    // Once TikTok has one target, the post is shown, not edited.
    const qint64 publishedTarget = stored.targets.first().id;
    Core::TargetState from = Core::TargetState::Scheduled;
    for (const Core::TargetState to : { Core::TargetState::Publishing,
             Core::TargetState::Processing, Core::TargetState::Published }) {
        ASSERT_TRUE(m_posts->transition(publishedTarget, from, to, QStringLiteral("test")));
        from = to;
    }
    const Core::Post published = *m_posts->post(id);
    d = openComposer({ pub, priv }, nullptr, &published);
    EXPECT_TRUE(d->isReadOnly());
    EXPECT_TRUE(child<QLabel>("readOnlyLabel")->isVisible());
    EXPECT_FALSE(child<QPushButton>("scheduleButton")->isVisible());
    EXPECT_FALSE(d->isAcceptable());
    const qint64 publishedAccount = published.targets.first().accountId;
    ProfilePickerRow *row = d->publishStep()->row(publishedAccount);
    EXPECT_EQ(
        row->status(), QStringLiteral("Already published on TikTok; it cannot be changed here."));
    EXPECT_FALSE(row->checkBox()->isEnabled());
    EXPECT_FALSE(child<QComboBox>("privacyComboBox")->isEnabled());
    EXPECT_EQ(child<QComboBox>("privacyComboBox")->currentData().toString(),
        QStringLiteral("MUTUAL_FOLLOW_FRIENDS"));
}

TEST_F(ComposerDialogTest, TokensAreRefreshedWhenTheyExpireOrTikTokRefusesThem)
{
    const Core::Account pub = connectCreator("sandbox_public");
    const Core::Account priv = connectCreator("sandbox_creator");
    const auto stored = [this](const Core::Account &a) {
        return *Core::TokenSet::fromJson(m_tokens->read(a.tokenKey()).secret);
    };
    // @sandbox_public's access token expires in a minute: refreshed before asking.
    Core::TokenSet expiring = stored(pub);
    expiring.accessExpiresAt = QDateTime::currentDateTimeUtc().addSecs(60);
    QString error;
    ASSERT_TRUE(m_tokens->write(pub.tokenKey(), expiring.toJson(), &error));
    // @sandbox_creator's looks valid but TikTok does not know it: refreshed after the 401.
    Core::TokenSet refused = stored(priv);
    refused.accessToken = "act.not-a-token-tiktok-knows!0000";
    ASSERT_TRUE(m_tokens->write(priv.tokenKey(), refused.toJson(), &error));

    ComposerDialog *d = openComposer({ pub, priv });
    for (const Core::Account &a : { pub, priv }) {
        EXPECT_FALSE(d->publishStep()->row(a.id)->status().contains(QStringLiteral(":")))
            << d->publishStep()->row(a.id)->status().toStdString();
    }
    EXPECT_NE(stored(pub).refreshToken, expiring.refreshToken) << "rotated and kept";
    EXPECT_NE(stored(priv).accessToken, refused.accessToken);
    EXPECT_NE(stored(priv).refreshToken, refused.refreshToken);
    d->publishStep()->row(pub.id)->setChecked(true);
    d->publishStep()->row(priv.id)->setChecked(true);
    EXPECT_EQ(privacyChoices(),
        QStringList(
            { QString(), QStringLiteral("MUTUAL_FOLLOW_FRIENDS"), QStringLiteral("SELF_ONLY") }))
        << "both creators answered";
}

TEST_F(ComposerDialogTest, ProfilesAreAskedAgainOnceTikTokIsReady)
{
    const Core::Account pub = connectCreator("sandbox_public");
    // The window decides which TikTok it talks to after it opens.
    m_source = std::make_shared<TikTokCreatorInfoSource>();
    ComposerDialog *d = openComposer({ pub });
    ProfilePickerRow *row = d->publishStep()->row(pub.id);
    EXPECT_EQ(row->status(),
        QStringLiteral("TikTok is not ready yet; @sandbox_public is checked again in a moment."));
    EXPECT_FALSE(d->isAcceptable());
    m_source->setTikTok(m_config, m_tokens);
    ASSERT_TRUE(QTest::qWaitFor(
        [row] { return row->status() == QStringLiteral("Videos up to 10 min"); }, kWaitMs))
        << row->status().toStdString();
    choosePrivacy(QStringLiteral("SELF_ONLY"));
    EXPECT_TRUE(d->isAcceptable());
}

TEST_F(ComposerDialogTest, ANotificationLeavesPrivacyAndInteractionsToTheTikTokApp)
{
    const Core::Account pub = connectCreator("sandbox_public");
    ComposerDialog *d = openComposer({ pub });
    EXPECT_FALSE(d->isAcceptable());
    child<QRadioButton>("notifyModeRadioButton")->setChecked(true);
    QStringList problems;
    EXPECT_TRUE(d->isAcceptable(&problems)) << joined(problems).toStdString();
    EXPECT_FALSE(child<QComboBox>("privacyComboBox")->isEnabled());
    EXPECT_FALSE(child<QCheckBox>("commentCheckBox")->isEnabled());
    EXPECT_FALSE(child<QCheckBox>("disclosureCheckBox")->isEnabled());
    EXPECT_TRUE(child<QLabel>("declarationLabel")->isVisible());
    EXPECT_EQ(d->post().mode, Core::PublishMode::Notify);
}

TEST_F(ComposerDialogTest, DuplicatingOpensTheComposerFilledWithANewTime)
{
    const Core::Account pub = connectCreator("sandbox_public");
    Core::Post post = Cuepoint::Test::makePost(QDateTime(QDate(2026, 12, 3), QTime(8, 45), Qt::UTC),
        { pub.id }, QStringLiteral("Once more #fyp"));
    post.videoPath = fixture("ok_3s.mp4");
    post.timeZoneId = QStringLiteral("Europe/Berlin");
    post.allowComments = true;
    const qint64 id = m_posts->add(post);
    Core::Settings settings(m_profile.profile().settingsPath());
    settings.setValue(Core::Settings::DisplayTimeZone, QStringLiteral("Europe/Berlin"));
    m_page = std::make_unique<SchedulePage>();
    m_page->setServices(
        { &settings, &m_clock, m_db->path(), m_profile.profile().cacheDir(), m_source });
    m_page->show();
    ASSERT_TRUE(QTest::qWaitFor([this] { return m_page->isLoaded(); }, kWaitMs));
    m_page->selectPost(id);
    auto *duplicate = m_page->findChild<QPushButton *>(QStringLiteral("duplicateButton"));
    ASSERT_TRUE(QTest::qWaitFor([duplicate] { return duplicate->isEnabled(); }, kWaitMs));
    QTest::mouseClick(duplicate, Qt::LeftButton);
    ASSERT_TRUE(QTest::qWaitFor([this] { return m_page->composer() != nullptr; }, kWaitMs));
    ComposerDialog *d = m_page->composer();
    ASSERT_TRUE(QTest::qWaitFor([d] { return d->contentStep()->isVideoChecked(); }, kWaitMs));
    ASSERT_TRUE(QTest::qWaitFor([d] { return d->publishStep()->isCreatorInfoLoaded(); }, kWaitMs));
    // Now is 11:00 in Berlin: the next free hour.
    EXPECT_EQ(d->localDateTime(), QDateTime(QDate(2026, 12, 1), QTime(12, 0)));
    EXPECT_EQ(d->windowTitle(), QStringLiteral("Schedule a post"));
    const Core::Post copy = d->post();
    EXPECT_EQ(copy.id, 0);
    EXPECT_EQ(copy.caption, QStringLiteral("Once more #fyp"));
    EXPECT_EQ(copy.privacyLevel, QStringLiteral("PUBLIC_TO_EVERYONE"));
    EXPECT_TRUE(copy.allowComments);
    ASSERT_EQ(copy.targets.size(), 1);
    EXPECT_EQ(copy.targets.first().accountId, pub.id);
    EXPECT_EQ(copy.targets.first().id, 0);
    EXPECT_TRUE(d->publishStep()->row(pub.id)->checkBox()->isEnabled())
        << "a new post's profiles can be changed";
    QStringList problems;
    EXPECT_TRUE(d->isAcceptable(&problems)) << joined(problems).toStdString();
}

TEST(ComposerWindowTest, TheWindowsComposerAsksTikTokAboutTheConnectedProfile)
{
    // The whole window: its own sandbox, the account connected through the Accounts page, and
    // the composer of the Schedule page asking creator_info with the profile's tokens.
    Cuepoint::Test::TestProfile profile;
    App::Application app;
    Cuepoint::Test::startWindow(app, profile);
    ASSERT_NO_FATAL_FAILURE(Cuepoint::Test::waitUntilPublishing(app, kWaitMs));
    ASSERT_NO_FATAL_FAILURE(Cuepoint::Test::connectSandboxAccount(app, kWaitMs));
    SchedulePage *page = app.window()->schedulePage();
    page->newPost();
    ASSERT_TRUE(QTest::qWaitFor([page] { return page->composer() != nullptr; }, kWaitMs));
    ComposerDialog *d = page->composer();
    ASSERT_TRUE(QTest::qWaitFor([d] { return d->publishStep()->isCreatorInfoLoaded(); }, kWaitMs));
    const QList<ProfilePickerRow *> rows = d->publishStep()->findChildren<ProfilePickerRow *>();
    ASSERT_EQ(rows.size(), 1);
    EXPECT_TRUE(rows.first()->isChecked());
    EXPECT_EQ(rows.first()->status(), QStringLiteral("Videos up to 5 min"))
        << rows.first()->status().toStdString();
    EXPECT_EQ(d->chosenHandles(), QStringList({ QStringLiteral("@sandbox_creator") }));
    auto *privacy = d->findChild<QComboBox *>(QStringLiteral("privacyComboBox"));
    EXPECT_EQ(privacy->currentIndex(), 0);
    EXPECT_EQ(privacy->count(), 4) << "the private account's three options and no default";
}

} // namespace
} // namespace Cuepoint::Gui
