// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "composer/CreatorInfoLoader.h"

#include "GuiLogging.h"

#include "cuepoint/core/support/Clock.h"
#include "cuepoint/core/support/TokenStore.h"
#include "cuepoint/core/tiktok/ApiError.h"
#include "cuepoint/core/tiktok/HttpTransport.h"
#include "cuepoint/core/tiktok/RateLimiter.h"
#include "cuepoint/core/tiktok/TokenKeeper.h"

#include <QCoreApplication>
#include <QPointer>

#include <exception>

namespace Cuepoint::Gui {

namespace {

QString trSource(const char *text)
{
    return QCoreApplication::translate("Cuepoint::Gui::CreatorInfoSource", text);
}

/// The codes creator_info answers (with HTTP 200) when the creator cannot post now.
bool isCannotPost(const QString &code)
{
    return code == QLatin1String("spam_risk_too_many_posts")
        || code == QLatin1String("spam_risk_user_banned_from_posting")
        || code == QLatin1String("reached_active_user_cap");
}

/// How long the composer waits before asking again when TikTok was not ready or not reached.
constexpr int kNotReadyRetryMs = 3'000;
constexpr int kUnreachableRetryMs = 20'000;

CreatorInfoAnswer failed(const QString &sentence, bool cannotPost = false, int retryAfterMs = 0)
{
    CreatorInfoAnswer answer;
    answer.error = sentence;
    answer.cannotPost = cannotPost;
    answer.retryAfterMs = retryAfterMs;
    return answer;
}

} // namespace

TikTokCreatorInfoSource::TikTokCreatorInfoSource()
    : m_clock(std::make_unique<Core::SystemClock>())
    , m_limiter(std::make_unique<Core::RateLimiter>(*m_clock))
{
}

TikTokCreatorInfoSource::~TikTokCreatorInfoSource() = default;

void TikTokCreatorInfoSource::setTikTok(
    const Core::TikTokConfig &config, std::shared_ptr<Core::TokenStore> tokens)
{
    QMutexLocker lock(&m_mutex);
    m_config = config;
    m_tokens = std::move(tokens);
    m_unavailable.clear();
}

void TikTokCreatorInfoSource::setUnavailable(const QString &reason)
{
    QMutexLocker lock(&m_mutex);
    m_config.reset();
    m_tokens.reset();
    m_unavailable = reason;
}

CreatorInfoAnswer TikTokCreatorInfoSource::fetch(const Core::Account &account)
{
    std::optional<Core::TikTokConfig> config;
    std::shared_ptr<Core::TokenStore> tokens;
    QString unavailable;
    {
        QMutexLocker lock(&m_mutex);
        config = m_config;
        tokens = m_tokens;
        unavailable = m_unavailable;
    }
    const QString handle = account.handle();
    if (!config || !tokens) {
        return unavailable.isEmpty()
            ? failed(
                trSource("TikTok is not ready yet; %1 is checked again in a moment.").arg(handle),
                false, kNotReadyRetryMs)
            : failed(unavailable);
    }
    if (account.status != Core::AccountStatus::Connected) {
        return failed(trSource("%1 needs to be reconnected on the Accounts page.").arg(handle));
    }
    if (account.isSandbox != config->sandbox) {
        return failed(account.isSandbox
                ? trSource("%1 is a Sandbox profile, but Cuepoint talks to TikTok now; it "
                           "cannot post there.")
                      .arg(handle)
                : trSource("%1 is a TikTok profile, but Cuepoint runs on its Sandbox (no "
                           "TikTok app is configured).")
                      .arg(handle));
    }
    // A client is used by one thread at a time: one per fetch, over the shared rate limiter
    // (creator_info allows 20 calls a minute per token). The composer does not wait a minute
    // for a place: it says so at once.
    Core::TikTokClientOptions options;
    options.maxRateLimitWaitMs = 0;
    options.callTimeoutMs = 20'000;
    const std::unique_ptr<Core::HttpTransport> transport = Core::createCurlTransport();
    Core::TikTokClient client(*config, *transport, *m_limiter, *m_clock, options);
    Core::TokenKeeper keeper(*tokens, client, *m_clock);
    const QString key = account.tokenKey();
    try {
        Core::TokenSet set = keeper.fresh(key);
        CreatorInfoAnswer answer;
        try {
            answer.info = client.creatorInfo(set.accessToken);
        } catch (const Core::ApiError &e) {
            if (e.category() != Core::ErrorCategory::RefreshThenRetry) {
                throw;
            }
            set = keeper.refresh(key);
            answer.info = client.creatorInfo(set.accessToken);
        }
        return answer;
    } catch (const Core::ApiError &e) {
        qCWarning(lcGui).noquote() << "creator_info for" << handle << "failed:" << e.describe();
        if (isCannotPost(e.code())) {
            return failed(trSource("%1 cannot post now: %2").arg(handle, e.userMessage()), true);
        }
        if (e.code() == QLatin1String(Core::ApiError::kLocalRateLimit)) {
            return failed(trSource("TikTok allows 20 checks a minute for %1; it is checked again "
                                   "in a minute.")
                              .arg(handle),
                false, static_cast<int>(qBound(qint64(1000), e.retryAfterMs(), qint64(60000))));
        }
        const bool passing = e.category() == Core::ErrorCategory::RetryLater;
        return failed(QStringLiteral("%1: %2").arg(handle, e.userMessage()), false,
            passing ? kUnreachableRetryMs : 0);
    } catch (const std::exception &e) {
        qCWarning(lcGui) << "creator_info failed:" << e.what();
        return failed(trSource("%1 could not be checked with TikTok.").arg(handle));
    }
}

// --- CreatorInfoLoader

CreatorInfoLoader::CreatorInfoLoader(std::shared_ptr<CreatorInfoSource> source, QObject *parent)
    : QObject(parent)
    , m_source(std::move(source))
    , m_alive(std::make_shared<std::atomic_bool>(true))
{
    qRegisterMetaType<CreatorInfoAnswer>();
    m_pool.setMaxThreadCount(4);
}

CreatorInfoLoader::~CreatorInfoLoader()
{
    m_alive->store(false);
    m_pool.waitForDone();
}

void CreatorInfoLoader::load(const Core::Account &account)
{
    if (!m_source) {
        return;
    }
    const QPointer<CreatorInfoLoader> self(this);
    m_pool.start([self, alive = m_alive, source = m_source, account] {
        const CreatorInfoAnswer answer = source->fetch(account);
        if (!alive->load()) {
            return;
        }
        QMetaObject::invokeMethod(
            self.data(),
            [self, alive, id = account.id, answer] {
                if (self && alive->load()) {
                    Q_EMIT self->loaded(id, answer);
                }
            },
            Qt::QueuedConnection);
    });
}

void CreatorInfoLoader::waitForDone()
{
    m_pool.waitForDone();
}

} // namespace Cuepoint::Gui
