#include "SqliteStatement.h"

#include "Tr.h"

#include <sqlite3.h>

#include <utility>

namespace atalaia::store {

SqliteStatement::SqliteStatement(SqliteStatement &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)),
      m_stmt(std::exchange(other.m_stmt, nullptr)),
      m_bindError(std::exchange(other.m_bindError, 0))
{
}

SqliteStatement &SqliteStatement::operator=(SqliteStatement &&other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_db = std::exchange(other.m_db, nullptr);
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_bindError = std::exchange(other.m_bindError, 0);
    }
    return *this;
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_stmt);
}

void SqliteStatement::noteBindResult(int rc)
{
    if (rc != SQLITE_OK && m_bindError == 0)
        m_bindError = rc;
}

SqliteStatement &SqliteStatement::bind(int index, qint64 value)
{
    noteBindResult(sqlite3_bind_int64(m_stmt, index, value));
    return *this;
}

SqliteStatement &SqliteStatement::bind(int index, const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    noteBindResult(sqlite3_bind_text64(m_stmt, index, utf8.constData(), sqlite3_uint64(utf8.size()),
                                       SQLITE_TRANSIENT, SQLITE_UTF8));
    return *this;
}

SqliteStatement &SqliteStatement::bind(int index, const QByteArray &value)
{
    // constData() of an empty QByteArray is "", never null, so SQLite stores a
    // zero-length blob rather than NULL.
    noteBindResult(sqlite3_bind_blob64(m_stmt, index, value.constData(), sqlite3_uint64(value.size()),
                                       SQLITE_TRANSIENT));
    return *this;
}

SqliteStatement &SqliteStatement::bindNull(int index)
{
    noteBindResult(sqlite3_bind_null(m_stmt, index));
    return *this;
}

Result<bool> SqliteStatement::step()
{
    if (m_bindError != 0)
        return fail(Code::StoreIo, Tr::tr("SQLite: cannot bind a parameter: %1")
                                       .arg(QString::fromUtf8(sqlite3_errstr(m_bindError))));
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    return fail(Code::StoreIo, Tr::tr("SQLite: %1").arg(QString::fromUtf8(sqlite3_errmsg(m_db))));
}

Result<void> SqliteStatement::run()
{
    return forEachRow([](const SqliteStatement &) {});
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    m_bindError = 0;
}

qint64 SqliteStatement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

QString SqliteStatement::text(int column) const
{
    const auto *chars = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return QString::fromUtf8(chars, sqlite3_column_bytes(m_stmt, column));
}

QByteArray SqliteStatement::blob(int column) const
{
    const void *bytes = sqlite3_column_blob(m_stmt, column);
    const int size = sqlite3_column_bytes(m_stmt, column);
    return size > 0 ? QByteArray(static_cast<const char *>(bytes), size) : QByteArray("");
}

bool SqliteStatement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

} // namespace atalaia::store
