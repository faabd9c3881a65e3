// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLatin1String>
#include <QMessageLogContext>
#include <QString>
#include <QtGlobal>

#include <gtest/gtest.h>

namespace Cuepoint::Test {

/// Turns QAbstractItemModelTester's warnings into test failures while it lives.
class TesterWarnings
{
public:
    TesterWarnings() { s_previous = qInstallMessageHandler(&TesterWarnings::handle); }
    ~TesterWarnings() { qInstallMessageHandler(s_previous); }
    TesterWarnings(const TesterWarnings &) = delete;
    TesterWarnings &operator=(const TesterWarnings &) = delete;

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        if (type != QtDebugMsg && type != QtInfoMsg && context.category
            && QLatin1String(context.category).startsWith(QLatin1String("qt.modeltest"))) {
            ADD_FAILURE() << "model tester: " << message.toStdString();
        }
        if (s_previous) {
            s_previous(type, context, message);
        }
    }
    static inline QtMessageHandler s_previous = nullptr;
};

} // namespace Cuepoint::Test
