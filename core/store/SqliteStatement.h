#pragma once

#include "base/Error.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <type_traits>
#include <utility>

struct sqlite3;
struct sqlite3_stmt;

namespace atalaia::store {

// One prepared statement of a SqliteDatabase (RAII over sqlite3_stmt).
//
// Not thread-safe: like its database it is used under the owner's lock.
// Binding errors are remembered and reported by the next step(), so a call
// site reads as one chain: stmt.reset(); stmt.bind(1, x).bind(2, y); stmt.step().
// Always reset() a statement when done with it (see SqliteStatement::Scope),
// so it does not hold a read snapshot open.
class SqliteStatement
{
public:
    SqliteStatement() = default;
    SqliteStatement(sqlite3 *db, sqlite3_stmt *stmt) : m_db(db), m_stmt(stmt) {}
    SqliteStatement(SqliteStatement &&other) noexcept;
    SqliteStatement &operator=(SqliteStatement &&other) noexcept;
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;
    ~SqliteStatement();

    bool isValid() const { return m_stmt != nullptr; }

    // Parameters are 1-based, as in SQL ("?1").
    SqliteStatement &bind(int index, qint64 value);
    SqliteStatement &bind(int index, const QString &value);   // TEXT, UTF-8
    SqliteStatement &bind(int index, const QByteArray &value); // BLOB (empty is a zero-length blob, not NULL)
    SqliteStatement &bindNull(int index);

    // Advances the statement: true when a row is available, false when done.
    Result<bool> step();
    // Steps to completion, ignoring rows (INSERT, UPDATE, DELETE).
    Result<void> run();
    // Steps once, for a lookup by key: readRow(*this) of the row, or nullopt
    // when there is none. Bind before; the caller's Scope resets it after.
    template <typename ReadRow>
    Result<std::optional<std::invoke_result_t<ReadRow, const SqliteStatement &>>> optionalRow(ReadRow readRow);
    // Steps through every row, calling onRow(*this) for each.
    template <typename OnRow>
    Result<void> forEachRow(OnRow onRow);
    // Rewinds and clears the bindings.
    void reset();

    qint64 int64(int column) const;
    QString text(int column) const;
    QByteArray blob(int column) const;
    bool isNull(int column) const;

    // Resets the statement when the scope ends, on every path.
    class Scope
    {
    public:
        explicit Scope(SqliteStatement &stmt) : m_stmt(stmt) { m_stmt.reset(); }
        ~Scope() { m_stmt.reset(); }
        Scope(const Scope &) = delete;
        Scope &operator=(const Scope &) = delete;

    private:
        SqliteStatement &m_stmt;
    };

private:
    void noteBindResult(int rc);

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    int m_bindError = 0; // first failing sqlite3_bind_* result since reset(), or 0
};

template <typename ReadRow>
Result<std::optional<std::invoke_result_t<ReadRow, const SqliteStatement &>>>
SqliteStatement::optionalRow(ReadRow readRow)
{
    Result<bool> row = step();
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return std::nullopt;
    return readRow(std::as_const(*this));
}

template <typename OnRow>
Result<void> SqliteStatement::forEachRow(OnRow onRow)
{
    for (;;) {
        Result<bool> row = step();
        if (!row)
            return std::unexpected(row.error());
        if (!*row)
            return {};
        onRow(static_cast<const SqliteStatement &>(*this));
    }
}

} // namespace atalaia::store
