#pragma once

#include "NodeId.h"
#include "base/Error.h"

#include <QHashFunctions>
#include <QString>
#include <QStringView>

namespace atalaia::model {

// A PVE task id ("unique process id"):
//
//     UPID:<node>:<pid>:<pstart>:<starttime>:<type>:<id>:<user>:
//
// pid, pstart and starttime are upper-case hex, zero-padded to 8 digits
// (printf "%08X"). pstart is the process start in clock ticks since boot and
// grows to 9 digits after ~497 days of uptime, so up to 9 are accepted, as PVE
// does. type and user are non-empty, id may be empty; none holds ':' or
// whitespace. user is whoever started the task: "root@pam" or a token
// "user@realm!name".
//
// The string is an identifier (PVE names the task's log file after it), so
// only the canonical spelling is accepted: parse(text).toString() == text for
// every text parse accepts. PVE itself would also read lower-case hex and a
// zero-padded 9-digit pstart, but never writes them.
class Upid {
public:
    static constexpr quint64 kMaxPstart = 0xFFFFFFFFFull; // 9 hex digits

    Upid() = default;

    static Result<Upid> parse(QStringView text);
    // For new tasks: validates the parts the same way parse() does.
    static Result<Upid> create(const NodeId &node, quint32 pid, quint64 pstart, quint32 starttime,
                               const QString &type, const QString &id, const QString &user);

    QString toString() const;
    bool isEmpty() const { return m_node.isEmpty(); }

    const NodeId &node() const { return m_node; }
    quint32 pid() const { return m_pid; }
    quint64 pstart() const { return m_pstart; }
    quint32 starttime() const { return m_starttime; } // seconds since the epoch
    QString type() const { return m_type; }
    QString id() const { return m_id; }
    QString user() const { return m_user; }

    friend bool operator==(const Upid &, const Upid &) = default;
    friend size_t qHash(const Upid &upid, size_t seed = 0) noexcept
    {
        return qHashMulti(seed, upid.m_node, upid.m_pid, upid.m_pstart, upid.m_starttime,
                          upid.m_type, upid.m_id, upid.m_user);
    }

private:
    NodeId m_node;
    quint32 m_pid = 0;
    quint64 m_pstart = 0;
    quint32 m_starttime = 0;
    QString m_type;
    QString m_id;
    QString m_user;
};

} // namespace atalaia::model
