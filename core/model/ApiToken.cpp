#include "ApiToken.h"

#include "JsonReader.h"
#include "JsonWriter.h"
#include "TokenId.h"

namespace atalaia::model {

using namespace Qt::StringLiterals;

constexpr auto describeToken = [](auto &io, auto &t) {
    io.field("tokenid"_L1, t.tokenid);
    io.field("comment"_L1, t.comment);
    io.field("expire"_L1, t.expire);
    io.field("privsep"_L1, t.privsep);
};

Result<ApiToken> ApiToken::fromJson(const QJsonObject &json)
{
    Result<ApiToken> token = JsonReader::read<ApiToken>(json, "ApiToken"_L1, describeToken);
    if (token && !TokenId::isValidTokenName(token->tokenid))
        return fail(Code::ModelInvalidId,
                    Tr::tr("ApiToken: field \"tokenid\": \"%1\" is not a valid API token name")
                        .arg(token->tokenid));
    return token;
}

QJsonObject ApiToken::toJson() const
{
    return JsonWriter::write(*this, describeToken);
}

} // namespace atalaia::model
