// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QWidget>

class QLabel;

namespace Cuepoint::Gui {

/// What a page shows while it has nothing to show: a large muted icon, a heading and one
/// sentence saying what will appear there or what to do. Used from the page forms (promoted
/// widget), where its properties are set and translated.
class EmptyState final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmptyState)
    Q_PROPERTY(QString iconName READ iconName WRITE setIconName)
    Q_PROPERTY(QString title READ title WRITE setTitle)
    Q_PROPERTY(QString text READ text WRITE setText)

public:
    explicit EmptyState(QWidget *parent = nullptr);
    ~EmptyState() override;

    QString iconName() const { return m_iconName; }
    /// An icon of Icons::get(), drawn large and muted.
    void setIconName(const QString &name);
    QString title() const;
    void setTitle(const QString &title);
    QString text() const;
    void setText(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateIcon();

    QString m_iconName;
    QLabel *m_iconLabel = nullptr;
    QLabel *m_titleLabel = nullptr;
    QLabel *m_textLabel = nullptr;
};

} // namespace Cuepoint::Gui
