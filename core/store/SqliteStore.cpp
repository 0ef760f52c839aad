#include "SqliteStore.h"

#include "DirectoryExport.h"
#include "StorePath.h"
#include "Tr.h"

#include <QLoggingCategory>
#include <QScopeGuard>

#include <algorithm>

namespace atalaia::store {

Q_LOGGING_CATEGORY(lcSqliteStore, "atalaia.store.sqlite")

namespace {

constexpr qint64 kSchemaVersion = 1;

constexpr std::string_view kCreateSchema = R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL);
INSERT INTO meta (key, value) VALUES ('version', 0);
CREATE TABLE files (
    path TEXT NOT NULL UNIQUE,
    data BLOB NOT NULL,
    version INTEGER NOT NULL,
    mtime INTEGER NOT NULL
);
PRAGMA user_version = 1;
)sql";

} // namespace

struct SqliteStore::Statements {
    SqliteStatement readFile;
    SqliteStatement readVersion;
    SqliteStatement listAll;
    SqliteStatement listRange;
    SqliteStatement firstInRange;
    SqliteStatement upsert;
    SqliteStatement remove;
    SqliteStatement removeAll;
    SqliteStatement snapshot;
    SqliteStatement storeVersion;
    SqliteStatement setStoreVersion;
    SqliteStatement begin;
    SqliteStatement commit;

    static Result<std::unique_ptr<Statements>> prepare(SqliteDatabase &db)
    {
        auto s = std::make_unique<Statements>();
        const std::pair<SqliteStatement *, std::string_view> all[] = {
            {&s->readFile, "SELECT data, version, mtime FROM files WHERE path = ?1"},
            {&s->readVersion, "SELECT version FROM files WHERE path = ?1"},
            {&s->listAll, "SELECT path FROM files"},
            {&s->listRange, "SELECT path FROM files WHERE path >= ?1 AND path < ?2"},
            {&s->firstInRange, "SELECT 1 FROM files WHERE path >= ?1 AND path < ?2 LIMIT 1"},
            {&s->upsert, "INSERT INTO files (path, data, version, mtime) VALUES (?1, ?2, ?3, ?4) "
                         "ON CONFLICT (path) DO UPDATE SET data = excluded.data, "
                         "version = excluded.version, mtime = excluded.mtime"},
            {&s->remove, "DELETE FROM files WHERE path = ?1"},
            {&s->removeAll, "DELETE FROM files"},
            {&s->snapshot, "SELECT path, data, version, mtime FROM files ORDER BY path"},
            {&s->storeVersion, "SELECT value FROM meta WHERE key = 'version'"},
            {&s->setStoreVersion, "UPDATE meta SET value = ?1 WHERE key = 'version'"},
            // IMMEDIATE: take the write lock at once, so the checks and the
            // changes see the same state even if another process writes.
            {&s->begin, "BEGIN IMMEDIATE"},
            {&s->commit, "COMMIT"},
        };
        for (const auto &[stmt, sql] : all) {
            Result<SqliteStatement> prepared = db.prepare(sql);
            if (!prepared)
                return std::unexpected(prepared.error());
            *stmt = std::move(*prepared);
        }
        return s;
    }
};

SqliteStore::SqliteStore(SqliteDatabase db, std::unique_ptr<Statements> statements, const Clock &clock)
    : m_clock(clock), m_db(std::move(db)), m_stmt(std::move(statements))
{
}

SqliteStore::~SqliteStore()
{
    const QMutexLocker locker(&mutex());
    m_stmt.reset(); // finalize the statements before the connection closes
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const QString &fileName, const Clock &clock)
{
    Result<SqliteDatabase> db = SqliteDatabase::open(fileName, SqliteDatabase::Mode::ReadWriteCreate);
    if (!db)
        return std::unexpected(db.error());
    // WAL: readers (exports, other processes) never block the writer.
    Result<QString> journal = db->queryText("PRAGMA journal_mode = WAL");
    if (!journal)
        return std::unexpected(journal.error());
    if (journal->compare(u"wal", Qt::CaseInsensitive) != 0)
        return fail(Code::StoreIo, Tr::tr("%1: cannot switch to WAL mode (the journal mode is %2)")
                                       .arg(fileName, *journal));
    // FULL: a commit is synced before apply() returns, so an acknowledged
    // write survives a power loss, not only a crash of the agent.
    if (Result<void> ok = db->exec("PRAGMA synchronous = FULL"); !ok)
        return std::unexpected(ok.error());
    Result<qint64> schema = db->queryInt("PRAGMA user_version");
    if (!schema)
        return std::unexpected(schema.error());
    if (*schema == 0) {
        if (Result<void> ok = db->exec("BEGIN IMMEDIATE"); !ok)
            return std::unexpected(ok.error());
        // Another process may have created the schema while we waited.
        Result<qint64> again = db->queryInt("PRAGMA user_version");
        if (!again) {
            db->rollback();
            return std::unexpected(again.error());
        }
        if (*again == 0) {
            if (Result<void> ok = db->exec(kCreateSchema); !ok) {
                db->rollback();
                return std::unexpected(ok.error());
            }
        }
        if (Result<void> ok = db->exec("COMMIT"); !ok) {
            db->rollback();
            return std::unexpected(ok.error());
        }
    } else if (*schema != kSchemaVersion) {
        return fail(Code::StoreIo, Tr::tr("%1: unknown store schema version %2 (this build reads version %3)")
                                       .arg(fileName)
                                       .arg(*schema)
                                       .arg(kSchemaVersion));
    }
    Result<std::unique_ptr<Statements>> statements = Statements::prepare(*db);
    if (!statements)
        return std::unexpected(statements.error());
    return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(*db), std::move(*statements), clock));
}

Result<StoreEntry> SqliteStore::read(const QString &path) const
{
    if (Result<void> ok = StorePath::validate(path); !ok)
        return std::unexpected(ok.error());
    const QMutexLocker locker(&mutex());
    SqliteStatement &stmt = m_stmt->readFile;
    const SqliteStatement::Scope scope(stmt);
    stmt.bind(1, path);
    Result<bool> row = stmt.step();
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return notFoundError(path);
    return StoreEntry{path, stmt.blob(0), quint64(stmt.int64(1)), stmt.int64(2)};
}

QStringList SqliteStore::list(const QString &prefix) const
{
    const Result<QString> dir = StorePath::normalizePrefix(prefix);
    if (!dir)
        return {};
    QStringList paths;
    {
        const QMutexLocker locker(&mutex());
        SqliteStatement &stmt = dir->isEmpty() ? m_stmt->listAll : m_stmt->listRange;
        const SqliteStatement::Scope scope(stmt);
        if (!dir->isEmpty())
            stmt.bind(1, *dir).bind(2, StorePath::prefixEnd(*dir));
        for (;;) {
            Result<bool> row = stmt.step();
            if (!row) {
                qCWarning(lcSqliteStore) << "list failed:" << row.error().message;
                return {};
            }
            if (!*row)
                break;
            paths.append(stmt.text(0));
        }
    }
    // SQLite orders by UTF-8 bytes; sort as QString does, like MemoryStore.
    std::sort(paths.begin(), paths.end());
    return paths;
}

Result<std::optional<quint64>> SqliteStore::versionOf(const QString &path) const
{
    SqliteStatement &stmt = m_stmt->readVersion;
    const SqliteStatement::Scope scope(stmt);
    stmt.bind(1, path);
    return stmt.optionalRow([](const SqliteStatement &row) { return quint64(row.int64(0)); });
}

Result<bool> SqliteStore::hasFilesUnder(const QString &dirPrefix) const
{
    SqliteStatement &stmt = m_stmt->firstInRange;
    const SqliteStatement::Scope scope(stmt);
    stmt.bind(1, dirPrefix).bind(2, StorePath::prefixEnd(dirPrefix));
    return stmt.step();
}

Result<quint64> SqliteStore::applyLocked(const QList<StoreChange> &changes, qint64 now)
{
    Result<quint64> last = storeVersionLocked();
    if (!last)
        return last;
    const quint64 version = *last + 1;
    for (const StoreChange &change : changes) {
        Result<std::optional<quint64>> current = versionOf(change.path);
        if (!current)
            return std::unexpected(current.error());
        if (Result<void> ok = checkCurrent(change, *current); !ok)
            return std::unexpected(ok.error());
    }
    for (const StoreChange &change : changes) {
        SqliteStatement &stmt = change.kind == StoreChange::Kind::Write ? m_stmt->upsert : m_stmt->remove;
        const SqliteStatement::Scope scope(stmt);
        stmt.bind(1, change.path);
        if (change.kind == StoreChange::Kind::Write)
            stmt.bind(2, change.data).bind(3, qint64(version)).bind(4, now);
        if (Result<void> ok = stmt.run(); !ok)
            return std::unexpected(ok.error());
    }
    const Result<void> tree = checkTree(
        changes,
        [this](const QString &path) -> Result<bool> {
            Result<std::optional<quint64>> v = versionOf(path);
            if (!v)
                return std::unexpected(v.error());
            return v->has_value();
        },
        [this](const QString &dir) { return hasFilesUnder(dir); });
    if (!tree)
        return std::unexpected(tree.error());
    SqliteStatement &stmt = m_stmt->setStoreVersion;
    const SqliteStatement::Scope scope(stmt);
    stmt.bind(1, qint64(version));
    if (Result<void> ok = stmt.run(); !ok)
        return std::unexpected(ok.error());
    return version;
}

Result<void> SqliteStore::beginLocked()
{
    const SqliteStatement::Scope scope(m_stmt->begin);
    return m_stmt->begin.run();
}

Result<void> SqliteStore::commitTransactionLocked()
{
    const SqliteStatement::Scope scope(m_stmt->commit);
    return m_stmt->commit.run();
}

Result<quint64> SqliteStore::commitLocked(const QList<StoreChange> &changes, std::optional<qint64> mtime)
{
    if (Result<void> ok = beginLocked(); !ok)
        return std::unexpected(ok.error());
    auto rollback = qScopeGuard([this] { m_db.rollback(); });
    Result<quint64> committed = applyLocked(changes, mtime.value_or(m_clock.nowSeconds()));
    if (!committed)
        return committed;
    if (Result<void> ok = commitTransactionLocked(); !ok)
        return std::unexpected(ok.error());
    rollback.dismiss();
    return committed;
}

Result<LocalStore::Snapshot> SqliteStore::snapshotLocked() const
{
    Result<quint64> version = storeVersionLocked();
    if (!version)
        return std::unexpected(version.error());
    Snapshot snapshot{*version, {}};
    SqliteStatement &stmt = m_stmt->snapshot;
    const SqliteStatement::Scope scope(stmt);
    if (Result<void> ok = stmt.forEachRow([&](const SqliteStatement &row) {
            snapshot.entries.append(StoreEntry{row.text(0), row.blob(1), quint64(row.int64(2)), row.int64(3)});
        });
        !ok)
        return std::unexpected(ok.error());
    // SQLite orders by UTF-8 bytes; sort as QString does, like list().
    std::sort(snapshot.entries.begin(), snapshot.entries.end(),
              [](const StoreEntry &a, const StoreEntry &b) { return a.path < b.path; });
    return snapshot;
}

Result<void> SqliteStore::replaceLocked(const Snapshot &snapshot)
{
    if (Result<void> ok = beginLocked(); !ok)
        return ok;
    auto rollback = qScopeGuard([this] { m_db.rollback(); });
    {
        const SqliteStatement::Scope scope(m_stmt->removeAll);
        if (Result<void> ok = m_stmt->removeAll.run(); !ok)
            return ok;
    }
    for (const StoreEntry &e : snapshot.entries) {
        SqliteStatement &stmt = m_stmt->upsert;
        const SqliteStatement::Scope scope(stmt);
        stmt.bind(1, e.path).bind(2, e.data).bind(3, qint64(e.version)).bind(4, e.mtime);
        if (Result<void> ok = stmt.run(); !ok)
            return ok;
    }
    {
        SqliteStatement &stmt = m_stmt->setStoreVersion;
        const SqliteStatement::Scope scope(stmt);
        stmt.bind(1, qint64(snapshot.version));
        if (Result<void> ok = stmt.run(); !ok)
            return ok;
    }
    if (Result<void> ok = commitTransactionLocked(); !ok)
        return ok;
    rollback.dismiss();
    return {};
}

Result<quint64> SqliteStore::storeVersionLocked() const
{
    SqliteStatement &stmt = m_stmt->storeVersion;
    const SqliteStatement::Scope scope(stmt);
    Result<bool> row = stmt.step();
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return fail(Code::StoreIo, Tr::tr("%1: the store version is missing").arg(m_db.fileName()));
    return quint64(stmt.int64(0));
}

quint64 SqliteStore::storeVersion() const
{
    const QMutexLocker locker(&mutex());
    Result<quint64> version = storeVersionLocked();
    if (!version) {
        qCWarning(lcSqliteStore) << "cannot read the store version:" << version.error().message;
        return 0;
    }
    return *version;
}

Result<qsizetype> SqliteStore::exportTo(const QString &directory) const
{
    // A connection of its own: its read transaction is one snapshot of the
    // store, and in WAL mode it does not block apply() while files are written.
    Result<SqliteDatabase> db = SqliteDatabase::open(m_db.fileName(), SqliteDatabase::Mode::ReadOnly);
    if (!db)
        return std::unexpected(db.error());
    Result<SqliteStatement> stmt = db->prepare("SELECT path, data, version, mtime FROM files ORDER BY path");
    if (!stmt)
        return std::unexpected(stmt.error());
    if (Result<void> ok = db->exec("BEGIN"); !ok)
        return std::unexpected(ok.error());
    const auto endRead = qScopeGuard([&] {
        stmt->reset();
        db->rollback();
    });
    DirectoryExport out(directory);
    if (Result<void> ok = out.begin(); !ok)
        return std::unexpected(ok.error());
    for (;;) {
        Result<bool> row = stmt->step();
        if (!row)
            return std::unexpected(row.error());
        if (!*row)
            break;
        const StoreEntry entry{stmt->text(0), stmt->blob(1), quint64(stmt->int64(2)), stmt->int64(3)};
        if (Result<void> ok = out.add(entry); !ok)
            return std::unexpected(ok.error());
    }
    return out.finish();
}

} // namespace atalaia::store
