#include "ApiToken.h"

#include "Tr.h"

namespace atalaia::api::client {

Result<ApiToken> ApiToken::parse(QStringView text)
{
    QStringView rest = text.trimmed();
    if (rest.startsWith(QLatin1String("PVEAPIToken="), Qt::CaseInsensitive))
        rest = rest.sliced(12);
    // The token id cannot hold '='; the secret could.
    const qsizetype equals = rest.indexOf(u'=');
    const QStringView id = equals < 0 ? rest : rest.first(equals);
    const qsizetype at = id.indexOf(u'@');
    const qsizetype bang = id.indexOf(u'!');
    if (at <= 0 || bang < at + 2 || bang == id.size() - 1)
        return fail(Code::InvalidArgument,
                    Tr::tr("'%1' is not an API token id: expected USER@REALM!TOKENID=SECRET").arg(id));
    if (equals < 0 || equals == rest.size() - 1)
        return fail(Code::InvalidArgument, Tr::tr("the API token %1 has no secret: expected %1=SECRET").arg(id));
    return ApiToken{id.toString(), rest.sliced(equals + 1).toUtf8()};
}

QByteArray ApiToken::authorizationHeader() const
{
    return "PVEAPIToken=" + tokenId.toUtf8() + '=' + secret;
}

} // namespace atalaia::api::client
