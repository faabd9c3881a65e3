// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/domain/TargetState.h"

#include <QMetaType>
#include <QString>

namespace Cuepoint::Core {

/// What the user should hear about when a target reaches a state that concerns them.
struct PublishNotice
{
    qint64 postId = 0;
    qint64 targetId = 0;
    TargetState state = TargetState::Published;
    QString account; ///< the profile's name as the user knows it ("@studio")
    QString title; ///< one short line ("Ready on your phone", "Published")
    QString body; ///< one or two plain sentences
    /// The caption, ready to paste on the phone (notification mode), else empty.
    QString caption;
};

/// How the engine tells the user. The window implements it with the system tray; the command
/// line and the daemon with their output (the journal records every state change anyway).
/// Called on the engine's thread; implementations must not block.
class PublishNotifier
{
public:
    virtual ~PublishNotifier() = default;
    virtual void notify(const PublishNotice &notice) = 0;
};

} // namespace Cuepoint::Core

Q_DECLARE_METATYPE(Cuepoint::Core::PublishNotice)
