#pragma once

#include "base/Error.h"

#include <QString>
#include <QStringList>

namespace atalaia::api {

class ConfigEdit;

// Edits of user.cfg that config::UserConfigFile has no typed edit for yet
// (it can add and remove groups, roles and tokens, but not change them).
// Each rewrites the record's line the way Proxmox writes it, keeps every
// other line byte for byte, and parses the file again through
// ConfigEdit::resetUsers(). A second record with the same id (which Proxmox
// would merge) is folded into the first. Move these into UserConfigFile
// (setGroupComment, setRolePrivileges, removeRole, setToken) when its owner
// adds them; the routes then call those instead.
namespace usercfg {

// Code::NotFound when the group does not exist.
Result<void> setGroupComment(ConfigEdit &edit, const QString &groupid, const QString &comment);
// Replaces the custom role's privileges (names are not checked here).
Result<void> setRolePrivileges(ConfigEdit &edit, const QString &roleid, const QStringList &privileges);
// Removes the custom role, and the role from every ACL entry that grants it
// (an entry left without roles goes): a role created again later under the
// same name must not inherit old grants.
Result<void> removeRole(ConfigEdit &edit, const QString &roleid);
// Rewrites the token's expire, privsep and comment.
Result<void> setToken(ConfigEdit &edit, const QString &tokenid, qint64 expire, bool privsep, const QString &comment);

} // namespace usercfg

} // namespace atalaia::api
