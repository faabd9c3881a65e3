// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "composer/CreatorInfoLoader.h"

#include "cuepoint/core/domain/Account.h"
#include "cuepoint/core/domain/Post.h"

#include <QDateTime>
#include <QHash>
#include <QPointer>
#include <QTimeZone>
#include <QWidget>

#include <memory>

namespace Cuepoint::Gui {

namespace Ui {
class ComposerPublishStep;
}

class AvatarCache;
class ProfilePickerRow;

/// Step 2 of the composer (product.md §2): when (date, time and time zone, with daylight-saving
/// changes explained), how (publish automatically or send a notification) and where (several
/// profiles at once), with TikTok's rules for apps that post (tiktok-api.md §6): each profile's
/// creator_info fetched fresh off the GUI thread, its nickname shown, a privacy level chosen
/// from what every chosen creator allows with no default, interactions unchecked and greyed out
/// when a creator turned them off, the commercial content disclosure with its interlocks and
/// label texts, the declaration always visible, the video's duration against each creator's
/// maximum.
class ComposerPublishStep final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ComposerPublishStep)

public:
    /// The privacy levels TikTok knows, in the order they are offered.
    static QStringList privacyLevels();
    /// What the user reads for a privacy level ("Everyone", "Only me", …).
    static QString privacyLabel(const QString &level);

    explicit ComposerPublishStep(QWidget *parent = nullptr);
    ~ComposerPublishStep() override;

    /// Where creator_info comes from (null: the profiles say TikTok is not ready).
    void setCreatorInfoSource(std::shared_ptr<CreatorInfoSource> source);
    void setAvatarCache(AvatarCache *avatars);
    /// The profiles to choose from; the connected ones are asked about at once. With a single
    /// connected profile it is chosen.
    void setAccounts(const QList<Core::Account> &accounts);
    /// The date and time (a wall-clock reading in @p zone).
    void setSlot(const QDate &date, const QTime &time, const QTimeZone &zone);
    /// "Now", for refusing times in the past (default: the system clock).
    void setNow(const QDateTime &nowUtc) { m_now = nowUtc; }
    /// The video's duration (-1 until known), checked against each creator's maximum.
    void setVideoDurationMs(qint64 ms);
    /// Fills every field from @p post. @p fixedProfiles: the post's profiles stay as they are
    /// (editing a stored post).
    void setPost(const Core::Post &post, bool fixedProfiles);
    /// Nothing can be changed; @p why says so above the fields.
    void setReadOnly(bool readOnly);

    /// Writes the time, zone, mode, privacy, interactions, disclosure and (for a new post) one
    /// scheduled target per chosen profile into @p post.
    void applyTo(Core::Post &post) const;
    QDateTime localDateTime() const;
    QTimeZone zone() const;
    /// One sentence per thing that keeps the post from being scheduled; empty when it can be.
    QStringList problems() const;
    /// The chosen profiles' handles ("@studio"), in the list's order.
    QStringList chosenHandles() const;
    QList<qint64> chosenAccounts() const;
    /// The row of @p accountId (null when it is not listed).
    ProfilePickerRow *row(qint64 accountId) const;
    /// Whether TikTok has answered for every connected profile listed.
    bool isCreatorInfoLoaded() const;

Q_SIGNALS:
    /// problems() may have changed.
    void changed();
    /// TikTok answered for @p accountId (tests wait for it).
    void creatorInfoLoaded(qint64 accountId);

private:
    struct Creator
    {
        Core::Account account;
        bool asked = false;
        bool answered = false;
        CreatorInfoAnswer answer;
        QString lockedNote; ///< set when TikTok already has this target (editing)
        bool retryPending = false; ///< asked again shortly (TikTok was not ready or reached)
    };

    void onCreatorInfoLoaded(qint64 accountId, const Cuepoint::Gui::CreatorInfoAnswer &answer);
    void refreshAvatar(qint64 accountId);
    void update();
    void updatePrivacyOptions(const QList<const Creator *> &ready, bool waiting);
    void updateInteractions(const QList<const Creator *> &ready);
    void updateDisclosure();
    QList<const Creator *> chosen() const;
    /// The instant of the shown time, with a sentence when it is ambiguous or does not exist.
    QDateTime resolvedInstant(QString *note, bool *refused) const;
    QString durationProblem(const Creator &creator) const;

    std::unique_ptr<Ui::ComposerPublishStep> m_ui;
    std::unique_ptr<CreatorInfoLoader> m_loader;
    QPointer<AvatarCache> m_avatars;
    QList<Creator> m_creators;
    QHash<qint64, ProfilePickerRow *> m_rows;
    QDateTime m_now;
    qint64 m_durationMs = -1;
    QString m_wantedPrivacy; ///< the choice to keep while the options load (editing)
    QStringList m_shownOptions; ///< the privacy levels in the combo box
    bool m_fixedProfiles = false;
    bool m_readOnly = false;
    bool m_updating = false;
};

} // namespace Cuepoint::Gui
