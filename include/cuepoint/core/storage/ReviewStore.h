// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/domain/ReviewLink.h"

#include <QObject>

#include <optional>

namespace Cuepoint::Core {

class Clock;
class Database;

/// Review links and what reviewers said through them.
class ReviewStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReviewStore)

public:
    ReviewStore(Database &db, const Clock &clock, QObject *parent = nullptr);

    /// Stores a link (its token hash, scope and expiry); returns its id.
    qint64 addLink(const ReviewLink &link);
    std::optional<ReviewLink> link(qint64 id) const;
    std::optional<ReviewLink> linkByTokenHash(const QString &tokenHash) const;
    QList<ReviewLink> links() const;
    void revoke(qint64 id);
    void markUsed(qint64 id);

    qint64 addFeedback(const ReviewFeedback &feedback);
    QList<ReviewFeedback> feedbackForPost(qint64 postId) const;

Q_SIGNALS:
    void linksChanged();
    void feedbackAdded(qint64 postId, qint64 feedbackId);

private:
    Database &m_db;
    const Clock &m_clock;
};

} // namespace Cuepoint::Core
