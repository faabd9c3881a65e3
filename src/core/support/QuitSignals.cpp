// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/support/QuitSignals.h"

#include "cuepoint/core/support/Logging.h"

#include <QSocketNotifier>

#ifdef Q_OS_UNIX
#include <sys/socket.h>

#include <csignal>
#include <unistd.h>
#endif

namespace Cuepoint::Core {

#ifdef Q_OS_UNIX
namespace {

/// [0] is written by the handler, [1] read by the notifier. One pair per process.
int g_pipe[2] = { -1, -1 };
constexpr int kSignals[] = { SIGTERM, SIGINT, SIGHUP };

extern "C" void onQuitSignal(int signalNumber)
{
    const char byte = static_cast<char>(signalNumber);
    // Nothing to do if the write fails: the pipe is full, so a wake-up is already pending.
    [[maybe_unused]] const ssize_t written = ::write(g_pipe[0], &byte, 1);
}

} // namespace
#endif

QuitSignals::QuitSignals(QObject *parent)
    : QObject(parent)
{
#ifdef Q_OS_UNIX
    if (g_pipe[0] != -1) {
        qCWarning(lcSupport) << "signal handlers are already installed";
        return;
    }
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_pipe) != 0) {
        qCWarning(lcSupport) << "cannot watch for quit signals: no socket pair";
        g_pipe[0] = g_pipe[1] = -1;
        return;
    }
    m_notifier = new QSocketNotifier(g_pipe[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &QuitSignals::onReadable);
    struct sigaction action = {};
    action.sa_handler = onQuitSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (const int signalNumber : kSignals) {
        ::sigaction(signalNumber, &action, nullptr);
    }
#endif
}

QuitSignals::~QuitSignals()
{
#ifdef Q_OS_UNIX
    if (!m_notifier) {
        return;
    }
    for (const int signalNumber : kSignals) {
        ::signal(signalNumber, SIG_DFL);
    }
    delete m_notifier;
    m_notifier = nullptr;
    ::close(g_pipe[0]);
    ::close(g_pipe[1]);
    g_pipe[0] = g_pipe[1] = -1;
#endif
}

void QuitSignals::onReadable()
{
#ifdef Q_OS_UNIX
    char byte = 0;
    if (::read(g_pipe[1], &byte, 1) == 1) {
        Q_EMIT received(static_cast<int>(byte));
    }
#endif
}

} // namespace Cuepoint::Core
