#pragma once

#include "TestAgent.h"
#include "api/Services.h"
#include "store/ConfigStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

// Shared by the access-route tests: short calls, body inspection, and the
// seed story's set-up (root@pam makes roma@pve a member of GroupUserManage,
// which has PVEUserAdmin on /access, propagating).
namespace atalaia::test {

using Session = TestAgent::Session;

inline api::ApiResponse get(const TestAgent &a, const QString &path, const Session &s, const QJsonObject &params = {})
{
    return a.call(QStringLiteral("GET"), path, params, s);
}
inline api::ApiResponse post(const TestAgent &a, const QString &path, const Session &s, const QJsonObject &params = {})
{
    return a.call(QStringLiteral("POST"), path, params, s);
}
inline api::ApiResponse put(const TestAgent &a, const QString &path, const Session &s, const QJsonObject &params = {})
{
    return a.call(QStringLiteral("PUT"), path, params, s);
}
inline api::ApiResponse del(const TestAgent &a, const QString &path, const Session &s, const QJsonObject &params = {})
{
    return a.call(QStringLiteral("DELETE"), path, params, s);
}

// The whole body as a client sees it.
inline QJsonObject bodyOf(const api::ApiResponse &r)
{
    return QJsonDocument::fromJson(r.body()).object();
}

// "status message errors" for failure output.
inline QByteArray describe(const api::ApiResponse &r)
{
    return QByteArray::number(r.status) + ' ' + r.message.toUtf8() + ' '
        + QJsonDocument(r.errors).toJson(QJsonDocument::Compact);
}

#define EXPECT_STATUS(response, expected)                                                                              \
    do {                                                                                                               \
        const auto &r_ = (response);                                                                                   \
        QVERIFY2(r_.status == (expected), atalaia::test::describe(r_).constData());                                    \
    } while (false)

// A login that may fail: the status and the session.
inline std::pair<int, Session> tryLogin(const TestAgent &a, const QString &userid, const QString &password)
{
    const api::ApiResponse r = a.call(QStringLiteral("POST"), QStringLiteral("/access/ticket"),
                                      {{QStringLiteral("username"), userid}, {QStringLiteral("password"), password}});
    const QJsonObject data = r.data.toObject();
    return {r.status, Session{data.value(QLatin1String("ticket")).toString(),
                              data.value(QLatin1String("CSRFPreventionToken")).toString(), {}, {}}};
}

inline Session tokenSession(const QString &fullTokenId, const QString &secret)
{
    Session s;
    s.token = fullTokenId + QLatin1Char('=') + secret;
    return s;
}

inline QByteArray storeText(TestAgent &a, const QString &path)
{
    auto entry = a.agent().services().store().read(path);
    return entry ? entry->data : QByteArray();
}

inline QByteArray userCfg(TestAgent &a)
{
    return storeText(a, QLatin1String(api::Services::kUserCfg));
}

// Lines of FILE that start with PREFIX.
inline QList<QByteArray> linesStartingWith(const QByteArray &file, const QByteArray &prefix)
{
    QList<QByteArray> out;
    for (const QByteArray &line : file.split('\n'))
        if (line.startsWith(prefix))
            out.append(line);
    return out;
}

inline bool hasEntry(const QJsonArray &list, const QString &key, const QString &value)
{
    for (const QJsonValue &v : list)
        if (v.toObject().value(key).toString() == value)
            return true;
    return false;
}

inline QJsonObject entry(const QJsonArray &list, const QString &key, const QString &value)
{
    for (const QJsonValue &v : list)
        if (v.toObject().value(key).toString() == value)
            return v.toObject();
    return {};
}

inline const QString kRomaPassword = QStringLiteral("roma-secret-1");

// The seed story's set-up, through the API as root@pam would do it.
inline void seedGroupUserManage(const TestAgent &a, const Session &root)
{
    auto check = [](const api::ApiResponse &r) {
        if (r.status != 200)
            qFatal("seed failed: %s", describe(r).constData());
    };
    check(post(a, QStringLiteral("/access/users"), root,
               {{QStringLiteral("userid"), QStringLiteral("roma@pve")}, {QStringLiteral("password"), kRomaPassword}}));
    check(post(a, QStringLiteral("/access/groups"), root, {{QStringLiteral("groupid"), QStringLiteral("GroupUserManage")}}));
    check(put(a, QStringLiteral("/access/acl"), root,
              {{QStringLiteral("path"), QStringLiteral("/access")},
               {QStringLiteral("groups"), QStringLiteral("GroupUserManage")},
               {QStringLiteral("roles"), QStringLiteral("PVEUserAdmin")},
               {QStringLiteral("propagate"), 1}}));
    check(put(a, QStringLiteral("/access/users/roma@pve"), root,
              {{QStringLiteral("groups"), QStringLiteral("GroupUserManage")}, {QStringLiteral("append"), 1}}));
}

} // namespace atalaia::test
