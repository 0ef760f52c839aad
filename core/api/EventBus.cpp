#include "EventBus.h"

namespace atalaia::api {

QJsonObject Event::toJson() const
{
    QJsonObject o = payload;
    o.insert(QStringLiteral("topic"), topic);
    return o;
}

} // namespace atalaia::api
