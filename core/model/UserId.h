#pragma once

#include "base/Error.h"

#include <QHashFunctions>
#include <QString>
#include <QStringView>

#include <compare>

namespace atalaia::model {

// "name@realm", validated exactly like PVE's pve-userid: 3 to 64 characters,
// the name free of whitespace, ':' and '/', the realm [A-Za-z][A-Za-z0-9.\-_]+.
// The name may itself contain '@' (e.g. "jane@example.com@ldap"): a realm can
// never contain '@', so the last '@' separates them, as PVE's regex does.
class UserId {
public:
    static constexpr qsizetype kMaxLength = 64;

    UserId() = default;

    static Result<UserId> parse(QStringView text);

    QString toString() const { return m_id; }
    QStringView name() const { return QStringView(m_id).left(m_at); }
    QStringView realm() const { return QStringView(m_id).mid(m_at + 1); }
    bool isEmpty() const { return m_id.isEmpty(); }

    friend bool operator==(const UserId &a, const UserId &b) { return a.m_id == b.m_id; }
    friend std::strong_ordering operator<=>(const UserId &a, const UserId &b)
    {
        return QString::compare(a.m_id, b.m_id) <=> 0;
    }
    friend size_t qHash(const UserId &id, size_t seed = 0) noexcept { return qHash(id.m_id, seed); }

private:
    UserId(QString id, qsizetype at) : m_id(std::move(id)), m_at(at) {}

    QString m_id;
    qsizetype m_at = 0; // index of the '@' before the realm
};

} // namespace atalaia::model
