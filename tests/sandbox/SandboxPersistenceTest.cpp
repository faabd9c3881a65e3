// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The sandbox's state across restarts (docs/SANDBOX.md, "Persistence"): real HTTP over
// loopback, real files, a new SandboxServer on the same state dir.
#include "SandboxTestSupport.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <unistd.h>

namespace Cuepoint::Sandbox::Test {
namespace {

namespace fs = std::filesystem;

std::string readFile(const fs::path &p)
{
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void writeFile(const fs::path &p, const std::string &text)
{
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << text;
}

unsigned modeOf(const fs::path &p)
{
    struct stat st
    {
    };
    return ::stat(p.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0;
}

/// Files in @p dir whose name starts with @p prefix.
std::vector<fs::path> filesStartingWith(const fs::path &dir, const std::string &prefix)
{
    std::vector<fs::path> out;
    for (const auto &e : fs::directory_iterator(dir)) {
        if (e.path().filename().string().rfind(prefix, 0) == 0)
            out.push_back(e.path());
    }
    return out;
}

/// A listening TCP socket on 127.0.0.1:port, to take a port away from the sandbox.
class PortSquatter
{
public:
    explicit PortSquatter(int port)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        int yes = 1;
        ::setsockopt(m_fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        sockaddr_in a {};
        a.sin_family = AF_INET;
        a.sin_port = htons(static_cast<std::uint16_t>(port));
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        m_ok =
            ::bind(m_fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0 && ::listen(m_fd, 4) == 0;
    }
    ~PortSquatter() { ::close(m_fd); }
    bool ok() const { return m_ok; }

private:
    int m_fd = -1;
    bool m_ok = false;
};

class SandboxPersistenceTest : public SandboxTest
{
protected:
    void SetUp() override { ASSERT_TRUE(m_dir.isValid()); }
    // The server (a base member) would outlive the folder and the logger's lines.
    void TearDown() override { m_server.reset(); }

    fs::path dir() const { return fs::path(m_dir.path().toStdString()); }
    fs::path stateFile() const { return dir() / "state.json"; }

    /// A persistent sandbox on dir() (any previous one is stopped first).
    void startPersistent()
    {
        m_server.reset();
        SandboxConfig config = SandboxConfig::defaults();
        config.stateDir = dir().string();
        config.persist = true;
        config.logger = [this](const std::string &line) {
            std::lock_guard lock(m_logMutex);
            m_lines.push_back(line);
        };
        config.clock = [this] { return m_now.load(); };
        m_server = std::make_unique<SandboxServer>(std::move(config));
        m_port = m_server->start();
    }

    /// The browser step and the code exchange, as a desktop client does them.
    Json connect()
    {
        const std::string verifier = kVerifier;
        std::string path = "/v2/auth/authorize/?client_key=sandbox-client&response_type=code"
                           "&scope=user.info.basic,video.publish,video.upload&redirect_uri="
            + Util::formEncode(kRedirect)
            + "&state=s&code_challenge_method=S256&code_challenge=" + Util::sha256Hex(verifier);
        const auto page = client().Get(path.c_str());
        EXPECT_TRUE(page);
        if (!page)
            return {};
        EXPECT_EQ(page->status, 302);
        const std::string loc = page->get_header_value("Location");
        const auto form = Util::parseForm(loc.substr(loc.find('?') + 1));
        const std::string code = form->find("code")->second;
        const std::string body = "client_key=sandbox-client&client_secret=sandbox-secret&code="
            + Util::formEncode(code) + "&grant_type=authorization_code&redirect_uri="
            + Util::formEncode(kRedirect) + "&code_verifier=" + Util::formEncode(verifier);
        return parse(client().Post("/v2/oauth/token/", body, "application/x-www-form-urlencoded"));
    }

    Json refresh(const std::string &refreshToken)
    {
        const std::string body = "client_key=sandbox-client&client_secret=sandbox-secret"
                                 "&grant_type=refresh_token&refresh_token="
            + Util::formEncode(refreshToken);
        return parse(client().Post("/v2/oauth/token/", body, "application/x-www-form-urlencoded"));
    }

    Json creatorInfo(const std::string &token)
    {
        return parse(api("/v2/post/publish/creator_info/query/", token));
    }

    Json summaryOf(const std::string &publishId) const
    {
        const Json summary = m_server->publishSummary();
        for (const Json &p : summary["publishes"]) {
            if (p["publish_id"] == publishId)
                return p;
        }
        return {};
    }

    std::vector<std::string> lines()
    {
        std::lock_guard lock(m_logMutex);
        return m_lines;
    }

    QTemporaryDir m_dir;
    std::mutex m_logMutex;
    std::vector<std::string> m_lines;
};

TEST_F(SandboxPersistenceTest, TokensPublishesAndCreatorsSurviveARestartOnTheSamePort)
{
    startPersistent();
    const int firstPort = m_port;
    const Json t = connect();
    const std::string access = t.value("access_token", "");
    const std::string refreshToken = t.value("refresh_token", "");
    ASSERT_FALSE(access.empty()) << t.dump();
    EXPECT_EQ(creatorInfo(access)["error"]["code"], "ok");

    // A creator changed through the admin API.
    ASSERT_EQ(client()
                  .Post("/_sandbox/creators/sandbox_creator", R"({"comment_disabled":true})", kJson)
                  ->status,
        200);

    // A: published before the restart.
    const std::string small = bytes(100'000, 1);
    const Json a = parse(api("/v2/post/publish/video/init/", access,
        directBody("SELF_ONLY", static_cast<std::int64_t>(small.size()),
            static_cast<std::int64_t>(small.size()), 1)));
    ASSERT_EQ(a["error"]["code"], "ok") << a.dump();
    const std::string idA = a["data"]["publish_id"].get<std::string>();
    EXPECT_EQ(uploadAll(a["data"]["upload_url"].get<std::string>(), small,
                  static_cast<std::int64_t>(small.size()), 1),
        std::vector<int>({ 201 }));
    advance(1500);
    EXPECT_EQ(status(access, idA)["data"]["status"], "PUBLISH_COMPLETE");
    const std::string shaA = summaryOf(idA)["sha256"].get<std::string>();
    EXPECT_EQ(shaA, Util::sha256Hex(small));

    // B: uploaded, still processing when the sandbox stops.
    const std::string other = bytes(50'000, 2);
    const Json b = parse(api("/v2/post/publish/video/init/", access,
        directBody("SELF_ONLY", static_cast<std::int64_t>(other.size()),
            static_cast<std::int64_t>(other.size()), 1)));
    ASSERT_EQ(b["error"]["code"], "ok");
    const std::string idB = b["data"]["publish_id"].get<std::string>();
    EXPECT_EQ(uploadAll(b["data"]["upload_url"].get<std::string>(), other,
                  static_cast<std::int64_t>(other.size()), 1),
        std::vector<int>({ 201 }));
    advance(500);
    EXPECT_EQ(status(access, idB)["data"]["status"], "PROCESSING_UPLOAD");

    // C: two chunks, only the first one sent before the restart.
    constexpr std::int64_t kChunk = 5 * 1024 * 1024;
    const std::string big = bytes(static_cast<std::size_t>(2 * kChunk + 1000), 3);
    const Json c = parse(api("/v2/post/publish/video/init/", access,
        directBody("SELF_ONLY", static_cast<std::int64_t>(big.size()), kChunk, 2)));
    ASSERT_EQ(c["error"]["code"], "ok") << c.dump();
    const std::string idC = c["data"]["publish_id"].get<std::string>();
    const std::string urlC = c["data"]["upload_url"].get<std::string>();
    ASSERT_EQ(put(urlC, big, 0, kChunk - 1)->status, 206);

    m_server.reset(); // stop: the process ends
    ASSERT_TRUE(fs::exists(stateFile()));
    EXPECT_EQ(modeOf(stateFile()), 0600u) << "it holds tokens";
    EXPECT_FALSE(fs::exists(dir() / "state.json.tmp"));

    startPersistent();
    for (const std::string &line : lines())
        ADD_FAILURE() << "unexpected: " << line;
    EXPECT_EQ(m_port, firstPort) << "the last run's port, free again, is used first";
    EXPECT_EQ(m_server->savedPort(), firstPort);

    // The access token still works, and the creator is still changed.
    const Json info = creatorInfo(access);
    EXPECT_EQ(info["error"]["code"], "ok") << info.dump();
    EXPECT_EQ(info["data"]["comment_disabled"], true);

    // A: still complete, same bytes.
    EXPECT_EQ(status(access, idA)["data"]["status"], "PUBLISH_COMPLETE");
    EXPECT_EQ(summaryOf(idA)["sha256"], shaA);
    // B: processing continues where it was.
    EXPECT_EQ(status(access, idB)["data"]["status"], "PROCESSING_UPLOAD");
    advance(1000);
    EXPECT_EQ(status(access, idB)["data"]["status"], "PUBLISH_COMPLETE");
    EXPECT_EQ(summaryOf(idB)["sha256"], Util::sha256Hex(other));
    // C: the upload URL of the last run still takes the second chunk, and the hash covers all.
    const auto last = put(urlC, big, kChunk, static_cast<std::int64_t>(big.size()) - 1);
    ASSERT_TRUE(last);
    EXPECT_EQ(last->status, 201) << last->body;
    EXPECT_EQ(summaryOf(idC)["sha256"], Util::sha256Hex(big));
    EXPECT_EQ(summaryOf(idC)["uploaded_bytes"], static_cast<std::int64_t>(big.size()));

    // Refresh still works, with rotation: the old refresh token dies.
    const Json r = refresh(refreshToken);
    ASSERT_FALSE(r.value("access_token", "").empty()) << r.dump();
    EXPECT_NE(r.value("refresh_token", ""), refreshToken);
    EXPECT_EQ(refresh(refreshToken).value("error", ""), "invalid_grant");
    EXPECT_EQ(creatorInfo(r.value("access_token", ""))["error"]["code"], "ok");

    // ...and the rotation itself survives another restart.
    m_server.reset();
    startPersistent();
    EXPECT_EQ(refresh(refreshToken).value("error", ""), "invalid_grant");
    EXPECT_FALSE(refresh(r.value("refresh_token", "")).value("access_token", "").empty());

    // Nothing was logged about tokens (nothing needed saying at all).
    for (const std::string &line : lines()) {
        EXPECT_EQ(line.find(access), std::string::npos);
        EXPECT_EQ(line.find(refreshToken), std::string::npos);
    }
}

TEST_F(SandboxPersistenceTest, OldUploadCopiesArePrunedAtStartButTheirHashesStay)
{
    startPersistent();
    const Json t = tokens();
    const std::string access = t.value("access_token", "");
    const std::string data = bytes(20'000, 4);
    const auto size = static_cast<std::int64_t>(data.size());
    const Json init =
        parse(api("/v2/post/publish/video/init/", access, directBody("SELF_ONLY", size, size, 1)));
    ASSERT_EQ(init["error"]["code"], "ok");
    const std::string id = init["data"]["publish_id"].get<std::string>();
    ASSERT_EQ(uploadAll(init["data"]["upload_url"].get<std::string>(), data, size, 1),
        std::vector<int>({ 201 }));
    const fs::path file = summaryOf(id)["upload_file"].get<std::string>();
    ASSERT_TRUE(fs::exists(file));
    writeFile(dir() / "uploads" / "left-behind.upload", "bytes of a forgotten run");

    m_server.reset();
    startPersistent();
    EXPECT_TRUE(fs::exists(file)) << "a recent upload keeps its bytes";
    EXPECT_FALSE(fs::exists(dir() / "uploads" / "left-behind.upload"));

    advance(8LL * 24 * 3600 * 1000);
    m_server.reset();
    startPersistent();
    EXPECT_FALSE(fs::exists(file)) << "a week later the copy goes";
    EXPECT_EQ(summaryOf(id)["sha256"], Util::sha256Hex(data));
    EXPECT_EQ(summaryOf(id)["status"], "PUBLISH_COMPLETE");
}

TEST_F(SandboxPersistenceTest, RevocationAndResetAreRemembered)
{
    startPersistent();
    const Json t = connect();
    const std::string access = t.value("access_token", "");
    const std::string body =
        "client_key=sandbox-client&client_secret=sandbox-secret&token=" + Util::formEncode(access);
    ASSERT_EQ(
        client().Post("/v2/oauth/revoke/", body, "application/x-www-form-urlencoded")->status, 200);
    m_server.reset();
    startPersistent();
    EXPECT_EQ(creatorInfo(access)["error"]["code"], "access_token_invalid");
    EXPECT_EQ(refresh(t.value("refresh_token", "")).value("error", ""), "invalid_grant");

    const Json other = connect();
    ASSERT_EQ(client().Post("/_sandbox/reset", "{}", kJson)->status, 200);
    m_server.reset();
    startPersistent();
    EXPECT_EQ(
        creatorInfo(other.value("access_token", ""))["error"]["code"], "access_token_invalid");
}

TEST_F(SandboxPersistenceTest, ATakenPortIsReplacedByAFreeOne)
{
    startPersistent();
    const int firstPort = m_port;
    const Json t = tokens();
    m_server.reset();
    {
        PortSquatter squatter(firstPort);
        ASSERT_TRUE(squatter.ok());
        startPersistent();
        EXPECT_NE(m_port, firstPort);
        EXPECT_GT(m_port, 0);
        EXPECT_EQ(readFile(dir() / "port"), std::to_string(m_port) + "\n");
        EXPECT_EQ(creatorInfo(t.value("access_token", ""))["error"]["code"], "ok");
        bool said = false;
        for (const std::string &line : lines())
            said = said || line.find("is taken") != std::string::npos;
        EXPECT_TRUE(said) << "one line says why the address changed";
    }
    // The new port is the one remembered now.
    const int secondPort = m_port;
    m_server.reset();
    startPersistent();
    EXPECT_EQ(m_port, secondPort);
}

TEST_F(SandboxPersistenceTest, ABadStateFileIsSetAsideAndTheSandboxStartsFresh)
{
    const std::string secret = "act.SECRET-in-the-broken-file!1234";
    const std::vector<std::string> bad = {
        "{\"kind\":\"cuepoint-sandbox-state\",\"format\":1,\"grants\":[" + secret, // cut short
        "not json at all " + secret,
        R"({"kind":"cuepoint-sandbox-state","format":99,"grants":[]})", // a newer Cuepoint
        R"({"kind":"cuepoint-sandbox-state","format":1,"grants":[{"client_key":1}]})",
        R"({"kind":"cuepoint-sandbox-state","format":1,"grants":[],"access_tokens":[{"token":"x","grant":7,"expires_ms":1,"valid":true}]})",
        R"([1,2,3])",
        R"({"kind":5,"format":1})",
        R"({"kind":"cuepoint-sandbox-state","format":1,"publishes":[{"publish_id":"x"}]})",
    };
    for (std::size_t i = 0; i < bad.size(); ++i) {
        SCOPED_TRACE(bad[i]);
        m_server.reset();
        for (const auto &old : filesStartingWith(dir(), "state.json.broken-"))
            fs::remove(old);
        {
            std::lock_guard lock(m_logMutex);
            m_lines.clear();
        }
        writeFile(stateFile(), bad[i]);
        ASSERT_NO_THROW(startPersistent());
        EXPECT_TRUE(m_server->isRunning());
        const auto aside = filesStartingWith(dir(), "state.json.broken-");
        ASSERT_EQ(aside.size(), 1u);
        EXPECT_EQ(readFile(aside.front()), bad[i]) << "moved, not rewritten";
        const auto said = lines();
        ASSERT_EQ(said.size(), 1u) << "one clear line";
        EXPECT_NE(said.front().find("moved it to"), std::string::npos) << said.front();
        EXPECT_EQ(said.front().find("SECRET"), std::string::npos) << "never the file's content";
        if (i == 2) {
            EXPECT_NE(said.front().find("newer"), std::string::npos) << said.front();
        }
        // Fresh and working: tokens, and a new state file in place of the bad one.
        const Json t = tokens();
        EXPECT_EQ(creatorInfo(t.value("access_token", ""))["error"]["code"], "ok");
        EXPECT_EQ(Json::parse(readFile(stateFile()))["format"], 1);
        EXPECT_EQ(modeOf(stateFile()), 0600u);
    }
}

TEST_F(SandboxPersistenceTest, OnlyOneServerPersistsIntoAFolder)
{
    startPersistent();
    SandboxConfig config = SandboxConfig::defaults();
    config.stateDir = dir().string();
    config.persist = true;
    EXPECT_THROW(SandboxServer second(config), std::runtime_error);
    m_server.reset();
    EXPECT_NO_THROW(SandboxServer third(config)); // the lock went with the first server
}

TEST_F(SandboxPersistenceTest, WithoutPersistNothingIsSavedOrLoaded)
{
    startPersistent();
    const Json t = tokens();
    m_server.reset();
    SandboxConfig config = SandboxConfig::defaults();
    config.stateDir = dir().string();
    m_server = std::make_unique<SandboxServer>(config);
    m_port = m_server->start();
    EXPECT_FALSE(m_server->isPersistent());
    EXPECT_EQ(creatorInfo(t.value("access_token", ""))["error"]["code"], "access_token_invalid");
}

TEST_F(SandboxPersistenceTest, HealthAnswersWithThePid)
{
    startPersistent();
    const Json h = probeSandbox("127.0.0.1", m_port, 1000);
    ASSERT_TRUE(h.is_object());
    EXPECT_EQ(h["pid"], static_cast<std::int64_t>(::getpid()));
    EXPECT_EQ(h["persistent"], true);
    m_server.reset();
    EXPECT_TRUE(probeSandbox("127.0.0.1", m_port, 300).is_null());
    EXPECT_TRUE(fs::exists(dir() / "requests.jsonl")) << "the log still goes to the folder";
    // The health check is not part of the emulated API: it is not logged.
    EXPECT_EQ(readFile(dir() / "requests.jsonl").find("health"), std::string::npos);
}

/// The executable: --persist keeps the state across runs; without it every run is fresh.
int runSandboxUntilPort(QProcess &p, const QString &dir, const QStringList &extra)
{
    QFile::remove(dir + QStringLiteral("/port"));
    p.start(QStringLiteral(CUEPOINT_SANDBOX_PATH),
        QStringList {
            QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--state-dir"), dir }
            + extra);
    if (!p.waitForStarted(5000))
        return 0;
    for (int i = 0; i < 500; ++i) {
        QFile f(dir + QStringLiteral("/port"));
        if (f.open(QIODevice::ReadOnly)) {
            const int port = QString::fromUtf8(f.readAll()).trimmed().toInt();
            if (port > 0)
                return port;
        }
        QThread::msleep(10);
    }
    return 0;
}

TEST(SandboxPersistenceProcessTest, PersistFlagKeepsTokensAndThePortAcrossRuns)
{
    QTemporaryDir tmp;
    ASSERT_TRUE(tmp.isValid());
    const QString dir = tmp.filePath(QStringLiteral("state"));
    std::string access;
    int firstPort = 0;
    {
        QProcess p;
        firstPort = runSandboxUntilPort(p, dir, { QStringLiteral("--persist") });
        ASSERT_GT(firstPort, 0);
        EXPECT_EQ(modeOf(dir.toStdString()) & 077u, 0u) << "a new state dir is the owner's alone";
        httplib::Client c("127.0.0.1", firstPort);
        const auto r = c.Post("/_sandbox/tokens", R"({"creator":"sandbox_creator"})", kJson);
        ASSERT_TRUE(r);
        access = Json::parse(r->body).value("access_token", "");
        p.terminate();
        ASSERT_TRUE(p.waitForFinished(5000));
        EXPECT_EQ(p.exitCode(), 0);
    }
    auto creatorInfoStatus = [&access](int port) {
        httplib::Client c("127.0.0.1", port);
        const auto r = c.Post("/v2/post/publish/creator_info/query/",
            httplib::Headers { { "Authorization", "Bearer " + access } }, "{}", kJson);
        return r ? Json::parse(r->body)["error"].value("code", "") : std::string("no answer");
    };
    {
        QProcess p;
        const int port = runSandboxUntilPort(p, dir, { QStringLiteral("--persist") });
        EXPECT_EQ(port, firstPort);
        EXPECT_EQ(creatorInfoStatus(port), "ok");
        p.terminate();
        ASSERT_TRUE(p.waitForFinished(5000));
    }
    {
        QProcess p; // without --persist: a fresh sandbox, as the existing tests expect
        const int port = runSandboxUntilPort(p, dir, {});
        ASSERT_GT(port, 0);
        EXPECT_EQ(creatorInfoStatus(port), "access_token_invalid");
        p.terminate();
        ASSERT_TRUE(p.waitForFinished(5000));
    }
    QProcess usage;
    usage.start(QStringLiteral(CUEPOINT_SANDBOX_PATH), { QStringLiteral("--persist") });
    ASSERT_TRUE(usage.waitForFinished(5000));
    EXPECT_EQ(usage.exitCode(), 2) << "--persist needs --state-dir";
}

} // namespace
} // namespace Cuepoint::Sandbox::Test
