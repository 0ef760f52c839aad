#include "AccessPreview.h"

#include "access/Identity.h"

#include <QJsonObject>

namespace atalaia::ui {

namespace {

QByteArray field(const QJsonObject &o, const char *name)
{
    const QJsonValue v = o.value(QLatin1String(name));
    QString text = v.isDouble() ? QString::number(v.toInteger()) : v.toString();
    text.remove(QLatin1Char(':')).remove(QLatin1Char('\n'));
    return text.toUtf8();
}

QByteArray aclLine(const AccessPreview::Entry &e)
{
    const QString who = e.isGroup ? QLatin1Char('@') + e.ugid : e.ugid;
    return "acl:" + QByteArray(e.propagate ? "1" : "0") + ':' + e.path.toUtf8() + ':' + who.toUtf8() + ':'
         + e.roleid.toUtf8() + ":\n";
}

// A throwaway member name for group previews: no real user can be called this.
const QString kProbeUser = QStringLiteral("atalaia-preview-probe@pve");

} // namespace

AccessPreview::AccessPreview(const QJsonArray &users, const QJsonArray &groups, const QJsonArray &roles,
                             const QJsonArray &acl)
{
    QByteArray cfg;
    for (const QJsonValue &v : users) {
        const QJsonObject u = v.toObject();
        cfg += "user:" + field(u, "userid") + ':' + (u.value(QLatin1String("enable")).toInt(1) ? "1" : "0") + ':'
             + field(u, "expire") + "::::::\n";
    }
    for (const QJsonValue &v : roles) {
        const QJsonObject r = v.toObject();
        if (r.value(QLatin1String("special")).toInt() == 0)
            cfg += "role:" + field(r, "roleid") + ':' + field(r, "privs") + ":\n";
    }
    for (const QJsonValue &v : groups) {
        const QJsonObject g = v.toObject();
        cfg += "group:" + field(g, "groupid") + ':' + field(g, "users") + "::\n";
    }
    for (const QJsonValue &v : acl) {
        const QJsonObject a = v.toObject();
        const QString type = a.value(QLatin1String("type")).toString();
        Entry e;
        e.path = a.value(QLatin1String("path")).toString();
        e.ugid = a.value(QLatin1String("ugid")).toString();
        e.isGroup = type == QLatin1String("group");
        e.isToken = type == QLatin1String("token");
        e.roleid = a.value(QLatin1String("roleid")).toString();
        e.propagate = a.value(QLatin1String("propagate")).toInt(1) != 0;
        cfg += aclLine(e);
    }
    m_base = cfg;
}

QByteArray AccessPreview::userCfg(const std::optional<Entry> &extra) const
{
    return extra ? m_base + aclLine(*extra) : m_base;
}

QStringList AccessPreview::privileges(const QString &authid, const QString &path, const std::optional<Entry> &extra) const
{
    QByteArray cfg = userCfg(extra);
    const auto who = access::Identity::fromAuthId(authid);
    if (!who)
        return {};
    if (who->isToken()) // a token must exist to have privileges: add it, with privilege separation
        cfg += "token:" + who->tokenId().toUtf8() + ":0:1::\n";
    const access::AccessControl acl = access::AccessControl::fromText(cfg);
    QStringList out = acl.privileges(*who, path).values();
    out.sort();
    return out;
}

QStringList AccessPreview::groupPrivileges(const QString &groupid, const QString &path, const std::optional<Entry> &extra) const
{
    QByteArray cfg = userCfg(extra);
    cfg += "user:" + kProbeUser.toUtf8() + ":1:0::::::\n";
    // Group membership is on the group line; add the probe as a member of GROUPID.
    QByteArray out;
    for (const QByteArray &line : cfg.split('\n')) {
        if (line.startsWith("group:" + groupid.toUtf8() + ':')) {
            QList<QByteArray> parts = line.split(':');
            if (parts.size() >= 3)
                parts[2] = parts[2].isEmpty() ? kProbeUser.toUtf8() : parts[2] + ',' + kProbeUser.toUtf8();
            out += parts.join(':') + '\n';
        } else if (!line.isEmpty()) {
            out += line + '\n';
        }
    }
    const access::AccessControl acl = access::AccessControl::fromText(out);
    QStringList privs = acl.privileges(access::Identity::user(kProbeUser), path).values();
    privs.sort();
    return privs;
}

} // namespace atalaia::ui
