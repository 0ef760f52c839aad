#pragma once

#include "SqliteStatement.h"
#include "base/Error.h"

#include <QString>

#include <string_view>

struct sqlite3;

namespace atalaia::store {

// A connection to one SQLite database file (RAII over sqlite3*), used by the
// store and by the task index.
//
// Not thread-safe: the owner serialises every use with its own mutex (one
// connection per owner, never shared between threads without that lock).
// Errors come back as Code::StoreIo with SQLite's message and the file name.
class SqliteDatabase
{
public:
    enum class Mode { ReadWriteCreate, ReadOnly };

    SqliteDatabase() = default;
    SqliteDatabase(SqliteDatabase &&other) noexcept;
    SqliteDatabase &operator=(SqliteDatabase &&other) noexcept;
    SqliteDatabase(const SqliteDatabase &) = delete;
    SqliteDatabase &operator=(const SqliteDatabase &) = delete;
    ~SqliteDatabase();

    // A new database file is created with mode 0600: the store keeps secrets
    // (priv/), and SQLite gives its -wal and -shm files the same mode.
    static Result<SqliteDatabase> open(const QString &fileName, Mode mode);

    bool isOpen() const { return m_db != nullptr; }
    const QString &fileName() const { return m_fileName; }

    // Runs one or more statements without results ("PRAGMA ...; CREATE ...").
    Result<void> exec(std::string_view sql);
    // Runs a statement that returns one row with one integer column.
    Result<qint64> queryInt(std::string_view sql);
    // Runs a statement that returns one row with one text column.
    Result<QString> queryText(std::string_view sql);
    Result<SqliteStatement> prepare(std::string_view sql);
    Result<SqliteStatement> firstRow(std::string_view sql);

    // The StoreIo error for the connection's last failure, prefixed by `what`.
    std::unexpected<Error> lastError(const QString &what,
                                     std::source_location where = std::source_location::current()) const;

    // Rows changed by the last INSERT, UPDATE or DELETE.
    qint64 changes() const;

    // Rolls back the open transaction, if any; used on error paths.
    void rollback();

private:
    sqlite3 *m_db = nullptr;
    QString m_fileName;
};

} // namespace atalaia::store
