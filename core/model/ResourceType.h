#pragma once

#include "NamedEnum.h"

#include <array>

namespace atalaia::model {

// The "type" of a /cluster/resources entry.
enum class ResourceType { Node, Storage, Pool, Qemu, Lxc, OpenVz, Sdn, Network };

constexpr std::array<EnumName<ResourceType>, 8> enumNames(ResourceType)
{
    return {{{ResourceType::Node, QLatin1StringView("node")},
             {ResourceType::Storage, QLatin1StringView("storage")},
             {ResourceType::Pool, QLatin1StringView("pool")},
             {ResourceType::Qemu, QLatin1StringView("qemu")},
             {ResourceType::Lxc, QLatin1StringView("lxc")},
             {ResourceType::OpenVz, QLatin1StringView("openvz")},
             {ResourceType::Sdn, QLatin1StringView("sdn")},
             {ResourceType::Network, QLatin1StringView("network")}}};
}

} // namespace atalaia::model
