// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "composer/CaptionEditor.h"

#include "composer/SnippetsDialog.h"
#include "composer/StoreJobs.h"
#include "controllers/VideoCheck.h"

#include "cuepoint/core/media/SpecRules.h"
#include "cuepoint/core/storage/TemplateStore.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QToolButton>
#include <QVBoxLayout>

namespace Cuepoint::Gui {

namespace {

using Snippets = std::pair<QList<Core::HashtagList>, QList<Core::CaptionTemplate>>;

const QColor kOverLimit(0xd1, 0x3b, 0x3b);

/// A menu entry's text: the name, and a short preview of what it inserts.
QString entryText(const QString &name, const QString &body)
{
    QString preview = body.simplified();
    if (preview.size() > 40) {
        preview = preview.left(39) + QChar(0x2026);
    }
    return preview.isEmpty() ? name : QStringLiteral("%1 \u2014 %2").arg(name, preview);
}

} // namespace

CaptionEditor::CaptionEditor(QWidget *parent)
    : QWidget(parent)
    , m_edit(new QPlainTextEdit(this))
    , m_counter(new QLabel(this))
    , m_snippetError(new QLabel(this))
    , m_hashtagsButton(new QToolButton(this))
    , m_templatesButton(new QToolButton(this))
    , m_manageButton(new QToolButton(this))
{
    setObjectName(QStringLiteral("captionEditor"));
    m_edit->setObjectName(QStringLiteral("captionTextEdit"));
    m_edit->setPlaceholderText(tr("Write a caption\u2026"));
    m_edit->setTabChangesFocus(true);
    m_counter->setObjectName(QStringLiteral("captionCounterLabel"));
    m_counter->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_snippetError->setObjectName(QStringLiteral("snippetErrorLabel"));
    m_snippetError->setWordWrap(true);
    m_snippetError->hide();

    m_hashtagsButton->setObjectName(QStringLiteral("hashtagListsButton"));
    m_hashtagsButton->setText(tr("# Hashtags"));
    m_hashtagsButton->setToolTip(tr("Insert a saved hashtag list at the cursor"));
    m_hashtagsButton->setPopupMode(QToolButton::InstantPopup);
    m_hashtagsButton->setMenu(new QMenu(m_hashtagsButton));
    m_templatesButton->setObjectName(QStringLiteral("captionTemplatesButton"));
    m_templatesButton->setText(tr("Templates"));
    m_templatesButton->setToolTip(tr("Insert a saved caption template at the cursor"));
    m_templatesButton->setPopupMode(QToolButton::InstantPopup);
    m_templatesButton->setMenu(new QMenu(m_templatesButton));
    m_manageButton->setObjectName(QStringLiteral("manageSnippetsButton"));
    m_manageButton->setText(tr("Manage\u2026"));
    m_manageButton->setToolTip(tr("Create, edit and delete hashtag lists and caption templates"));
    for (QToolButton *b : { m_hashtagsButton, m_templatesButton, m_manageButton }) {
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        b->setAutoRaise(true);
    }

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(2);
    row->addWidget(m_hashtagsButton);
    row->addWidget(m_templatesButton);
    row->addWidget(m_manageButton);
    row->addStretch(1);
    row->addWidget(m_counter);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_edit, 1);
    layout->addLayout(row);
    layout->addWidget(m_snippetError);

    connect(m_edit, &QPlainTextEdit::textChanged, this, [this] {
        updateCounter();
        Q_EMIT textChanged();
    });
    connect(m_manageButton, &QToolButton::clicked, this, &CaptionEditor::openManager);
    setDatabasePath({});
    updateCounter();
}

CaptionEditor::~CaptionEditor() = default;

void CaptionEditor::setDatabasePath(const QString &databasePath)
{
    m_databasePath = databasePath;
    const bool visible = !databasePath.isEmpty();
    m_hashtagsButton->setVisible(visible);
    m_templatesButton->setVisible(visible);
    m_manageButton->setVisible(visible);
    if (visible) {
        reloadSnippets();
    } else {
        m_lists.clear();
        m_templates.clear();
        rebuildMenus();
    }
}

QString CaptionEditor::text() const
{
    return m_edit->toPlainText();
}

void CaptionEditor::setText(const QString &text)
{
    m_edit->setPlainText(text);
    m_edit->moveCursor(QTextCursor::End);
}

void CaptionEditor::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    m_edit->setReadOnly(readOnly);
    for (QToolButton *b : { m_hashtagsButton, m_templatesButton, m_manageButton }) {
        b->setEnabled(!readOnly);
    }
}

int CaptionEditor::characterCount() const
{
    return Core::SpecRules::userCharacterCount(text());
}

int CaptionEditor::characterLimit()
{
    static const int limit = Core::SpecRules::defaults().limits().maxCaptionCharacters;
    return limit;
}

bool CaptionEditor::isOverLimit() const
{
    return !problems().isEmpty();
}

QStringList CaptionEditor::problems() const
{
    return checkCaption(text());
}

void CaptionEditor::updateCounter()
{
    const bool over = isOverLimit();
    m_counter->setText(QStringLiteral("%1 / %2").arg(characterCount()).arg(characterLimit()));
    m_counter->setProperty("overLimit", over);
    QPalette pal = palette();
    if (over) {
        pal.setColor(QPalette::WindowText, kOverLimit);
    }
    m_counter->setPalette(pal);
    m_counter->setToolTip(over ? problems().join(QLatin1Char('\n')) : QString());
}

void CaptionEditor::insertHashtagList(const Core::HashtagList &list)
{
    if (m_readOnly || list.hashtags.isEmpty()) {
        return;
    }
    QTextCursor cursor = m_edit->textCursor();
    const QString all = text();
    const int start = cursor.selectionStart();
    const int end = cursor.selectionEnd();
    // A space separates the hashtags from a word right before or after the cursor.
    const bool spaceBefore = start > 0 && !all.at(start - 1).isSpace();
    const bool spaceAfter = end < all.size() && !all.at(end).isSpace();
    QString insert = list.captionText();
    if (spaceBefore) {
        insert.prepend(QLatin1Char(' '));
    }
    if (spaceAfter) {
        insert.append(QLatin1Char(' '));
    }
    cursor.insertText(insert);
    m_edit->setTextCursor(cursor);
    m_edit->setFocus();
}

void CaptionEditor::insertTemplate(const Core::CaptionTemplate &tmpl)
{
    if (m_readOnly) {
        return;
    }
    QTextCursor cursor = m_edit->textCursor();
    cursor.insertText(tmpl.body);
    m_edit->setTextCursor(cursor);
    m_edit->setFocus();
}

void CaptionEditor::reloadSnippets()
{
    if (m_databasePath.isEmpty()) {
        return;
    }
    const quint64 generation = ++m_loadGeneration;
    whenFinished(runStoreJob<Core::TemplateStore>(m_databasePath,
                     [](Core::TemplateStore &store) {
                         return Snippets { store.hashtagLists(), store.templates() };
                     }),
        this, [this, generation](const StoreJobResult<Snippets> &result) {
            if (generation != m_loadGeneration) {
                return; // a newer read is on its way
            }
            m_snippetError->setVisible(!result.error.isEmpty());
            m_snippetError->setText(result.error);
            if (result.value) {
                m_lists = result.value->first;
                m_templates = result.value->second;
            }
            rebuildMenus();
            Q_EMIT snippetsLoaded();
        });
}

void CaptionEditor::rebuildMenus()
{
    QMenu *lists = m_hashtagsButton->menu();
    lists->clear();
    for (const Core::HashtagList &list : std::as_const(m_lists)) {
        QAction *a = lists->addAction(entryText(list.name, list.captionText()));
        connect(a, &QAction::triggered, this, [this, list] { insertHashtagList(list); });
    }
    if (m_lists.isEmpty()) {
        lists->addAction(tr("No hashtag lists yet \u2014 create one with Manage\u2026"))
            ->setEnabled(false);
    }
    QMenu *templates = m_templatesButton->menu();
    templates->clear();
    for (const Core::CaptionTemplate &tmpl : std::as_const(m_templates)) {
        QAction *a = templates->addAction(entryText(tmpl.name, tmpl.body));
        connect(a, &QAction::triggered, this, [this, tmpl] { insertTemplate(tmpl); });
    }
    if (m_templates.isEmpty()) {
        templates->addAction(tr("No caption templates yet \u2014 create one with Manage\u2026"))
            ->setEnabled(false);
    }
}

void CaptionEditor::openManager()
{
    if (m_databasePath.isEmpty() || m_readOnly) {
        return;
    }
    auto *dialog = new SnippetsDialog(m_databasePath, window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SnippetsDialog::snippetsChanged, this, &CaptionEditor::reloadSnippets);
    dialog->open();
}

} // namespace Cuepoint::Gui
