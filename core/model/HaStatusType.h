#pragma once

#include "NamedEnum.h"

#include <array>

namespace atalaia::model {

// The "type" of a /cluster/ha/status/current entry; it decides which of the
// entry's optional fields are meaningful.
enum class HaStatusType { Quorum, Master, Lrm, Service, Fencing };

constexpr std::array<EnumName<HaStatusType>, 5> enumNames(HaStatusType)
{
    return {{{HaStatusType::Quorum, QLatin1StringView("quorum")},
             {HaStatusType::Master, QLatin1StringView("master")},
             {HaStatusType::Lrm, QLatin1StringView("lrm")},
             {HaStatusType::Service, QLatin1StringView("service")},
             {HaStatusType::Fencing, QLatin1StringView("fencing")}}};
}

} // namespace atalaia::model
