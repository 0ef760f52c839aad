#include "TokenId.h"

#include "IdSyntax.h"
#include "Tr.h"

namespace atalaia::model {

bool TokenId::isValidTokenName(QStringView name)
{
    return idsyntax::isRealmLike(name);
}

Result<TokenId> TokenId::create(const UserId &user, QStringView tokenName)
{
    if (user.isEmpty())
        return fail(Code::ModelInvalidId, Tr::tr("an API token needs a user ID"));
    if (!isValidTokenName(tokenName))
        return fail(Code::ModelInvalidId,
                    Tr::tr("\"%1\" is not a valid API token name "
                           "(a letter, then letters, digits, '.', '-' or '_')").arg(tokenName));
    return TokenId(user, tokenName.toString());
}

Result<TokenId> TokenId::parse(QStringView text)
{
    const qsizetype bang = text.lastIndexOf(u'!');
    if (bang < 0)
        return fail(Code::ModelInvalidId,
                    Tr::tr("\"%1\" is not a valid API token ID (expected user@realm!name)").arg(text));
    Result<UserId> user = UserId::parse(text.left(bang));
    if (!user)
        return std::unexpected(user.error());
    return create(*user, text.mid(bang + 1));
}

QString TokenId::toString() const
{
    return m_user.toString() + u'!' + m_tokenName;
}

} // namespace atalaia::model
