// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/media/CoverTime.h"

#include <algorithm>
#include <limits>

namespace Cuepoint::Core::CoverTime {

namespace {

// pts * num * 10^6 needs up to ~2^113 for hostile values; GCC and Clang provide 128-bit
// integers on every platform we build for. __extension__ keeps -pedantic quiet.
__extension__ typedef __int128 Wide;

Wide floorDiv(Wide a, Wide b)
{
    // b > 0 everywhere below.
    Wide q = a / b;
    if ((a % b != 0) && (a < 0)) {
        --q;
    }
    return q;
}

Wide ceilDiv(Wide a, Wide b)
{
    Wide q = a / b;
    if ((a % b != 0) && (a > 0)) {
        ++q;
    }
    return q;
}

qint64 saturate(Wide value)
{
    constexpr Wide kMax = std::numeric_limits<qint64>::max();
    constexpr Wide kMin = std::numeric_limits<qint64>::min();
    return static_cast<qint64>(std::clamp(value, kMin, kMax));
}

bool valid(TimeBase tb)
{
    return tb.num > 0 && tb.den > 0;
}

// (pts * num / den - zeroUs / 10^6) seconds in milliseconds, as a fraction: the
// numerator is pts * num * 10^6 - zeroUs * den, the denominator den * 1000.
Wide msNumerator(qint64 pts, TimeBase tb, qint64 zeroUs)
{
    return Wide(pts) * tb.num * 1000000 - Wide(zeroUs) * tb.den;
}

} // namespace

qint64 coverTimestampMs(qint64 pts, TimeBase timeBase, qint64 zeroUs, qint64 durationMs)
{
    if (!valid(timeBase)) {
        return 0;
    }
    qint64 ms = saturate(ceilDiv(msNumerator(pts, timeBase, zeroUs), Wide(timeBase.den) * 1000));
    if (durationMs > 0) {
        ms = std::min(ms, durationMs - 1);
    }
    return std::max<qint64>(ms, 0);
}

qint64 frameStartMs(qint64 pts, TimeBase timeBase, qint64 zeroUs)
{
    if (!valid(timeBase)) {
        return 0;
    }
    return saturate(floorDiv(msNumerator(pts, timeBase, zeroUs), Wide(timeBase.den) * 1000));
}

qint64 targetPts(qint64 ms, TimeBase timeBase, qint64 zeroUs)
{
    if (!valid(timeBase)) {
        return 0;
    }
    // tick <= (zeroUs + ms * 1000) * den / (num * 10^6)
    const Wide micro = Wide(zeroUs) + Wide(ms) * 1000;
    return saturate(floorDiv(micro * timeBase.den, Wide(timeBase.num) * 1000000));
}

} // namespace Cuepoint::Core::CoverTime
