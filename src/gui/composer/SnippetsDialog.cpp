// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "composer/SnippetsDialog.h"

#include "composer/StoreJobs.h"

#include "cuepoint/core/storage/TemplateStore.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Cuepoint::Gui {

namespace {

using Snippets = std::pair<QList<Core::HashtagList>, QList<Core::CaptionTemplate>>;
constexpr int kIdRole = Qt::UserRole + 1;

QStringList parseHashtags(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[\\s,;]+"));
    QStringList tags;
    for (const QString &token : text.split(separators, Qt::SkipEmptyParts)) {
        if (token != QStringLiteral("#")) {
            tags << token;
        }
    }
    return tags;
}

} // namespace

SnippetsDialog::SnippetsDialog(const QString &databasePath, QWidget *parent)
    : QDialog(parent)
    , m_databasePath(databasePath)
    , m_tabs(new QTabWidget(this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("snippetsDialog"));
    setWindowTitle(tr("Hashtag lists and caption templates"));
    m_tabs->setObjectName(QStringLiteral("snippetsTabWidget"));
    m_tabs->addTab(buildPage(Kind::HashtagList, m_listPage), tr("Hashtag lists"));
    m_tabs->addTab(buildPage(Kind::Template, m_templatePage), tr("Caption templates"));
    m_error->setObjectName(QStringLiteral("snippetsErrorLabel"));
    m_error->setWordWrap(true);
    QPalette pal = m_error->palette();
    pal.setColor(QPalette::WindowText, QColor(0xd1, 0x3b, 0x3b));
    m_error->setPalette(pal);
    m_error->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(640, 420);
    reload();
}

SnippetsDialog::~SnippetsDialog() = default;

QWidget *SnippetsDialog::buildPage(Kind kind, Page &p)
{
    const bool lists = kind == Kind::HashtagList;
    const QString prefix = lists ? QStringLiteral("hashtagList") : QStringLiteral("template");
    auto *widget = new QWidget(this);
    p.list = new QListWidget(widget);
    p.list->setObjectName(prefix + QStringLiteral("sListWidget"));
    p.name = new QLineEdit(widget);
    p.name->setObjectName(prefix + QStringLiteral("NameLineEdit"));
    p.name->setPlaceholderText(lists ? tr("e.g. Fitness") : tr("e.g. Weekly tip"));
    p.body = new QPlainTextEdit(widget);
    p.body->setObjectName(prefix + QStringLiteral("BodyTextEdit"));
    p.body->setPlaceholderText(lists ? tr("#fitness #gym #workout") : tr("The caption's text"));
    p.body->setTabChangesFocus(true);
    p.add = new QPushButton(lists ? tr("New list") : tr("New template"), widget);
    p.add->setObjectName(prefix + QStringLiteral("NewButton"));
    p.save = new QPushButton(tr("Save"), widget);
    p.save->setObjectName(prefix + QStringLiteral("SaveButton"));
    p.remove = new QPushButton(tr("Delete"), widget);
    p.remove->setObjectName(prefix + QStringLiteral("DeleteButton"));

    auto *form = new QFormLayout;
    form->addRow(tr("Name:"), p.name);
    form->addRow(lists ? tr("Hashtags:") : tr("Text:"), p.body);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(p.remove);
    buttons->addStretch(1);
    buttons->addWidget(p.save);
    auto *right = new QVBoxLayout;
    right->addLayout(form, 1);
    right->addLayout(buttons);
    auto *left = new QVBoxLayout;
    left->addWidget(p.list, 1);
    left->addWidget(p.add);
    auto *layout = new QHBoxLayout(widget);
    layout->addLayout(left, 2);
    layout->addLayout(right, 3);

    connect(p.list, &QListWidget::currentRowChanged, this, [this, kind] { showSelected(kind); });
    connect(p.add, &QPushButton::clicked, this, [this, kind] { startNew(kind); });
    connect(p.save, &QPushButton::clicked, this, [this, kind] { save(kind); });
    connect(p.remove, &QPushButton::clicked, this, [this, kind] { remove(kind); });
    return widget;
}

QString SnippetsDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void SnippetsDialog::setError(const QString &sentence)
{
    m_error->setText(sentence);
    m_error->setVisible(!sentence.isEmpty());
}

qint64 SnippetsDialog::selectedId(Kind kind) const
{
    const Page &p = kind == Kind::HashtagList ? m_listPage : m_templatePage;
    const QListWidgetItem *item = p.list->currentItem();
    return item ? item->data(kIdRole).toLongLong() : 0;
}

void SnippetsDialog::reload(qint64 selectListId, qint64 selectTemplateId)
{
    ++m_busy;
    updateButtons();
    whenFinished(runStoreJob<Core::TemplateStore>(m_databasePath,
                     [](Core::TemplateStore &store) {
                         return Snippets { store.hashtagLists(), store.templates() };
                     }),
        this, [this, selectListId, selectTemplateId](const StoreJobResult<Snippets> &r) {
            --m_busy;
            if (!r.value) {
                setError(r.error);
                updateButtons();
                Q_EMIT loaded();
                return;
            }
            const qint64 keepList =
                selectListId >= 0 ? selectListId : selectedId(Kind::HashtagList);
            const qint64 keepTemplate =
                selectTemplateId >= 0 ? selectTemplateId : selectedId(Kind::Template);
            m_lists = r.value->first;
            m_templates = r.value->second;
            const auto fill = [](QListWidget *w, const QList<std::pair<qint64, QString>> &rows,
                                  qint64 keep) {
                const QSignalBlocker block(w);
                w->clear();
                for (const auto &[id, name] : rows) {
                    auto *item = new QListWidgetItem(name, w);
                    item->setData(kIdRole, id);
                    if (id == keep) {
                        w->setCurrentItem(item);
                    }
                }
            };
            QList<std::pair<qint64, QString>> rows;
            for (const Core::HashtagList &l : std::as_const(m_lists)) {
                rows.append({ l.id, l.name });
            }
            fill(m_listPage.list, rows, keepList);
            rows.clear();
            for (const Core::CaptionTemplate &t : std::as_const(m_templates)) {
                rows.append({ t.id, t.name });
            }
            fill(m_templatePage.list, rows, keepTemplate);
            showSelected(Kind::HashtagList);
            showSelected(Kind::Template);
            Q_EMIT loaded();
        });
}

void SnippetsDialog::showSelected(Kind kind)
{
    Page &p = page(kind);
    const qint64 id = selectedId(kind);
    if (id == 0) {
        updateButtons();
        return;
    }
    if (kind == Kind::HashtagList) {
        for (const Core::HashtagList &l : std::as_const(m_lists)) {
            if (l.id == id) {
                p.name->setText(l.name);
                p.body->setPlainText(l.captionText());
            }
        }
    } else {
        for (const Core::CaptionTemplate &t : std::as_const(m_templates)) {
            if (t.id == id) {
                p.name->setText(t.name);
                p.body->setPlainText(t.body);
            }
        }
    }
    updateButtons();
}

void SnippetsDialog::startNew(Kind kind)
{
    Page &p = page(kind);
    p.list->setCurrentRow(-1);
    p.list->clearSelection();
    p.name->clear();
    p.body->clear();
    p.name->setFocus();
    setError({});
    updateButtons();
}

void SnippetsDialog::updateButtons()
{
    for (Kind kind : { Kind::HashtagList, Kind::Template }) {
        Page &p = page(kind);
        p.save->setEnabled(m_busy == 0);
        p.remove->setEnabled(m_busy == 0 && selectedId(kind) != 0);
    }
}

void SnippetsDialog::save(Kind kind)
{
    Page &p = page(kind);
    const QString name = p.name->text().trimmed();
    const qint64 id = selectedId(kind);
    const bool lists = kind == Kind::HashtagList;
    if (name.isEmpty()) {
        setError(lists ? tr("Give the hashtag list a name.") : tr("Give the template a name."));
        return;
    }
    // Names are unique within each kind (the store refuses duplicates too; saying so here
    // names the clash before any write).
    bool duplicate = false;
    if (lists) {
        for (const Core::HashtagList &l : std::as_const(m_lists)) {
            duplicate = duplicate || (l.id != id && l.name.compare(name, Qt::CaseInsensitive) == 0);
        }
    } else {
        for (const Core::CaptionTemplate &t : std::as_const(m_templates)) {
            duplicate = duplicate || (t.id != id && t.name.compare(name, Qt::CaseInsensitive) == 0);
        }
    }
    if (duplicate) {
        setError(lists ? tr("There is already a hashtag list named \u201c%1\u201d.").arg(name)
                       : tr("There is already a template named \u201c%1\u201d.").arg(name));
        return;
    }
    const QString body = p.body->toPlainText();
    setError({});
    ++m_busy;
    updateButtons();
    const auto done = [this, lists](const StoreJobResult<qint64> &r) {
        --m_busy;
        if (!r.value) {
            setError(r.error);
            updateButtons();
            return;
        }
        Q_EMIT snippetsChanged();
        reload(lists ? *r.value : -1, lists ? -1 : *r.value);
    };
    if (lists) {
        Core::HashtagList list;
        list.id = id;
        list.name = name;
        list.hashtags = parseHashtags(body);
        if (list.hashtags.isEmpty()) {
            --m_busy;
            updateButtons();
            setError(tr("Add at least one hashtag, e.g. #travel."));
            return;
        }
        whenFinished(
            runStoreJob<Core::TemplateStore>(m_databasePath,
                [list](Core::TemplateStore &store) { return store.saveHashtagList(list); }),
            this, done);
    } else {
        if (body.trimmed().isEmpty()) {
            --m_busy;
            updateButtons();
            setError(tr("Write the template's text."));
            return;
        }
        Core::CaptionTemplate tmpl;
        tmpl.id = id;
        tmpl.name = name;
        tmpl.body = body;
        whenFinished(runStoreJob<Core::TemplateStore>(m_databasePath,
                         [tmpl](Core::TemplateStore &store) { return store.saveTemplate(tmpl); }),
            this, done);
    }
}

void SnippetsDialog::remove(Kind kind)
{
    const qint64 id = selectedId(kind);
    if (id == 0) {
        return;
    }
    setError({});
    ++m_busy;
    updateButtons();
    const bool lists = kind == Kind::HashtagList;
    whenFinished(runStoreJob<Core::TemplateStore>(m_databasePath,
                     [id, lists](Core::TemplateStore &store) {
                         if (lists) {
                             store.removeHashtagList(id);
                         } else {
                             store.removeTemplate(id);
                         }
                         return true;
                     }),
        this, [this, kind](const StoreJobResult<bool> &r) {
            --m_busy;
            if (!r.value) {
                setError(r.error);
                updateButtons();
                return;
            }
            Page &p = page(kind);
            p.name->clear();
            p.body->clear();
            Q_EMIT snippetsChanged();
            reload(kind == Kind::HashtagList ? 0 : -1, kind == Kind::Template ? 0 : -1);
        });
}

} // namespace Cuepoint::Gui
