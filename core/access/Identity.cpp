#include "Identity.h"

namespace atalaia::access {

std::optional<Identity> Identity::fromAuthId(QStringView authid)
{
    const qsizetype at = authid.lastIndexOf(QLatin1Char('@'));
    if (at <= 0)
        return std::nullopt;
    const qsizetype bang = authid.indexOf(QLatin1Char('!'), at);
    if (bang < 0)
        return Identity::user(authid.toString());
    if (bang == at + 1 || bang + 1 == authid.size())
        return std::nullopt;
    return Identity::token(authid.first(bang).toString(), authid.sliced(bang + 1).toString());
}

QStringView Identity::realm() const
{
    const qsizetype at = userid.lastIndexOf(QLatin1Char('@'));
    return at < 0 ? QStringView() : QStringView(userid).sliced(at + 1);
}

} // namespace atalaia::access
