// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// THROWAWAY (review-app worktree): a server that never starts, replaced by ReviewServer.cpp at
// merge.
#include "cuepoint/core/review/ReviewLinks.h"
#include "cuepoint/core/review/ReviewServer.h"

namespace Cuepoint::Core {

ReviewServer::ReviewServer(const QString &databasePath, const Clock &clock, QObject *parent)
    : QObject(parent) { Q_UNUSED(databasePath) Q_UNUSED(clock) }

    ReviewServer::~ReviewServer() = default;

bool ReviewServer::start(const ReviewServerOptions &options, QString *error)
{
    Q_UNUSED(options)
    if (error) {
        *error = QStringLiteral("placeholder");
    }
    return false;
}

void ReviewServer::stop()
{
}

bool ReviewServer::isRunning() const
{
    return false;
}

QString ReviewServer::bindAddress() const
{
    return {};
}

quint16 ReviewServer::port() const
{
    return 0;
}

QUrl ReviewServer::linkUrl(const QString &token) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port()).arg(reviewLinkPath(token)));
}

} // namespace Cuepoint::Core
