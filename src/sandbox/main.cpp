// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// cuepoint-sandbox: serves the local TikTok emulator until SIGINT or SIGTERM (docs/SANDBOX.md).
#include "SandboxServer.h"

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <pthread.h>
#include <string>

namespace {

constexpr const char *kUsage =
    "Usage: cuepoint-sandbox [--port N|0] [--state-dir DIR [--persist]] [--config FILE]\n"
    "                        [--host 127.0.0.1] [--audited] [--help] [--version]\n"
    "\n"
    "A local emulator of TikTok's Login Kit (desktop) and Content Posting API.\n"
    "  --port N        port to listen on; 0 picks a free one (default 0)\n"
    "  --state-dir DIR uploads/, requests.jsonl, summary.json; DIR/port is written once\n"
    "                  listening; DIR/config.json is read when --config is not given\n"
    "  --persist       keep tokens, publishes, counters and changed creators in\n"
    "                  DIR/state.json (0600) across runs, and reuse the last run's port\n"
    "                  when --port is 0 and it is free; without it every run starts fresh\n"
    "  --config FILE   JSON configuration (clients, creators, delays, ...)\n"
    "  --host HOST     loopback address to bind: 127.0.0.0/8, ::1 or localhost\n"
    "  --audited       treat every client app as audited (public posts allowed)\n"
    "Admin API: http://HOST:PORT/_sandbox/{health,log,summary,faults,reset,clock,tokens}\n";

int usageError(const std::string &message)
{
    std::cerr << "cuepoint-sandbox: " << message << " (see --help)\n";
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    using namespace Cuepoint::Sandbox;
    std::string host = "127.0.0.1";
    std::string stateDir;
    std::string configFile;
    int port = 0;
    bool audited = false;
    bool persist = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&](std::string &out) {
            if (i + 1 >= argc)
                return false;
            out = argv[++i];
            return true;
        };
        std::string v;
        if (arg == "--help" || arg == "-h") {
            std::cout << kUsage;
            return 0;
        } else if (arg == "--version") {
            std::cout << "cuepoint-sandbox " << CUEPOINT_SANDBOX_VERSION << '\n';
            return 0;
        } else if (arg == "--port") {
            if (!value(v))
                return usageError("--port needs a value");
            try {
                std::size_t used = 0;
                port = std::stoi(v, &used);
                if (used != v.size() || port < 0 || port > 65535)
                    throw std::invalid_argument(v);
            } catch (const std::exception &) {
                return usageError("--port must be a number from 0 to 65535");
            }
        } else if (arg == "--state-dir") {
            if (!value(stateDir) || stateDir.empty())
                return usageError("--state-dir needs a folder");
        } else if (arg == "--config") {
            if (!value(configFile) || configFile.empty())
                return usageError("--config needs a file");
        } else if (arg == "--host") {
            if (!value(host))
                return usageError("--host needs an address");
        } else if (arg == "--audited") {
            audited = true;
        } else if (arg == "--persist") {
            persist = true;
        } else {
            return usageError("unknown argument " + arg);
        }
    }
    if (persist && stateDir.empty())
        return usageError("--persist needs --state-dir DIR");
    if (!isLoopbackHost(host))
        return usageError("refusing to bind " + host + ": the sandbox listens on loopback only");

    SandboxConfig config = SandboxConfig::defaults();
    if (configFile.empty() && !stateDir.empty()
        && std::filesystem::exists(std::filesystem::path(stateDir) / "config.json"))
        configFile = (std::filesystem::path(stateDir) / "config.json").string();
    if (!configFile.empty()) {
        std::ifstream in(configFile);
        if (!in)
            return usageError("cannot read " + configFile);
        const nlohmann::json doc = nlohmann::json::parse(in, nullptr, false);
        if (doc.is_discarded())
            return usageError(configFile + " is not valid JSON");
        try {
            config = SandboxConfig::fromJson(doc);
        } catch (const std::exception &e) {
            return usageError(configFile + ": " + e.what());
        }
    }
    if (audited) {
        for (auto &c : config.clients) {
            c.audited = true;
            c.activeUserCap = std::max(c.activeUserCap, 500);
        }
    }
    config.stateDir = stateDir;
    config.persist = persist;

    // Block the stop signals in every thread (the server's inherit the mask), then wait for
    // them here: a clean stop() instead of a handler racing the server threads.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    try {
        SandboxServer server(config);
        server.start(host, port);
        std::cout << server.baseUrl() << std::endl;
        int signal = 0;
        sigwait(&stopSignals, &signal);
        server.stop();
    } catch (const std::invalid_argument &e) {
        return usageError(e.what());
    } catch (const std::exception &e) {
        std::cerr << "cuepoint-sandbox: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
