// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A small HTTP client over libcurl for the review server tests: one fresh connection per
// request (so headers never depend on keep-alive), optional local address (to speak from
// another loopback address), raw status, headers and body.

#include <QByteArray>
#include <QString>

#include <curl/curl.h>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace Cuepoint::Test {

struct HttpAnswer
{
    long status = 0;
    std::multimap<std::string, std::string> headers; ///< lowercase names
    std::vector<std::pair<std::string, std::string>> headerList; ///< in order, as sent
    QByteArray body;

    std::string header(const std::string &name) const
    {
        const auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
    bool hasHeader(const std::string &name) const { return headers.count(name) > 0; }
};

struct HttpRequest
{
    std::string method = "GET";
    std::string url;
    std::vector<std::string> headers;
    std::string body;
    std::string localAddress; ///< e.g. "127.0.0.2"; empty: the system's choice
};

inline HttpAnswer httpRequest(const HttpRequest &request)
{
    HttpAnswer answer;
    CURL *curl = curl_easy_init();
    if (!curl) {
        ADD_FAILURE() << "curl_easy_init failed";
        return answer;
    }
    curl_slist *headers = nullptr;
    for (const std::string &h : request.headers) {
        headers = curl_slist_append(headers, h.c_str());
    }
    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl, CURLOPT_FORBID_REUSE, 1L);
    curl_easy_setopt(curl, CURLOPT_FRESH_CONNECT, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    if (!request.localAddress.empty()) {
        curl_easy_setopt(curl, CURLOPT_INTERFACE, request.localAddress.c_str());
    }
    if (request.method == "HEAD") {
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    } else if (request.method == "POST") {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.c_str());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
    } else if (request.method != "GET") {
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
        if (!request.body.empty()) {
            curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.c_str());
            curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
        }
    }
    const auto onBody = +[](char *data, size_t size, size_t count, void *user) -> size_t {
        static_cast<QByteArray *>(user)->append(data, static_cast<qsizetype>(size * count));
        return size * count;
    };
    const auto onHeader = +[](char *data, size_t size, size_t count, void *user) -> size_t {
        auto *a = static_cast<HttpAnswer *>(user);
        std::string line(data, size * count);
        const auto colon = line.find(':');
        if (colon != std::string::npos) {
            std::string name = line.substr(0, colon);
            for (char &c : name) {
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            }
            std::string value = line.substr(colon + 1);
            while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
                value.erase(value.begin());
            }
            while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) {
                value.pop_back();
            }
            a->headers.emplace(name, value);
            a->headerList.emplace_back(name, value);
        }
        return size * count;
    };
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, onBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer.body);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &answer);
    const CURLcode code = curl_easy_perform(curl);
    if (code != CURLE_OK) {
        ADD_FAILURE() << request.method << ' ' << request.url << ": " << curl_easy_strerror(code);
    }
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &answer.status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    return answer;
}

inline HttpAnswer httpGet(const std::string &url, const std::vector<std::string> &headers = {})
{
    return httpRequest({ "GET", url, headers, {}, {} });
}

} // namespace Cuepoint::Test
