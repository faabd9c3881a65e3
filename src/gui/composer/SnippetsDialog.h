// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/domain/CaptionSnippets.h"

#include <QDialog>
#include <QList>

class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;

namespace Cuepoint::Gui {

/// The manager of saved hashtag lists and caption templates: create, edit and delete, with
/// empty and duplicate names refused with a sentence. Every read and write runs off the GUI
/// thread on a connection of its own to the database.
class SnippetsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SnippetsDialog)

public:
    enum class Kind : quint8 { HashtagList, Template };

    explicit SnippetsDialog(const QString &databasePath, QWidget *parent = nullptr);
    ~SnippetsDialog() override;

    QList<Core::HashtagList> hashtagLists() const { return m_lists; }
    QList<Core::CaptionTemplate> captionTemplates() const { return m_templates; }
    /// The sentence shown for the last refused or failed change (empty when none).
    QString errorText() const;
    /// A write or read is on its way.
    bool isBusy() const { return m_busy > 0; }

Q_SIGNALS:
    /// A list or template was saved or deleted (the caption editor reloads its menus).
    void snippetsChanged();
    /// The lists were read (after opening and after every change).
    void loaded();

private:
    struct Page
    {
        QListWidget *list = nullptr;
        QLineEdit *name = nullptr;
        QPlainTextEdit *body = nullptr;
        QPushButton *save = nullptr;
        QPushButton *remove = nullptr;
        QPushButton *add = nullptr;
    };
    QWidget *buildPage(Kind kind, Page &page);
    Page &page(Kind kind) { return kind == Kind::HashtagList ? m_listPage : m_templatePage; }
    void reload(qint64 selectListId = -1, qint64 selectTemplateId = -1);
    void showSelected(Kind kind);
    void startNew(Kind kind);
    void save(Kind kind);
    void remove(Kind kind);
    void setError(const QString &sentence);
    qint64 selectedId(Kind kind) const;
    void updateButtons();

    QString m_databasePath;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_error = nullptr;
    Page m_listPage;
    Page m_templatePage;
    QList<Core::HashtagList> m_lists;
    QList<Core::CaptionTemplate> m_templates;
    int m_busy = 0;
};

} // namespace Cuepoint::Gui
