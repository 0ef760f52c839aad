#include "VmId.h"

#include "Tr.h"

namespace atalaia::model {

Result<VmId> VmId::fromInt(qint64 value)
{
    if (value < kMin || value > kMax)
        return fail(Code::ModelInvalidId,
                    Tr::tr("%1 is not a valid VM ID (%2..%3)").arg(value).arg(kMin).arg(kMax));
    return VmId(static_cast<quint32>(value));
}

Result<VmId> VmId::parse(QStringView text)
{
    // PVE's pattern is ^[1-9][0-9]{2,8}$: no sign, no spaces, no leading zero.
    bool digitsOnly = text.size() >= 3 && text.size() <= 9 && text.front() != u'0';
    for (QChar c : text)
        digitsOnly = digitsOnly && c >= u'0' && c <= u'9';
    if (!digitsOnly)
        return fail(Code::ModelInvalidId,
                    Tr::tr("\"%1\" is not a valid VM ID (%2..%3)").arg(text).arg(kMin).arg(kMax));
    return VmId(text.toUInt());
}

} // namespace atalaia::model
