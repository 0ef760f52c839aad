#include "Ticket.h"

#include "Tr.h"

namespace atalaia::api::client {

QJsonObject Ticket::toJson() const
{
    return QJsonObject{{QStringLiteral("username"), userid},
                       {QStringLiteral("ticket"), ticket},
                       {QStringLiteral("CSRFPreventionToken"), csrfToken},
                       {QStringLiteral("obtained"), obtainedMs}};
}

Result<Ticket> Ticket::fromJson(const QJsonObject &json)
{
    Ticket t;
    t.userid = json.value(QLatin1String("username")).toString();
    t.ticket = json.value(QLatin1String("ticket")).toString();
    t.csrfToken = json.value(QLatin1String("CSRFPreventionToken")).toString();
    t.obtainedMs = json.value(QLatin1String("obtained")).toInteger(0);
    if (t.userid.isEmpty() || t.ticket.isEmpty() || t.csrfToken.isEmpty())
        return fail(Code::InvalidArgument, Tr::tr("incomplete ticket: username, ticket and CSRFPreventionToken are "
                                                  "required"));
    return t;
}

} // namespace atalaia::api::client
