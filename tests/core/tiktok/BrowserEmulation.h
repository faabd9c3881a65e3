// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QUrl>
#include <QUrlQuery>

#include <gtest/gtest.h>
#include <httplib.h>

#include <functional>

namespace Cuepoint::Test {

/// Plays the user's browser in the OAuth flow: opens the authorize URL (the sandbox answers
/// with a redirect) and follows the redirect to Cuepoint's loopback listener, optionally
/// changing its query first. Returns the redirect's query as the sandbox sent it.
inline QUrlQuery browse(
    const QUrl &authorizeUrl, const std::function<void(QUrlQuery &)> &tamper = {})
{
    httplib::Client tiktok(authorizeUrl.host().toStdString(), authorizeUrl.port());
    const auto page = tiktok.Get(
        authorizeUrl.toString(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::FullyEncoded)
            .toStdString());
    EXPECT_TRUE(page);
    if (!page) {
        return {};
    }
    EXPECT_EQ(page->status, 302) << page->body;
    const QUrl redirect(QString::fromStdString(page->get_header_value("Location")));
    QUrlQuery query(redirect);
    if (tamper) {
        tamper(query);
    }
    QUrl target = redirect;
    target.setQuery(query);
    httplib::Client listener(redirect.host().toStdString(), redirect.port());
    const auto done = listener.Get(
        target.toString(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::FullyEncoded)
            .toStdString());
    EXPECT_TRUE(done);
    return QUrlQuery(redirect);
}

} // namespace Cuepoint::Test
