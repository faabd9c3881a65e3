// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: arbitrary bytes go through the same custom AVIOContext path as real
// files (MediaInput::fromMemory), into VideoProbe + SpecRules and into FrameGrabber.
// Build and run: docs/FUZZING.md.
#include "cuepoint/core/media/FrameGrabber.h"
#include "cuepoint/core/media/SpecRules.h"
#include "cuepoint/core/media/VideoProbe.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace Cuepoint::Core;

namespace {

// Set CUEPOINT_FUZZ_PROBE_ONLY=1 to fuzz the probe alone (several times more executions).
const bool kProbeOnly = std::getenv("CUEPOINT_FUZZ_PROBE_ONLY") != nullptr;

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const SpecRules rules = SpecRules::defaults();
    // libFuzzer owns the bytes for the duration of the call; nothing below keeps them longer.
    const QByteArray bytes =
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));

    const VideoInfo info = VideoProbe::probeBytes(bytes);
    if (info.isReadable()) {
        // Whatever the probe reports must be something the rules can judge.
        (void)rules.check(info, 300);
    } else if (info.errorMessage.isEmpty()) {
        std::abort(); // every failure carries a sentence for the user
    }
    if (kProbeOnly) {
        return 0;
    }

    FrameGrabber grabber;
    if (grabber.openMemory(bytes)) {
        const FrameSize small { 48, 48 };
        (void)grabber.keyframeNear(0, small);
        (void)grabber.exactFrame(grabber.durationMs() / 2, small);
    }
    return 0;
}
