#pragma once

#include "NamedEnum.h"

#include <array>

namespace atalaia::model {

// The two guest kinds, spelled as in the API paths /nodes/{node}/qemu and /lxc.
enum class GuestType { Qemu, Lxc };

constexpr std::array<EnumName<GuestType>, 2> enumNames(GuestType)
{
    return {{{GuestType::Qemu, QLatin1StringView("qemu")},
             {GuestType::Lxc, QLatin1StringView("lxc")}}};
}

} // namespace atalaia::model
