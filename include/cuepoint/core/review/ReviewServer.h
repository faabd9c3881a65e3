// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// THROWAWAY (review-app worktree): the interface agreed with the review server's author, so the
// window's side builds before the server is merged. Replaced by the real header at merge.
#pragma once

#include <QObject>
#include <QString>
#include <QUrl>

namespace Cuepoint::Core {

class Clock;

inline constexpr quint16 kDefaultReviewPort = 8790;

struct ReviewServerOptions
{
    QString bindAddress = QStringLiteral("127.0.0.1");
    quint16 port = kDefaultReviewPort; ///< 0: any free port (tests)
};

class ReviewServer final : public QObject
{
    Q_OBJECT

public:
    ReviewServer(const QString &databasePath, const Clock &clock, QObject *parent = nullptr);
    ~ReviewServer() override;
    bool start(const ReviewServerOptions &options, QString *error = nullptr);
    void stop();
    bool isRunning() const;
    QString bindAddress() const;
    quint16 port() const;
    QUrl linkUrl(const QString &token) const; ///< http://HOST:PORT/r/<token>

Q_SIGNALS:
    void feedbackReceived(qint64 postId, qint64 feedbackId); ///< queued into this object's thread
    void linkUsed(qint64 linkId);
};

} // namespace Cuepoint::Core
