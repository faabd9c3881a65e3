// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/publish/WakeTimer.h"

#include "cuepoint/core/support/Logging.h"

#include <QTimer>

#ifdef Q_OS_LINUX
#include <QSocketNotifier>

#include <sys/timerfd.h>

#include <cerrno>
#include <cstdint>
#include <unistd.h>
#endif

namespace Cuepoint::Core {

namespace {

#ifdef Q_OS_LINUX
/// timerfd on CLOCK_REALTIME with an absolute expiry: the kernel fires it at the wall-clock
/// instant even if the machine slept through it (at resume), and TFD_TIMER_CANCEL_ON_SET makes
/// a read fail with ECANCELED when the clock is set, which we report as clockChanged().
class TimerFdWakeTimer final : public WakeTimer
{
public:
    explicit TimerFdWakeTimer(QObject *parent)
        : WakeTimer(parent)
        , m_fd(::timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC))
    {
        if (m_fd < 0) {
            qCCritical(lcPublish) << "timerfd_create failed:" << errno;
            return;
        }
        m_notifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
        connect(m_notifier, &QSocketNotifier::activated, this, &TimerFdWakeTimer::onReadable);
    }

    ~TimerFdWakeTimer() override
    {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }

    void armAt(const QDateTime &instant) override
    {
        m_armedAt = instant.toUTC();
        qint64 ms = m_armedAt.toMSecsSinceEpoch();
        // An all-zero value would disarm: a past instant still fires at once.
        ms = std::max<qint64>(ms, 1);
        itimerspec spec {};
        spec.it_value.tv_sec = static_cast<time_t>(ms / 1000);
        spec.it_value.tv_nsec = static_cast<long>((ms % 1000) * 1000000);
        if (::timerfd_settime(m_fd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &spec, nullptr)
            != 0) {
            qCCritical(lcPublish) << "timerfd_settime failed:" << errno;
        }
    }

    void disarm() override
    {
        m_armedAt = {};
        itimerspec spec {};
        ::timerfd_settime(m_fd, 0, &spec, nullptr);
    }

    QDateTime armedAt() const override { return m_armedAt; }

private:
    void onReadable()
    {
        std::uint64_t expirations = 0;
        const ssize_t n = ::read(m_fd, &expirations, sizeof expirations);
        if (n < 0 && errno == ECANCELED) {
            qCInfo(lcPublish) << "the wall clock was set; re-evaluating the schedule";
            Q_EMIT clockChanged();
            return;
        }
        if (n == static_cast<ssize_t>(sizeof expirations) && !m_armedAt.isNull()) {
            m_armedAt = {};
            Q_EMIT fired();
        }
    }

    int m_fd = -1;
    QSocketNotifier *m_notifier = nullptr;
    QDateTime m_armedAt;
};
#endif

/// Portable fallback: a QTimer that never sleeps longer than a minute, so a sleep or a clock
/// change delays an alarm by at most that much.
class PollingWakeTimer final : public WakeTimer
{
public:
    explicit PollingWakeTimer(QObject *parent)
        : WakeTimer(parent)
    {
        m_timer.setSingleShot(true);
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, &PollingWakeTimer::check);
    }

    void armAt(const QDateTime &instant) override
    {
        m_armedAt = instant.toUTC();
        check();
    }

    void disarm() override
    {
        m_armedAt = {};
        m_timer.stop();
    }

    QDateTime armedAt() const override { return m_armedAt; }

private:
    void check()
    {
        if (m_armedAt.isNull()) {
            return;
        }
        const qint64 left = QDateTime::currentDateTimeUtc().msecsTo(m_armedAt);
        if (left <= 0) {
            m_armedAt = {};
            Q_EMIT fired();
            return;
        }
        m_timer.start(static_cast<int>(std::min<qint64>(left, 60000)));
    }

    QTimer m_timer;
    QDateTime m_armedAt;
};

} // namespace

std::unique_ptr<WakeTimer> WakeTimer::createSystemTimer(QObject *parent)
{
#ifdef Q_OS_LINUX
    return std::make_unique<TimerFdWakeTimer>(parent);
#else
    return std::make_unique<PollingWakeTimer>(parent);
#endif
}

} // namespace Cuepoint::Core
