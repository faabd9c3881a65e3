// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/domain/CaptionSnippets.h"

#include <QList>
#include <QStringList>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QToolButton;

namespace Cuepoint::Gui {

/// The caption: a plain text editor with a live "n / limit" counter (red only over the
/// limit), and one-click insertion of the user's saved hashtag lists and caption templates,
/// with "Manage…" opening SnippetsDialog. The snippets are read and written off the GUI
/// thread through connections of their own to the database (setDatabasePath).
class CaptionEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaptionEditor)

public:
    explicit CaptionEditor(QWidget *parent = nullptr);
    ~CaptionEditor() override;

    /// Where the snippets are; empty hides the snippet buttons. Loads them.
    void setDatabasePath(const QString &databasePath);

    QString text() const;
    void setText(const QString &text);
    void setReadOnly(bool readOnly);

    /// Characters as the spec counts them, and the spec's limit (product.md §6).
    int characterCount() const;
    static int characterLimit();
    /// The caption breaks the spec (too many characters, or TikTok's UTF-16 limit).
    bool isOverLimit() const;
    /// One sentence per problem (checkCaption).
    QStringList problems() const;

    /// Inserts @p list's hashtags at the cursor, with a space on each side where needed.
    void insertHashtagList(const Core::HashtagList &list);
    /// Inserts @p tmpl's body at the cursor.
    void insertTemplate(const Core::CaptionTemplate &tmpl);

    QList<Core::HashtagList> hashtagLists() const { return m_lists; }
    QList<Core::CaptionTemplate> captionTemplates() const { return m_templates; }
    /// Reads the snippets again (snippetsLoaded() when done).
    void reloadSnippets();
    /// Opens the manager (non-modal to the caller: returns at once).
    void openManager();

    QPlainTextEdit *textEdit() const { return m_edit; }

Q_SIGNALS:
    void textChanged();
    /// The snippet menus were refreshed from the database.
    void snippetsLoaded();

private:
    void updateCounter();
    void rebuildMenus();

    QPlainTextEdit *m_edit = nullptr;
    QLabel *m_counter = nullptr;
    QLabel *m_snippetError = nullptr;
    QToolButton *m_hashtagsButton = nullptr;
    QToolButton *m_templatesButton = nullptr;
    QToolButton *m_manageButton = nullptr;
    QString m_databasePath;
    QList<Core::HashtagList> m_lists;
    QList<Core::CaptionTemplate> m_templates;
    quint64 m_loadGeneration = 0;
    bool m_readOnly = false;
};

} // namespace Cuepoint::Gui
