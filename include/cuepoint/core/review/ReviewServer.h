// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

namespace Cuepoint::Core {

class Clock;

/// The port the review server listens on unless the user chooses another.
inline constexpr quint16 kDefaultReviewPort = 8790;

/// Where the review server listens.
struct ReviewServerOptions
{
    QString bindAddress =
        QStringLiteral("127.0.0.1"); ///< "0.0.0.0" or a LAN address only when the user chooses it
    quint16 port = kDefaultReviewPort; ///< 0: any free port (tests)
};

/// The web server behind review links: for each link stored in a profile's database it serves a
/// review page (the posts of the link's profiles in its range, with video, cover, caption, time,
/// profile, state and earlier feedback) where a reviewer approves a post or asks for changes.
///
/// Requests are answered on threads of the server's own (each with its own database
/// connection); everything a reviewer sends is treated as hostile (docs/ARCHITECTURE.md,
/// "Review server").
class ReviewServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReviewServer)

public:
    /// Serves the links stored in the database at @p databasePath (opens its own connections).
    ReviewServer(const QString &databasePath, const Clock &clock, QObject *parent = nullptr);
    ~ReviewServer() override; ///< stops

    /// Starts listening (on threads of its own; returns once listening or failed, with a
    /// sentence in @p error, e.g. the port is taken).
    bool start(const ReviewServerOptions &options, QString *error = nullptr);
    /// Stops listening and waits for the requests in progress (a video being streamed is cut).
    void stop();
    bool isRunning() const;
    /// The address listened on, as given to start().
    QString bindAddress() const;
    quint16 port() const; ///< the real port once listening
    /// The URL a reviewer opens: http://HOST:PORT/r/<token>; HOST is the bind address, or the
    /// machine's first non-loopback IPv4 address when bound to 0.0.0.0.
    QUrl linkUrl(const QString &token) const;

Q_SIGNALS:
    /// A reviewer approved, asked for changes or commented (emitted in the thread this object
    /// lives in, queued).
    void feedbackReceived(qint64 postId, qint64 feedbackId);
    /// A link was used (its last use changed).
    void linkUsed(qint64 linkId);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Cuepoint::Core
