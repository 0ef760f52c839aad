#include "UserId.h"

#include "IdSyntax.h"
#include "Tr.h"

namespace atalaia::model {

Result<UserId> UserId::parse(QStringView text)
{
    const qsizetype length = idsyntax::codePointLength(text);
    if (length < 3)
        return fail(Code::ModelInvalidId, Tr::tr("user ID \"%1\" is too short").arg(text));
    if (length > kMaxLength)
        return fail(Code::ModelInvalidId,
                    Tr::tr("user ID \"%1\" is too long (%2 > %3 characters)")
                        .arg(text).arg(length).arg(kMaxLength));
    const qsizetype at = text.lastIndexOf(u'@');
    if (at < 0)
        return fail(Code::ModelInvalidId,
                    Tr::tr("user ID \"%1\" has no realm (expected name@realm)").arg(text));
    if (!idsyntax::isUserName(text.left(at)))
        return fail(Code::ModelInvalidId,
                    Tr::tr("user ID \"%1\": the name must be non-empty and contain no "
                           "whitespace, ':' or '/'").arg(text));
    if (!idsyntax::isRealmLike(text.mid(at + 1)))
        return fail(Code::ModelInvalidId,
                    Tr::tr("user ID \"%1\": \"%2\" is not a valid realm").arg(text, text.mid(at + 1)));
    return UserId(text.toString(), at);
}

} // namespace atalaia::model
