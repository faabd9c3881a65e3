// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/MediaLibraryModel.h"

#include "cuepoint/core/media/SpecRules.h"

#include <QFileInfo>
#include <QLocale>
#include <QMimeData>
#include <QUrl>

namespace Cuepoint::Gui {

QString MediaLibraryModel::mimeType()
{
    return QStringLiteral("application/x-cuepoint-media-asset");
}

MediaLibraryModel::MediaLibraryModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void MediaLibraryModel::setItems(QList<LibraryItem> items)
{
    // Same assets in the same order (a tag edit, a cover arriving): change in place, so the
    // selection and the scroll position stay.
    bool same = items.size() == m_items.size();
    for (qsizetype i = 0; same && i < items.size(); ++i) {
        same = items.at(i).asset.id == m_items.at(i).asset.id;
    }
    if (same) {
        m_items = std::move(items);
        if (!m_items.isEmpty()) {
            Q_EMIT dataChanged(index(0), index(static_cast<int>(m_items.size()) - 1));
        }
        return;
    }
    beginResetModel();
    m_items = std::move(items);
    endResetModel();
}

int MediaLibraryModel::rowOf(qint64 id) const
{
    for (qsizetype i = 0; i < m_items.size(); ++i) {
        if (m_items.at(i).asset.id == id) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

const LibraryItem *MediaLibraryModel::item(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.row() >= m_items.size()) {
        return nullptr;
    }
    return &m_items.at(index.row());
}

int MediaLibraryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_items.size());
}

QString MediaLibraryModel::durationText(qint64 ms)
{
    const qint64 s = (ms + 500) / 1000;
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QVariant MediaLibraryModel::data(const QModelIndex &index, int role) const
{
    const LibraryItem *it = item(index);
    if (!it) {
        return {};
    }
    const Core::MediaAsset &a = it->asset;
    switch (role) {
    case Qt::DisplayRole:
        return QFileInfo(a.path).fileName();
    case Qt::DecorationRole:
        return it->cover;
    case Qt::ToolTipRole: {
        QString html =
            QStringLiteral("<b>%1</b><br>%2")
                .arg(QFileInfo(a.path).fileName().toHtmlEscaped(), a.path.toHtmlEscaped());
        if (a.missing) {
            html += QStringLiteral("<br><b>%1</b>")
                        .arg(tr("The file is missing: it was moved or deleted.").toHtmlEscaped());
        }
        for (const QString &p : it->problems) {
            html += QStringLiteral("<br>\u2716 %1").arg(p.toHtmlEscaped());
        }
        for (const QString &w : it->warnings) {
            html += QStringLiteral("<br>\u26a0 %1").arg(w.toHtmlEscaped());
        }
        return html;
    }
    case AssetIdRole:
        return a.id;
    case PathRole:
        return a.path;
    case DurationMsRole:
        return a.durationMs;
    case SizeBytesRole:
        return a.sizeBytes;
    case ValidRole:
        return a.valid ? QVariant(*a.valid) : QVariant();
    case MissingRole:
        return a.missing;
    case PublishedRole:
        return it->published;
    case TagsRole:
        return a.tags;
    case ProblemsRole:
        return it->problems;
    case DetailsRole: {
        QStringList parts { durationText(a.durationMs),
            QLocale().formattedDataSize(a.sizeBytes, 1, QLocale::DataSizeTraditionalFormat) };
        if (a.width > 0) {
            parts << QStringLiteral("%1\u00d7%2").arg(a.width).arg(a.height);
        }
        if (!a.videoCodec.isEmpty()) {
            parts << Core::SpecRules::codecDisplayName(a.videoCodec);
        }
        return parts.join(QStringLiteral(" \u00b7 "));
    }
    default:
        return {};
    }
}

Qt::ItemFlags MediaLibraryModel::flags(const QModelIndex &index) const
{
    if (!item(index)) {
        return Qt::NoItemFlags;
    }
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled
        | Qt::ItemNeverHasChildren;
}

QStringList MediaLibraryModel::mimeTypes() const
{
    return { mimeType(), QStringLiteral("text/uri-list") };
}

QMimeData *MediaLibraryModel::mimeData(const QModelIndexList &indexes) const
{
    const LibraryItem *it = indexes.isEmpty() ? nullptr : item(indexes.first());
    if (!it) {
        return nullptr;
    }
    auto *mime = new QMimeData;
    // One post, one video: only the first selected video travels.
    mime->setData(mimeType(), QByteArray::number(it->asset.id));
    mime->setUrls({ QUrl::fromLocalFile(it->asset.path) });
    return mime;
}

} // namespace Cuepoint::Gui
