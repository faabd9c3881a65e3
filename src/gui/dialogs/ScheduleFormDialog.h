// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "controllers/VideoCheck.h"

#include "cuepoint/core/domain/Account.h"
#include "cuepoint/core/domain/Post.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QTimeZone>

#include <memory>

namespace Cuepoint::Gui {

namespace Ui {
class ScheduleFormDialog;
}

/// The minimal scheduling form, until the composer arrives: video, profiles, date and time in a
/// time zone, mode, privacy and caption. The video is checked against TikTok's rules off the
/// GUI thread and every problem is shown as a sentence; Schedule stays disabled until nothing
/// blocks. The dialog edits a value (post()); it stores nothing (the page does).
class ScheduleFormDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScheduleFormDialog)

public:
    explicit ScheduleFormDialog(QWidget *parent = nullptr);
    ~ScheduleFormDialog() override;

    /// The profiles to choose from (connected ones are selectable).
    void setAccounts(const QList<Core::Account> &accounts);
    /// Pre-fills the date and time (a wall-clock reading in @p zone).
    void setSlot(const QDate &date, const QTime &time, const QTimeZone &zone);
    /// Pre-fills the video and checks it.
    void setVideo(const QString &path);
    /// Edits @p post: every field filled in, its profiles fixed.
    void setPost(const Core::Post &post);
    /// Where "now" comes from (the form refuses times in the past).
    void setNow(const QDateTime &nowUtc) { m_now = nowUtc; }

    /// The post the form describes (id 0 unless editing; targets scheduled, one per profile).
    Core::Post post() const;
    /// The wall-clock date and time and the zone shown.
    QDateTime localDateTime() const;
    QTimeZone zone() const;
    QString videoPath() const;
    /// Whether the form can be accepted now (and why not: one sentence per problem).
    bool isAcceptable(QStringList *problems = nullptr) const;
    /// Whether the video check of the current file is done.
    bool isVideoChecked() const { return m_checked.path == videoPath() && !m_checking; }

Q_SIGNALS:
    /// The video check finished (tests wait for it).
    void videoChecked();

private:
    void startVideoCheck();
    void onVideoChecked();
    void updateState();
    /// The instant of the shown time, with a sentence when it is ambiguous or does not exist.
    QDateTime resolvedInstant(QString *note, bool *refused) const;

    std::unique_ptr<Ui::ScheduleFormDialog> m_ui;
    QFutureWatcher<VideoCheckResult> m_watcher;
    VideoCheckResult m_checked;
    bool m_checking = false;
    QString m_pendingPath;
    Core::Post m_editing; ///< id 0 for a new post
    QDateTime m_now;
};

} // namespace Cuepoint::Gui
