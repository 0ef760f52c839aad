#pragma once

#include "NamedEnum.h"

#include <array>

namespace atalaia::model {

// Who an ACL entry grants a role to: the "type" of an /access/acl entry, which
// also says how its "ugid" is spelled (user@realm, group, user@realm!token).
enum class AclType { User, Group, Token };

constexpr std::array<EnumName<AclType>, 3> enumNames(AclType)
{
    return {{{AclType::User, QLatin1StringView("user")},
             {AclType::Group, QLatin1StringView("group")},
             {AclType::Token, QLatin1StringView("token")}}};
}

} // namespace atalaia::model
