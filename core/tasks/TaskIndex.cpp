#include "TaskIndex.h"

#include "Tr.h"

namespace atalaia::tasks {

using store::SqliteDatabase;
using store::SqliteStatement;

namespace {

constexpr qint64 kSchemaVersion = 1;

constexpr std::string_view kCreateSchema = R"sql(
CREATE TABLE tasks (
    seq INTEGER PRIMARY KEY,
    upid TEXT NOT NULL UNIQUE,
    starttime INTEGER NOT NULL,
    type TEXT NOT NULL,
    id TEXT NOT NULL,
    user TEXT NOT NULL,
    endtime INTEGER,
    status TEXT
);
CREATE INDEX tasks_by_start ON tasks (starttime);
CREATE INDEX tasks_running ON tasks (endtime) WHERE endtime IS NULL;
PRAGMA user_version = 1;
)sql";

// Newest first; seq orders tasks started in the same second.
constexpr std::string_view kQuery =
    "SELECT upid, endtime, status FROM tasks "
    "WHERE (?1 IS NULL OR type = ?1) AND (?2 IS NULL OR id = ?2) "
    "AND (?3 IS NULL OR starttime >= ?3) AND (?4 IS NULL OR starttime <= ?4) "
    "AND (?5 = 0 OR (?5 = 1 AND endtime IS NOT NULL) OR (?5 = 2 AND endtime IS NULL)) "
    "ORDER BY starttime DESC, seq DESC";

Result<model::Task> taskFromRow(const SqliteStatement &stmt)
{
    Result<model::Upid> upid = model::Upid::parse(stmt.text(0));
    if (!upid)
        return std::unexpected(upid.error());
    model::Task task;
    task.upid = *upid;
    if (!stmt.isNull(1))
        task.endtime = stmt.int64(1);
    if (!stmt.isNull(2))
        task.status = stmt.text(2);
    return task;
}

} // namespace

struct TaskIndex::Statements {
    SqliteStatement insert;
    SqliteStatement finish;
    SqliteStatement find;
    SqliteStatement running;
    SqliteStatement query;
};

TaskIndex::TaskIndex(SqliteDatabase db, std::unique_ptr<Statements> statements)
    : m_db(std::move(db)), m_stmt(std::move(statements))
{
}

TaskIndex::~TaskIndex()
{
    const QMutexLocker locker(&m_mutex);
    m_stmt.reset(); // finalize before the connection closes
}

Result<std::unique_ptr<TaskIndex>> TaskIndex::open(const QString &fileName)
{
    Result<SqliteDatabase> db = SqliteDatabase::open(fileName, SqliteDatabase::Mode::ReadWriteCreate);
    if (!db)
        return std::unexpected(db.error());
    if (Result<QString> journal = db->queryText("PRAGMA journal_mode = WAL"); !journal)
        return std::unexpected(journal.error());
    if (Result<void> ok = db->exec("PRAGMA synchronous = FULL"); !ok)
        return std::unexpected(ok.error());
    if (Result<void> ok = db->exec("BEGIN IMMEDIATE"); !ok)
        return std::unexpected(ok.error());
    Result<qint64> schema = db->queryInt("PRAGMA user_version");
    if (!schema) {
        db->rollback();
        return std::unexpected(schema.error());
    }
    if (*schema == 0) {
        if (Result<void> ok = db->exec(kCreateSchema); !ok) {
            db->rollback();
            return std::unexpected(ok.error());
        }
    } else if (*schema != kSchemaVersion) {
        db->rollback();
        return fail(Code::Io, Tr::tr("%1: unknown task index schema version %2 (this build reads version %3)")
                                  .arg(fileName)
                                  .arg(*schema)
                                  .arg(kSchemaVersion));
    }
    if (Result<void> ok = db->exec("COMMIT"); !ok) {
        db->rollback();
        return std::unexpected(ok.error());
    }

    auto s = std::make_unique<Statements>();
    const std::pair<SqliteStatement *, std::string_view> all[] = {
        {&s->insert, "INSERT INTO tasks (upid, starttime, type, id, user) VALUES (?1, ?2, ?3, ?4, ?5) "
                     "ON CONFLICT (upid) DO NOTHING"},
        {&s->finish, "UPDATE tasks SET endtime = ?2, status = ?3 WHERE upid = ?1"},
        {&s->find, "SELECT upid, endtime, status FROM tasks WHERE upid = ?1"},
        {&s->running, "SELECT upid FROM tasks WHERE endtime IS NULL ORDER BY seq"},
        {&s->query, kQuery},
    };
    for (const auto &[stmt, sql] : all) {
        Result<SqliteStatement> prepared = db->prepare(sql);
        if (!prepared)
            return std::unexpected(prepared.error());
        *stmt = std::move(*prepared);
    }
    return std::unique_ptr<TaskIndex>(new TaskIndex(std::move(*db), std::move(s)));
}

Result<bool> TaskIndex::insert(const model::Upid &upid)
{
    const QMutexLocker locker(&m_mutex);
    SqliteStatement &stmt = m_stmt->insert;
    const SqliteStatement::Scope scope(stmt);
    stmt.bind(1, upid.toString())
        .bind(2, qint64(upid.starttime()))
        .bind(3, upid.type())
        .bind(4, upid.id())
        .bind(5, upid.user());
    if (Result<void> ok = stmt.run(); !ok)
        return std::unexpected(ok.error());
    return m_db.changes() == 1;
}

Result<void> TaskIndex::finish(const model::Upid &upid, qint64 endtime, const QString &status)
{
    const QMutexLocker locker(&m_mutex);
    SqliteStatement &stmt = m_stmt->finish;
    const SqliteStatement::Scope scope(stmt);
    stmt.bind(1, upid.toString()).bind(2, endtime).bind(3, status);
    return stmt.run();
}

Result<std::optional<model::Task>> TaskIndex::find(const model::Upid &upid) const
{
    const QMutexLocker locker(&m_mutex);
    SqliteStatement &stmt = m_stmt->find;
    const SqliteStatement::Scope scope(stmt);
    stmt.bind(1, upid.toString());
    Result<bool> row = stmt.step();
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return std::optional<model::Task>();
    Result<model::Task> task = taskFromRow(stmt);
    if (!task)
        return std::unexpected(task.error());
    return std::optional<model::Task>(*task);
}

Result<QList<model::Upid>> TaskIndex::running() const
{
    const QMutexLocker locker(&m_mutex);
    SqliteStatement &stmt = m_stmt->running;
    const SqliteStatement::Scope scope(stmt);
    QList<model::Upid> result;
    for (;;) {
        Result<bool> row = stmt.step();
        if (!row)
            return std::unexpected(row.error());
        if (!*row)
            return result;
        if (Result<model::Upid> upid = model::Upid::parse(stmt.text(0)))
            result.append(*upid);
    }
}

Result<TaskList> TaskIndex::query(const TaskFilter &filter) const
{
    const QMutexLocker locker(&m_mutex);
    SqliteStatement &stmt = m_stmt->query;
    const SqliteStatement::Scope scope(stmt);
    if (!filter.type.isEmpty())
        stmt.bind(1, filter.type);
    if (!filter.id.isEmpty())
        stmt.bind(2, filter.id);
    if (filter.since)
        stmt.bind(3, *filter.since);
    if (filter.until)
        stmt.bind(4, *filter.until);
    stmt.bind(5, filter.source == TaskFilter::Source::All ? 0 : filter.source == TaskFilter::Source::Archive ? 1 : 2);

    // The filters SQL cannot express cheaply run here; total counts every
    // match, as PVE's does.
    TaskList list;
    for (;;) {
        Result<bool> row = stmt.step();
        if (!row)
            return std::unexpected(row.error());
        if (!*row)
            break;
        Result<model::Task> task = taskFromRow(stmt);
        if (!task)
            continue; // not ours to list; cannot happen for rows we wrote
        if (!filter.user.isEmpty() && !task->upid.user().contains(filter.user, Qt::CaseInsensitive))
            continue;
        const QString status = task->status.value_or(QString());
        if (filter.errorsOnly && (!task->status || !ExitStatus::isError(status)))
            continue;
        if (!filter.statusTypes.isEmpty() && !filter.statusTypes.contains(ExitStatus::type(status)))
            continue;
        const qsizetype index = list.total++;
        if (index >= filter.start && (filter.limit <= 0 || index < filter.start + filter.limit))
            list.tasks.append(*task);
    }
    return list;
}

} // namespace atalaia::tasks
