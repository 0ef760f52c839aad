#pragma once

#include "base/Error.h"

#include <QHashFunctions>
#include <QString>
#include <QStringView>

#include <compare>

namespace atalaia::model {

// A guest id, like PVE's pve-vmid: an integer in 100..999999999, written in
// decimal without leading zeros. A default-constructed VmId (0) is "no guest".
// In JSON it is a number (see JsonReader), not a string.
class VmId {
public:
    static constexpr qint64 kMin = 100;
    static constexpr qint64 kMax = 999999999;

    constexpr VmId() = default;

    static Result<VmId> fromInt(qint64 value);
    static Result<VmId> parse(QStringView text);

    constexpr quint32 value() const { return m_value; }
    constexpr bool isValid() const { return m_value != 0; }
    QString toString() const { return QString::number(m_value); }

    friend constexpr bool operator==(VmId, VmId) = default;
    friend constexpr std::strong_ordering operator<=>(VmId, VmId) = default;
    friend size_t qHash(VmId id, size_t seed = 0) noexcept { return qHash(id.m_value, seed); }

private:
    constexpr explicit VmId(quint32 value) : m_value(value) {}

    quint32 m_value = 0;
};

} // namespace atalaia::model
