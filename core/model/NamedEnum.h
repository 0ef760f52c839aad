#pragma once

#include <QLatin1StringView>
#include <QString>
#include <QStringView>

#include <optional>
#include <type_traits>

namespace atalaia::model {

// One spelling of an enum value as it appears in the PVE API.
template <class E>
struct EnumName {
    E value;
    QLatin1StringView name;
};

// An enum whose API spellings are listed by a constexpr `enumNames(E)` found by
// argument-dependent lookup (see GuestType.h). Listing every spelling in one
// table keeps parsing, writing and error messages from drifting apart.
template <class E>
concept NamedEnum = std::is_enum_v<E> && requires(E value) { enumNames(value); };

template <NamedEnum E>
constexpr QLatin1StringView enumName(E value)
{
    for (const EnumName<E> &entry : enumNames(E{}))
        if (entry.value == value)
            return entry.name;
    return {};
}

template <NamedEnum E>
std::optional<E> enumFromName(QStringView name)
{
    for (const EnumName<E> &entry : enumNames(E{}))
        if (name == entry.name)
            return entry.value;
    return std::nullopt;
}

// "qemu, lxc": the accepted spellings, for error messages.
template <NamedEnum E>
QString enumNameList()
{
    QString list;
    for (const EnumName<E> &entry : enumNames(E{})) {
        if (!list.isEmpty())
            list += QLatin1StringView(", ");
        list += entry.name;
    }
    return list;
}

} // namespace atalaia::model
