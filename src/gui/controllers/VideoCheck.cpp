// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "controllers/VideoCheck.h"

#include "cuepoint/core/media/SpecRules.h"
#include "cuepoint/core/media/VideoProbe.h"

#include <QtConcurrent/QtConcurrentRun>

namespace Cuepoint::Gui {

namespace {

const Core::SpecRules &rules()
{
    static const Core::SpecRules defaults = Core::SpecRules::defaults();
    return defaults;
}

} // namespace

QFuture<VideoCheckResult> checkVideo(const QString &path)
{
    return QtConcurrent::run([path] {
        VideoCheckResult result;
        result.path = path;
        const Core::VideoInfo info = Core::VideoProbe::probe(path);
        result.readable = info.isReadable();
        if (!result.readable) {
            result.problems << info.errorMessage;
            return result;
        }
        result.durationMs = info.durationMs;
        result.fps = info.fps;
        const Core::SpecResult spec = rules().check(info);
        for (const Core::SpecViolation &v : spec.violations) {
            result.problems << v.message;
        }
        for (const Core::SpecWarning &w : spec.warnings) {
            result.warnings << w.message;
        }
        return result;
    });
}

QStringList checkCaption(const QString &caption)
{
    QStringList problems;
    for (const Core::SpecViolation &v : rules().checkCaption(caption).violations) {
        problems << v.message;
    }
    return problems;
}

} // namespace Cuepoint::Gui
