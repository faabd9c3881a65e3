// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class QSocketNotifier;

namespace Cuepoint::Core {

/// Turns SIGTERM, SIGINT and SIGHUP (a logout, `kill`, Ctrl+C in a terminal) into a Qt signal,
/// so the window program or the publishing daemon stops the ordinary way: the window state is
/// saved, the database closed and the profile lock released, instead of leaving a stale lock
/// behind. The POSIX handler only writes to a socket pair (the one async-signal-safe way to wake
/// the event loop); everything else happens on the GUI thread. Does nothing on Windows.
class QuitSignals final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QuitSignals)

public:
    explicit QuitSignals(QObject *parent = nullptr);
    /// Restores the default handlers.
    ~QuitSignals() override;

    /// Whether the handlers are in place.
    bool isActive() const { return m_notifier != nullptr; }

Q_SIGNALS:
    /// One of the signals arrived (its number).
    void received(int signalNumber);

private:
    void onReadable();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace Cuepoint::Core
