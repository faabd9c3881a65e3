// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/tiktok/HttpTransport.h"

#include <QCryptographicHash>
#include <QFile>

#include <gtest/gtest.h>

#include <deque>
#include <functional>

namespace Cuepoint::Test {

/// A recorded response from tests/data/api.
inline QByteArray apiJson(const char *name)
{
    QFile f(QStringLiteral(CUEPOINT_TEST_DATA_DIR "/api/") + QLatin1String(name));
    if (!f.open(QIODevice::ReadOnly)) {
        ADD_FAILURE() << "missing recorded response " << name;
        return {};
    }
    return f.readAll().trimmed();
}

/// What the client sent, as the fake saw it (a streamed body is hashed, not kept).
struct SentRequest
{
    QByteArray method;
    QUrl url;
    Core::HttpHeaders headers;
    QByteArray body;
    qint64 streamedBytes = -1;
    QByteArray streamedSha256;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0) {
                return value;
            }
        }
        return {};
    }
};

/// An HttpTransport that answers from a script and records every request.
class FakeTransport final : public Core::HttpTransport
{
public:
    using Responder = std::function<Core::HttpResponse(const SentRequest &)>;

    void enqueue(int status, const QByteArray &body, Core::HttpHeaders headers = {})
    {
        Core::HttpResponse r;
        r.status = status;
        r.body = body;
        r.headers = std::move(headers);
        m_script.push_back([r](const SentRequest &) { return r; });
    }
    void enqueueFailure(Core::HttpResponse::Failure failure)
    {
        Core::HttpResponse r;
        r.failure = failure;
        r.failureText = QStringLiteral("scripted failure");
        m_script.push_back([r](const SentRequest &) { return r; });
    }
    void enqueue(Responder responder) { m_script.push_back(std::move(responder)); }

    Core::HttpResponse send(const Core::HttpRequest &request) override
    {
        SentRequest sent;
        sent.method = request.method;
        sent.url = request.url;
        sent.headers = request.headers;
        sent.body = request.body;
        if (request.source) {
            QCryptographicHash hash(QCryptographicHash::Sha256);
            QByteArray buffer(1 << 20, '\0');
            qint64 total = 0;
            for (;;) {
                const qint64 n = request.source->read(buffer.data(), buffer.size());
                if (n <= 0) {
                    break;
                }
                hash.addData(QByteArrayView(buffer.constData(), n));
                total += n;
            }
            sent.streamedBytes = total;
            sent.streamedSha256 = hash.result().toHex();
        }
        requests.push_back(sent);
        if (m_script.empty()) {
            ADD_FAILURE() << "unexpected request " << request.method.toStdString() << ' '
                          << request.url.toString().toStdString();
            Core::HttpResponse r;
            r.failure = Core::HttpResponse::Failure::Connect;
            return r;
        }
        const Responder next = m_script.front();
        m_script.pop_front();
        return next(sent);
    }

    std::vector<SentRequest> requests;

private:
    std::deque<Responder> m_script;
};

} // namespace Cuepoint::Test
