// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "composer/LibraryPickerDialog.h"

#include "composer/StoreJobs.h"
#include "models/MediaLibraryModel.h"

#include "cuepoint/core/storage/MediaStore.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Cuepoint::Gui {

namespace {

constexpr int kIdRole = Qt::UserRole + 1;
constexpr int kUsableRole = Qt::UserRole + 2;

QString durationText(qint64 ms)
{
    return ms <= 0 ? QStringLiteral("\u2013") : MediaLibraryModel::durationText(ms);
}

} // namespace

LibraryPickerDialog::LibraryPickerDialog(const QString &databasePath, QWidget *parent)
    : QDialog(parent)
    , m_search(new QLineEdit(this))
    , m_list(new QTreeWidget(this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("libraryPickerDialog"));
    setWindowTitle(tr("Choose a video from the library"));
    m_search->setObjectName(QStringLiteral("librarySearchLineEdit"));
    m_search->setPlaceholderText(tr("Search by name or tag"));
    m_search->setClearButtonEnabled(true);
    m_list->setObjectName(QStringLiteral("libraryAssetTree"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setHeaderLabels({ tr("Name"), tr("Duration"), tr("TikTok") });
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_status->setObjectName(QStringLiteral("libraryStatusLabel"));
    m_status->setText(tr("Reading the library\u2026"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Use this video"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("useVideoButton"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_search);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
    resize(560, 420);

    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (selectedAsset()) {
            accept();
        }
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_search, &QLineEdit::textChanged, this, &LibraryPickerDialog::fill);
    connect(m_list, &QTreeWidget::currentItemChanged, this, &LibraryPickerDialog::updateButtons);
    connect(m_list, &QTreeWidget::itemDoubleClicked, this, [this] {
        if (selectedAsset()) {
            accept();
        }
    });
    updateButtons();

    whenFinished(runStoreJob<Core::MediaStore>(
                     databasePath, [](Core::MediaStore &store) { return store.assets(); }),
        this, [this](const StoreJobResult<QList<Core::MediaAsset>> &r) {
            m_loaded = true;
            if (!r.value) {
                m_status->setText(r.error);
            } else {
                m_assets = *r.value;
                fill();
            }
            Q_EMIT loaded();
        });
}

LibraryPickerDialog::~LibraryPickerDialog() = default;

void LibraryPickerDialog::fill()
{
    const QString needle = m_search->text().trimmed();
    m_list->clear();
    int shown = 0;
    for (const Core::MediaAsset &a : std::as_const(m_assets)) {
        const QString name = QFileInfo(a.path).fileName();
        const bool matches = needle.isEmpty() || name.contains(needle, Qt::CaseInsensitive)
            || std::any_of(a.tags.cbegin(), a.tags.cend(),
                [&needle](const QString &t) { return t.contains(needle, Qt::CaseInsensitive); });
        if (!matches) {
            continue;
        }
        // Not probed yet is allowed: the step checks every video it is given anyway.
        const bool usable = a.valid.value_or(true) && !a.missing;
        QString verdict;
        if (a.missing) {
            verdict = tr("File missing");
        } else if (!a.valid.has_value()) {
            verdict = tr("Not checked");
        } else {
            verdict = *a.valid ? tr("Ready") : tr("Breaks the rules");
        }
        auto *item = new QTreeWidgetItem(m_list, { name, durationText(a.durationMs), verdict });
        item->setData(0, kIdRole, a.id);
        item->setData(0, kUsableRole, usable);
        item->setToolTip(0, a.path);
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        if (!usable) {
            for (int c = 0; c < 3; ++c) {
                item->setForeground(c, palette().brush(QPalette::Disabled, QPalette::Text));
            }
            item->setToolTip(2, tr("This video cannot be posted: %1.").arg(verdict.toLower()));
        }
        ++shown;
    }
    if (m_assets.isEmpty()) {
        m_status->setText(tr("The library is empty. Import videos on the Media page."));
    } else if (shown == 0) {
        m_status->setText(tr("No video matches \u201c%1\u201d.").arg(needle));
    } else {
        m_status->setText(tr("%n video(s)", nullptr, shown));
    }
    updateButtons();
}

std::optional<Core::MediaAsset> LibraryPickerDialog::selectedAsset() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    if (!item || !item->data(0, kUsableRole).toBool()) {
        return std::nullopt;
    }
    const qint64 id = item->data(0, kIdRole).toLongLong();
    for (const Core::MediaAsset &a : m_assets) {
        if (a.id == id) {
            return a;
        }
    }
    return std::nullopt;
}

void LibraryPickerDialog::updateButtons()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(selectedAsset().has_value());
}

} // namespace Cuepoint::Gui
