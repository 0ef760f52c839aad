#include "Error.h"

namespace atalaia {

Domain Error::domain() const
{
    const int value = static_cast<int>(code);
    if (value >= 200)
        return Domain::Model;
    if (value >= 100)
        return Domain::Config;
    return Domain::Generic;
}

QString Error::toString() const
{
    switch (domain()) {
    case Domain::Config:
        return QStringLiteral("config: ") + message;
    case Domain::Model:
        return QStringLiteral("model: ") + message;
    case Domain::Generic:
        break;
    }
    return message;
}

} // namespace atalaia
