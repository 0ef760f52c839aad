#include "AclEntry.h"

#include "JsonReader.h"
#include "JsonWriter.h"
#include "TokenId.h"
#include "UserId.h"

namespace atalaia::model {

using namespace Qt::StringLiterals;

namespace {

constexpr auto describeAcl = [](auto &io, auto &a) {
    io.field("path"_L1, a.path);
    io.field("type"_L1, a.type);
    io.field("ugid"_L1, a.ugid);
    io.field("roleid"_L1, a.roleid);
    io.field("propagate"_L1, a.propagate);
};

// PVE's pve-groupid: [A-Za-z0-9.\-_]+
bool isGroupId(QStringView text)
{
    if (text.isEmpty())
        return false;
    for (QChar c : text)
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != u'.' && c != u'-' && c != u'_')
            return false;
    return true;
}

Result<void> checkUgid(const AclEntry &entry)
{
    switch (entry.type) {
    case AclType::User:
        if (Result<UserId> user = UserId::parse(entry.ugid); !user)
            return std::unexpected(user.error());
        break;
    case AclType::Token:
        if (Result<TokenId> token = TokenId::parse(entry.ugid); !token)
            return std::unexpected(token.error());
        break;
    case AclType::Group:
        if (!isGroupId(entry.ugid))
            return fail(Code::ModelInvalidId,
                        Tr::tr("\"%1\" is not a valid group name").arg(entry.ugid));
        break;
    }
    return {};
}

} // namespace

Result<AclEntry> AclEntry::fromJson(const QJsonObject &json)
{
    Result<AclEntry> entry = JsonReader::read<AclEntry>(json, "AclEntry"_L1, describeAcl);
    if (!entry)
        return entry;
    if (!entry->path.startsWith(u'/'))
        return fail(Code::ModelInvalidJson,
                    Tr::tr("AclEntry: field \"path\": \"%1\" does not start with '/'").arg(entry->path));
    if (Result<void> ugid = checkUgid(*entry); !ugid)
        return fail(ugid.error().code, Tr::tr("AclEntry: field \"ugid\": %1").arg(ugid.error().message));
    return entry;
}

QJsonObject AclEntry::toJson() const
{
    return JsonWriter::write(*this, describeAcl);
}

} // namespace atalaia::model
