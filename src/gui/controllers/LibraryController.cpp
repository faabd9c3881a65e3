// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "controllers/LibraryController.h"

#include "GuiLogging.h"

#include "cuepoint/core/media/MediaImporter.h"
#include "cuepoint/core/storage/Database.h"
#include "cuepoint/core/storage/PostStore.h"
#include "cuepoint/core/storage/StorageError.h"
#include "cuepoint/core/support/Clock.h"

#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QSet>
#include <QThread>
#include <QTimeZone>
#include <QTimer>

namespace Cuepoint::Gui {

namespace {

/// A move in a file manager touches the folder several times: one look per burst.
constexpr int kFolderDebounceMs = 500;
/// The last look before a post is due, so a missing file is said while there is time.
constexpr qint64 kBeforeDueMs = 2 * 60 * 1000;

QStringList stringsOf(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &s : v.toArray()) {
        out << s.toString();
    }
    return out;
}

} // namespace

/// Lives on the controller's thread; owns that thread's Database connection, the watch folder
/// and the watcher of the folders that hold assets.
class LibraryWorker final : public QObject
{
public:
    explicit LibraryWorker(LibraryServices services)
        : m_services(std::move(services))
    {
    }

    /// Creates the thread's objects (called on the worker thread).
    void setUp(LibraryController *controller)
    {
        m_controller = controller;
        m_watchFolder = new WatchFolder(this);
        m_assetFolders = new QFileSystemWatcher(this);
        m_debounce = new QTimer(this);
        m_debounce->setSingleShot(true);
        m_debounce->setInterval(kFolderDebounceMs);
        m_periodic = new QTimer(this);
        m_periodic->setInterval(LibraryController::kCheckIntervalMs);
        m_beforeDue = new QTimer(this);
        m_beforeDue->setSingleShot(true);
        QObject::connect(m_beforeDue, &QTimer::timeout, this, [this] { checkFiles(); });
        QObject::connect(m_debounce, &QTimer::timeout, this, [this] { checkFiles(); });
        QObject::connect(m_periodic, &QTimer::timeout, this, [this] { checkFiles(); });
        QObject::connect(m_assetFolders, &QFileSystemWatcher::directoryChanged, this,
            [this] { m_debounce->start(); });
        QObject::connect(
            m_watchFolder, &WatchFolder::filesReady, this, [this](const QStringList &files) {
                QPointer<LibraryController> c(m_controller);
                QMetaObject::invokeMethod(
                    c, [c, files] { c->importWatched(files); }, Qt::QueuedConnection);
            });
        m_periodic->start();
    }

    void tearDown()
    {
        // Timers and watchers must end on the thread they run on.
        const QObjectList own = children();
        qDeleteAll(own);
        m_watchFolder = nullptr;
        m_assetFolders = nullptr;
        m_debounce = nullptr;
        m_periodic = nullptr;
        m_beforeDue = nullptr;
        m_posts.reset();
        m_store.reset();
        m_db.reset();
    }

    Core::MediaStore *store()
    {
        if (!m_store) {
            m_db = Core::Database::open(m_services.databasePath);
            m_store = std::make_unique<Core::MediaStore>(*m_db, m_clock);
            m_posts = std::make_unique<Core::PostStore>(*m_db, m_clock);
        }
        return m_store.get();
    }

    WatchFolder *watchFolder() const { return m_watchFolder; }

    QList<LibraryItem> load(const Core::MediaStore::Filter &filter, QStringList *allTags)
    {
        Core::MediaStore *s = store();
        const QSet<qint64> published = s->publishedAssetIds();
        QList<LibraryItem> items;
        for (Core::MediaAsset &a : s->assets(filter)) {
            LibraryItem item;
            item.published = published.contains(a.id);
            const QJsonObject probe = QJsonDocument::fromJson(a.probeJson.toUtf8()).object();
            item.problems = stringsOf(probe.value(QStringLiteral("problems")));
            item.warnings = stringsOf(probe.value(QStringLiteral("warnings")));
            // Decoded here, off the GUI thread, once per content (an import reloads often).
            QImage &cover = m_covers[a.contentHash];
            if (cover.isNull()) {
                cover = QImage(
                    Core::MediaImporter::coverPath(m_services.coverDir, a.contentHash), "PNG");
            }
            item.cover = cover;
            item.asset = std::move(a);
            items << item;
        }
        QSet<QString> tags;
        QSet<QString> folders;
        for (const Core::MediaAsset &a : s->assets()) {
            for (const QString &t : a.tags) {
                tags.insert(t);
            }
            folders.insert(QFileInfo(a.path).absolutePath());
        }
        *allTags = QStringList(tags.cbegin(), tags.cend());
        allTags->sort(Qt::CaseInsensitive);
        watchAssetFolders(folders);
        return items;
    }

    void watchAssetFolders(const QSet<QString> &folders)
    {
        const QStringList watched = m_assetFolders->directories();
        for (const QString &dir : watched) {
            if (!folders.contains(dir)) {
                m_assetFolders->removePath(dir);
            }
        }
        for (const QString &dir : folders) {
            if (!watched.contains(dir) && QFileInfo(dir).isDir()) {
                m_assetFolders->addPath(dir);
            }
        }
    }

    void checkFiles()
    {
        QPointer<LibraryController> c(m_controller);
        try {
            Core::MediaStore *s = store();
            const Core::MediaImporter::FileCheck check = Core::MediaImporter::checkFiles(*s);
            armBeforeNextDue();
            if (check.nowMissing.isEmpty() && check.backAgain.isEmpty()) {
                return;
            }
            QStringList lines;
            QList<qint64> postIds;
            for (const qint64 id : check.nowMissing) {
                const std::optional<Core::MediaAsset> a = s->asset(id);
                if (!a) {
                    continue;
                }
                QStringList times;
                for (const Core::MediaStore::AssetPost &p : s->postsUsing(*a)) {
                    if (p.needsFile()) {
                        postIds << p.postId;
                        const QTimeZone zone(p.timeZoneId.toUtf8());
                        times << QLocale().toString(zone.isValid() ? p.scheduledAt.toTimeZone(zone)
                                                                   : p.scheduledAt.toLocalTime(),
                            QLocale::ShortFormat);
                    }
                }
                if (!times.isEmpty()) {
                    lines << LibraryController::tr("%1 is missing; the posts of %2 need it.")
                                 .arg(QFileInfo(a->path).fileName(),
                                     times.join(QStringLiteral(", ")));
                }
            }
            qCInfo(lcGui) << "library files missing:" << check.nowMissing
                          << "back:" << check.backAgain;
            QMetaObject::invokeMethod(
                c,
                [c, lines, postIds] {
                    Q_EMIT c->libraryChanged();
                    if (!lines.isEmpty()) {
                        Q_EMIT c->videosMissing(lines.join(QLatin1Char(' ')), postIds);
                    }
                },
                Qt::QueuedConnection);
        } catch (const Core::StorageError &e) {
            const QString message = e.message();
            QMetaObject::invokeMethod(
                c, [c, message] { Q_EMIT c->failed(message); }, Qt::QueuedConnection);
        }
    }

private:
    /// One more look shortly before the next scheduled post is due (within the periodic
    /// interval; later ones are covered by the periodic look until then).
    void armBeforeNextDue()
    {
        const QDateTime due = m_posts->nextDueAt();
        if (!due.isValid()) {
            m_beforeDue->stop();
            return;
        }
        const qint64 in = m_clock.nowUtc().msecsTo(due) - kBeforeDueMs;
        if (in > 0 && in < LibraryController::kCheckIntervalMs) {
            m_beforeDue->start(static_cast<int>(in));
        }
    }

    LibraryServices m_services;
    Core::SystemClock m_clock;
    std::unique_ptr<Core::Database> m_db;
    std::unique_ptr<Core::MediaStore> m_store;
    std::unique_ptr<Core::PostStore> m_posts;
    QPointer<LibraryController> m_controller;
    QHash<QString, QImage> m_covers; ///< by content hash
    WatchFolder *m_watchFolder = nullptr;
    QFileSystemWatcher *m_assetFolders = nullptr;
    QTimer *m_debounce = nullptr;
    QTimer *m_periodic = nullptr;
    QTimer *m_beforeDue = nullptr;
};

LibraryController::LibraryController(LibraryServices services, QObject *parent)
    : QObject(parent)
    , m_services(std::move(services))
    , m_thread(new QThread(this))
    , m_worker(new LibraryWorker(m_services))
{
    qRegisterMetaType<QList<LibraryItem>>();
    qRegisterMetaType<QList<Core::MediaStore::AssetPost>>();
    m_thread->setObjectName(QStringLiteral("library"));
    m_worker->moveToThread(m_thread);
    m_thread->start();
    LibraryWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, this] { worker->setUp(this); });
    // The first look for moved or deleted files, as the window starts.
    checkFiles();
}

LibraryController::~LibraryController()
{
    m_importQueue.clear();
    m_importStop.request_stop();
    if (m_importThread) {
        m_importThread->wait();
    }
    LibraryWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker] { worker->tearDown(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_worker;
}

void LibraryController::runOnWorker(std::function<void(LibraryWorker &)> job)
{
    ++*m_pending;
    LibraryWorker *worker = m_worker;
    QPointer<LibraryController> self(this);
    std::shared_ptr<std::atomic<int>> pending = m_pending;
    QMetaObject::invokeMethod(worker, [worker, job = std::move(job), self, pending] {
        try {
            job(*worker);
        } catch (const Core::StorageError &e) {
            const QString message = e.message();
            QMetaObject::invokeMethod(
                self, [self, message] { Q_EMIT self->failed(message); }, Qt::QueuedConnection);
        }
        --*pending;
    });
}

void LibraryController::load(const Core::MediaStore::Filter &filter)
{
    const quint64 ticket = ++*m_latestLoad;
    std::shared_ptr<std::atomic<quint64>> latest = m_latestLoad;
    QPointer<LibraryController> self(this);
    runOnWorker([filter, ticket, latest, self](LibraryWorker &w) {
        if (ticket != latest->load()) {
            return; // a newer request is waiting behind this one
        }
        QStringList tags;
        QList<LibraryItem> items = w.load(filter, &tags);
        QMetaObject::invokeMethod(
            self,
            [self, items = std::move(items), tags, ticket, latest] {
                if (ticket == latest->load()) {
                    Q_EMIT self->loaded(items, tags);
                }
            },
            Qt::QueuedConnection);
    });
}

void LibraryController::setTags(qint64 assetId, const QStringList &tags)
{
    QPointer<LibraryController> self(this);
    runOnWorker([assetId, tags, self](LibraryWorker &w) {
        std::optional<Core::MediaAsset> a = w.store()->asset(assetId);
        if (!a) {
            return;
        }
        a->tags = tags;
        w.store()->update(*a);
        QMetaObject::invokeMethod(
            self, [self] { Q_EMIT self->libraryChanged(); }, Qt::QueuedConnection);
    });
}

void LibraryController::remove(qint64 assetId)
{
    QPointer<LibraryController> self(this);
    runOnWorker([assetId, self](LibraryWorker &w) {
        w.store()->remove(assetId);
        QMetaObject::invokeMethod(
            self, [self] { Q_EMIT self->libraryChanged(); }, Qt::QueuedConnection);
    });
}

void LibraryController::loadPosts(qint64 assetId)
{
    QPointer<LibraryController> self(this);
    runOnWorker([assetId, self](LibraryWorker &w) {
        const std::optional<Core::MediaAsset> a = w.store()->asset(assetId);
        const QList<Core::MediaStore::AssetPost> posts =
            a ? w.store()->postsUsing(*a) : QList<Core::MediaStore::AssetPost> {};
        QMetaObject::invokeMethod(
            self, [self, assetId, posts] { Q_EMIT self->postsLoaded(assetId, posts); },
            Qt::QueuedConnection);
    });
}

void LibraryController::checkFiles()
{
    runOnWorker([](LibraryWorker &w) { w.checkFiles(); });
}

void LibraryController::setWatchFolder(const QString &folder, bool copyIntoLibrary, int settleMs)
{
    m_copyWatched = copyIntoLibrary;
    runOnWorker([folder, settleMs](LibraryWorker &w) {
        if (w.watchFolder()) {
            w.watchFolder()->setFolder(folder, settleMs);
        }
    });
}

void LibraryController::import(const QStringList &paths, bool copyIntoLibrary)
{
    m_importQueue.append({ paths, copyIntoLibrary });
    if (!m_importing) {
        startNextImport();
    }
}

void LibraryController::importWatched(const QStringList &files)
{
    qCInfo(lcGui) << "watch folder: importing" << files;
    import(files, m_copyWatched);
}

void LibraryController::cancelImport()
{
    m_importQueue.clear();
    m_importStop.request_stop();
}

void LibraryController::startNextImport()
{
    if (m_importQueue.isEmpty()) {
        return;
    }
    const auto [paths, copy] = m_importQueue.takeFirst();
    m_importing = true;
    m_importStop = std::stop_source();
    const std::stop_token stop = m_importStop.get_token();
    Core::ImportOptions options;
    options.copyIntoLibrary = copy;
    options.coverDir = m_services.coverDir;
    options.libraryDir = m_services.libraryDir;
    const QString databasePath = m_services.databasePath;
    QPointer<LibraryController> self(this);
    Q_EMIT importStarted(0);
    m_importThread = QThread::create([self, paths, options, stop, databasePath] {
        QString summary;
        int added = 0;
        int duplicates = 0;
        try {
            // Its own connection: the import writes while the page keeps reading.
            const std::unique_ptr<Core::Database> db = Core::Database::open(databasePath);
            Core::SystemClock clock;
            Core::MediaStore store(*db, clock);
            Core::MediaImporter importer(store, options);
            const Core::ImportReport report =
                importer.run(paths, stop, [self](int done, int total, const Core::ImportItem &) {
                    QMetaObject::invokeMethod(
                        self,
                        [self, done, total] {
                            Q_EMIT self->importProgress(done, total);
                            Q_EMIT self->libraryChanged();
                        },
                        Qt::QueuedConnection);
                });
            summary = report.summary();
            added = report.count(Core::ImportOutcome::Added);
            duplicates = report.count(Core::ImportOutcome::Duplicate);
            for (const Core::ImportItem &item : report.items) {
                if (item.outcome == Core::ImportOutcome::Failed) {
                    qCInfo(lcGui).noquote() << "not imported:" << item.message;
                }
            }
        } catch (const Core::StorageError &e) {
            summary = e.message();
        }
        QMetaObject::invokeMethod(
            self,
            [self, summary, added, duplicates] {
                self->m_importThread->wait();
                self->m_importThread->deleteLater();
                self->m_importThread = nullptr;
                self->m_importing = false;
                Q_EMIT self->libraryChanged();
                Q_EMIT self->importFinished(summary, added, duplicates);
                self->startNextImport();
            },
            Qt::QueuedConnection);
    });
    m_importThread->setParent(this);
    m_importThread->setObjectName(QStringLiteral("library import"));
    m_importThread->start();
}

} // namespace Cuepoint::Gui
