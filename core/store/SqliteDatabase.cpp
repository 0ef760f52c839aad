#include "SqliteDatabase.h"

#include "Tr.h"

#include <QFile>

#include <sqlite3.h>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

#include <utility>

namespace atalaia::store {

SqliteDatabase::SqliteDatabase(SqliteDatabase &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_fileName(std::move(other.m_fileName))
{
}

SqliteDatabase &SqliteDatabase::operator=(SqliteDatabase &&other) noexcept
{
    if (this != &other) {
        sqlite3_close_v2(m_db);
        m_db = std::exchange(other.m_db, nullptr);
        m_fileName = std::move(other.m_fileName);
    }
    return *this;
}

SqliteDatabase::~SqliteDatabase()
{
    // Statements are owned by our owners and finalized before us; close_v2
    // still defers the close safely if one is left.
    sqlite3_close_v2(m_db);
}

Result<SqliteDatabase> SqliteDatabase::open(const QString &fileName, Mode mode)
{
    const QByteArray encoded = QFile::encodeName(fileName);
    if (mode == Mode::ReadWriteCreate) {
        // Create the file ourselves so it never exists with a wider mode.
        const int fd = ::open(encoded.constData(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
        if (fd < 0)
            return fail(Code::StoreIo, Tr::tr("cannot create the database %1: %2")
                                           .arg(fileName, QString::fromLocal8Bit(strerror(errno))));
        ::close(fd);
    }
    SqliteDatabase db;
    db.m_fileName = fileName;
    // NOMUTEX: the owner's mutex serialises every use of the connection.
    const int flags = (mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE)
        | SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(encoded.constData(), &db.m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        const QString message = db.m_db ? QString::fromUtf8(sqlite3_errmsg(db.m_db))
                                         : QString::fromUtf8(sqlite3_errstr(rc));
        return fail(Code::StoreIo, Tr::tr("cannot open the database %1: %2").arg(fileName, message));
    }
    sqlite3_extended_result_codes(db.m_db, 1);
    // Another process (a CLI export, an admin's sqlite3) may hold a lock for a
    // moment; wait for it rather than fail.
    sqlite3_busy_timeout(db.m_db, 10000);
    return db;
}

std::unexpected<Error> SqliteDatabase::lastError(const QString &what, std::source_location where) const
{
    return fail(Code::StoreIo,
                Tr::tr("%1 (%2): %3").arg(what, m_fileName, QString::fromUtf8(sqlite3_errmsg(m_db))), where);
}

Result<void> SqliteDatabase::exec(std::string_view sql)
{
    const std::string text(sql);
    char *message = nullptr;
    const int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        const QString why = QString::fromUtf8(message ? message : sqlite3_errstr(rc));
        sqlite3_free(message);
        return fail(Code::StoreIo, Tr::tr("SQLite (%1): %2").arg(m_fileName, why));
    }
    return {};
}

Result<SqliteStatement> SqliteDatabase::prepare(std::string_view sql)
{
    sqlite3_stmt *stmt = nullptr;
    const int rc = sqlite3_prepare_v3(m_db, sql.data(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                                      nullptr);
    if (rc != SQLITE_OK)
        return lastError(Tr::tr("cannot prepare \"%1\"").arg(QString::fromUtf8(sql.data(), qsizetype(sql.size()))));
    return SqliteStatement(m_db, stmt);
}

// A statement stepped to its first row; an error when there is none.
Result<SqliteStatement> SqliteDatabase::firstRow(std::string_view sql)
{
    Result<SqliteStatement> stmt = prepare(sql);
    if (!stmt)
        return std::unexpected(stmt.error());
    Result<bool> row = stmt->step();
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return fail(Code::StoreIo, Tr::tr("SQLite (%1): no result for \"%2\"")
                                       .arg(m_fileName, QString::fromUtf8(sql.data(), qsizetype(sql.size()))));
    return stmt;
}

Result<qint64> SqliteDatabase::queryInt(std::string_view sql)
{
    Result<SqliteStatement> stmt = firstRow(sql);
    if (!stmt)
        return std::unexpected(stmt.error());
    return stmt->int64(0);
}

Result<QString> SqliteDatabase::queryText(std::string_view sql)
{
    Result<SqliteStatement> stmt = firstRow(sql);
    if (!stmt)
        return std::unexpected(stmt.error());
    return stmt->text(0);
}

qint64 SqliteDatabase::changes() const
{
    return sqlite3_changes64(m_db);
}

void SqliteDatabase::rollback()
{
    if (m_db && !sqlite3_get_autocommit(m_db))
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
}

} // namespace atalaia::store
