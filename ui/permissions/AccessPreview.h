#pragma once

#include "access/AccessControl.h"

#include <QJsonArray>
#include <QStringList>

namespace atalaia::ui {

// Effective privileges computed in the console with the agent's own ACL code
// (core/access): the lists the API returns (users, groups, roles, ACL) are
// written back as the user.cfg they came from and evaluated with
// AccessControl, with a proposed ACL entry added, so the preview is what the
// agent will decide, not an approximation.
class AccessPreview
{
public:
    AccessPreview(const QJsonArray &users, const QJsonArray &groups, const QJsonArray &roles, const QJsonArray &acl);

    struct Entry {
        QString path;
        QString ugid;     // "user@realm", "@group" is written as group name with isGroup
        bool isGroup = false;
        bool isToken = false;
        QString roleid;
        bool propagate = true;
    };

    // The sorted privileges AUTHID ("user@realm" or "user@realm!token", or a
    // group: every privilege a member would get from group entries) has on
    // PATH, with EXTRA added to the ACL.
    QStringList privileges(const QString &authid, const QString &path, const std::optional<Entry> &extra) const;
    // For a group: the privileges a member without entries of its own would get.
    QStringList groupPrivileges(const QString &groupid, const QString &path, const std::optional<Entry> &extra) const;

    QByteArray userCfg(const std::optional<Entry> &extra) const;

private:
    QByteArray m_base; // user.cfg without the proposed entry
};

} // namespace atalaia::ui
