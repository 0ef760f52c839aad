#include "ApiRequest.h"

namespace atalaia::api {

QByteArray ApiRequest::cookie(const QByteArray &name) const
{
    const QByteArray all = header("cookie");
    for (QByteArray part : all.split(';')) {
        part = part.trimmed();
        if (part.startsWith(name) && part.size() > name.size() && part[name.size()] == '=')
            return part.mid(name.size() + 1);
    }
    return {};
}

} // namespace atalaia::api
