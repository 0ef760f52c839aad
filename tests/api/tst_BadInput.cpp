// Bad input through the Dispatcher, where HTTP does not matter: ids that try
// to leave their directory, invalid user ids and realms, values of the wrong
// JSON type, messages that quote input (no header injection through a reason
// phrase), values that try to add records to the configuration files, forged
// and expired tickets, missing or wrong CSRF tokens, guessed API-token secrets,
// login throttling and concurrent writers. tst_HttpsBadInput does the same for
// what needs the wire.
//
// Every row asserts the exact outcome: the status, a meaningful part of the
// message, never 500 for bad input, nothing changed in the store when a
// write is refused, and the agent still answering correct requests.
#include "AccessTestSupport.h"
#include "access/LoginThrottle.h"
#include "access/TicketAuthority.h"
#include "base/Clock.h"
#include "store/ConfigStore.h"

#include <QMap>
#include <QThreadPool>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>

#include <latch>

using namespace atalaia;
using namespace atalaia::test;

namespace {

constexpr qint64 kHourMs = 3600 * 1000;

// Everything in the store: refused writes must leave it exactly so.
struct StoreSnapshot {
    quint64 version = 0;
    QMap<QString, QByteArray> files;
    friend bool operator==(const StoreSnapshot &, const StoreSnapshot &) = default;
};

StoreSnapshot snapshot(TestAgent &a)
{
    store::ConfigStore &store = a.agent().services().store();
    StoreSnapshot s;
    s.version = store.storeVersion();
    for (const QString &path : store.list())
        if (auto entry = store.read(path))
            s.files.insert(path, entry->data);
    return s;
}

// One call with the raw headers and client address a test chooses (the
// throttle counts per address).
api::ApiResponse callAs(TestAgent &a, const QString &method, const QString &path, const QJsonObject &params,
                        const QHash<QByteArray, QByteArray> &headers, const QString &peer)
{
    api::ApiRequest request;
    request.method = method;
    request.path = path;
    request.params = params;
    request.headers = headers;
    request.peer = peer;
    return a.agent().dispatcher().handle(request);
}

QHash<QByteArray, QByteArray> tokenHeader(const QString &credentials)
{
    return {{"authorization", "PVEAPIToken=" + credentials.toUtf8()}};
}

QHash<QByteArray, QByteArray> ticketHeaders(const QString &ticket, const QString &csrf = {})
{
    QHash<QByteArray, QByteArray> h{{"cookie", "PVEAuthCookie=" + QUrl::toPercentEncoding(ticket)}};
    if (!csrf.isEmpty())
        h.insert("csrfpreventiontoken", csrf.toUtf8());
    return h;
}

// A reason phrase (and X-Atalaia-Reason) is one line of visible ASCII.
bool isOneVisibleLine(const QByteArray &reason)
{
    for (char c : reason)
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f)
            return false;
    return true;
}

// What the row expects to find: the message, or one parameter's error.
QString textOf(const api::ApiResponse &r, const QString &field)
{
    return field.isEmpty() ? r.message : r.errors.value(field).toString();
}

QJsonObject manyParameters(int count)
{
    QJsonObject params{{QStringLiteral("userid"), QStringLiteral("many@pve")}};
    for (int i = 0; i < count; ++i)
        params.insert(QStringLiteral("p%1").arg(i), QStringLiteral("1"));
    return params;
}

QString ticketWith(const QString &ticket, const QString &from, const QString &to)
{
    QString t = ticket;
    return t.replace(from, to);
}

} // namespace

class tst_BadInput : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestAgent> m_agent;
    Session m_root;
    Session m_roma;            // PVEUserAdmin on /access, through GroupUserManage
    QString m_autoSecret;      // roma@pve!auto, privilege-separated, no ACL of its own
    QString m_fullSecret;      // roma@pve!full, without privilege separation
    QString m_oldSecret;       // roma@pve!old, expired
    QString m_disSecret;       // dis@pve!auto, of a disabled user

    TestAgent &agent() { return *m_agent; }

    // The agent still does the ordinary things after bad input.
    void stillServes()
    {
        EXPECT_STATUS(get(agent(), QStringLiteral("/version"), m_root), 200);
        const auto users = get(agent(), QStringLiteral("/access/users"), m_roma);
        EXPECT_STATUS(users, 200);
        QVERIFY(hasEntry(users.data.toArray(), QStringLiteral("userid"), QStringLiteral("roma@pve")));
        const auto realms = get(agent(), QStringLiteral("/access/domains"), m_root);
        EXPECT_STATUS(realms, 200);
        QVERIFY(hasEntry(realms.data.toArray(), QStringLiteral("realm"), QStringLiteral("pam")));
    }

    QString createToken(const Session &as, const QString &userid, const QString &name, const QJsonObject &params)
    {
        const auto r = post(agent(), QStringLiteral("/access/users/%1/token/%2").arg(userid, name), as, params);
        if (r.status != 200)
            qFatal("token %s: %s", qPrintable(name), describe(r).constData());
        return r.data.toObject().value(QLatin1String("value")).toString();
    }

private slots:
    void initTestCase()
    {
        m_agent = std::make_unique<TestAgent>();
        m_root = agent().root();
        seedGroupUserManage(agent(), m_root);
        m_roma = agent().login(QStringLiteral("roma@pve"), kRomaPassword);
        m_autoSecret = createToken(m_roma, QStringLiteral("roma@pve"), QStringLiteral("auto"), {{QStringLiteral("privsep"), 1}});
        m_fullSecret = createToken(m_roma, QStringLiteral("roma@pve"), QStringLiteral("full"), {{QStringLiteral("privsep"), 0}});
        m_oldSecret = createToken(m_roma, QStringLiteral("roma@pve"), QStringLiteral("old"),
                                  {{QStringLiteral("privsep"), 0}, {QStringLiteral("expire"), 1000}});
        EXPECT_STATUS(post(agent(), QStringLiteral("/access/users"), m_root, {{QStringLiteral("userid"), QStringLiteral("dis@pve")}}), 200);
        m_disSecret = createToken(m_root, QStringLiteral("dis@pve"), QStringLiteral("auto"), {{QStringLiteral("privsep"), 0}});
        EXPECT_STATUS(put(agent(), QStringLiteral("/access/users/dis@pve"), m_root, {{QStringLiteral("enable"), 0}}), 200);
        // The tokens are what the rows think they are.
        EXPECT_STATUS(get(agent(), QStringLiteral("/version"), tokenSession(QStringLiteral("roma@pve!auto"), m_autoSecret)), 200);
        EXPECT_STATUS(get(agent(), QStringLiteral("/version"), tokenSession(QStringLiteral("roma@pve!full"), m_fullSecret)), 200);
    }

    // ---- parameters, ids and messages ---------------------------------------

    void refused_data()
    {
        QTest::addColumn<QString>("who");       // anon, root or roma
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QJsonObject>("params");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("field");     // the parameter whose error is checked; empty: the message
        QTest::addColumn<QString>("text");      // part of that message

        const QString get = QStringLiteral("GET");
        const QString post = QStringLiteral("POST");
        const QString put = QStringLiteral("PUT");
        const QString del = QStringLiteral("DELETE");
        const QString root = QStringLiteral("root");
        const QString users = QStringLiteral("/access/users");
        const QString userid = QStringLiteral("userid");
        auto newUser = [](const QJsonValue &id) { return QJsonObject{{QStringLiteral("userid"), id}}; };
        auto withUser = [](QJsonObject params) {
            params.insert(QStringLiteral("userid"), QStringLiteral("typed@pve"));
            return params;
        };
        const QString idFormat = QStringLiteral("a user id like name@realm");

        // Path traversal. The transport decodes %2F before routing, so an
        // encoded slash is a path separator and the path matches no route;
        // left encoded, it is part of an id and fails the id's format.
        QTest::newRow("traversal: ../../etc in a user path") << root << get << QStringLiteral("/access/users/../../etc") << QJsonObject{}
            << 404 << QString() << QStringLiteral("No 'GET' handler for '/access/users/../../etc'");
        QTest::newRow("traversal: ..%2F..%2Fetc as a user id") << root << get << QStringLiteral("/access/users/..%2F..%2Fetc") << QJsonObject{}
            << 400 << userid << idFormat;
        QTest::newRow("traversal: /nodes/../version") << root << get << QStringLiteral("/nodes/../version") << QJsonObject{}
            << 404 << QString() << QStringLiteral("No 'GET' handler for '/nodes/../version'");
        QTest::newRow("traversal: .. as a node") << root << get << QStringLiteral("/nodes/../status") << QJsonObject{}
            << 400 << QStringLiteral("node") << QStringLiteral("a node name");
        QTest::newRow("traversal: .. as a realm") << root << get << QStringLiteral("/access/domains/..") << QJsonObject{}
            << 400 << QStringLiteral("realm") << QStringLiteral("a realm");
        // ".." is a valid group id for Proxmox too (letters, digits, '.', '-',
        // '_'); ids are never file names here.
        QTest::newRow("traversal: .. as a group") << root << del << QStringLiteral("/access/groups/..") << QJsonObject{}
            << 404 << QString() << QStringLiteral("delete group failed: group '..' does not exist");
        QTest::newRow("traversal: .. in a task id") << root << get
            << QStringLiteral("/nodes/node1/tasks/UPID:node1:00000001:00000001:00000001:x:..:root@pam:/log") << QJsonObject{}
            << 404 << QString() << QStringLiteral("no such task");
        QTest::newRow("traversal: ../ as a task id") << root << get << QStringLiteral("/nodes/node1/tasks/..%2F..%2Fetc%2Fpasswd/log")
            << QJsonObject{} << 400 << QStringLiteral("upid") << QStringLiteral("invalid UPID \"..%2F..%2Fetc%2Fpasswd\"");
        QTest::newRow("traversal: .. as a token name") << root << get << QStringLiteral("/access/users/root@pam/token/..")
            << QJsonObject{} << 400 << QStringLiteral("tokenid") << QStringLiteral("does not match");
        QTest::newRow("NUL in a user id (path)") << root << get << QStringLiteral("/access/users/root%1@pam").arg(QChar(0))
            << QJsonObject{} << 404 << QString() << QStringLiteral("no such user ('root");
        // Written to user.cfg, a NUL made it a file its parser refuses: every
        // login failed, root@pam's included.
        QTest::newRow("NUL in a new user id") << root << post << users << newUser(QStringLiteral("evil%1@pve").arg(QChar(0)))
            << 400 << userid << QStringLiteral("contains the control character 0x00");
        QTest::newRow("NUL in a realm") << root << get << QStringLiteral("/access/domains/pve%1").arg(QChar(0)) << QJsonObject{}
            << 400 << QStringLiteral("realm") << QStringLiteral("a realm");
        QTest::newRow("NUL in a node") << root << get << QStringLiteral("/nodes/node1%1/status").arg(QChar(0)) << QJsonObject{}
            << 400 << QStringLiteral("node") << QStringLiteral("a node name");

        // Invalid user ids and realms, in the body and in the path.
        QTest::newRow("userid root@") << root << post << users << newUser(QStringLiteral("root@")) << 400 << userid << idFormat;
        QTest::newRow("userid @pam") << root << post << users << newUser(QStringLiteral("@pam")) << 400 << userid << idFormat;
        QTest::newRow("userid a:b@pve") << root << post << users << newUser(QStringLiteral("a:b@pve")) << 400 << userid << idFormat;
        QTest::newRow("userid a b@pve") << root << post << users << newUser(QStringLiteral("a b@pve")) << 400 << userid << idFormat;
        QTest::newRow("userid a/b@pve") << root << post << users << newUser(QStringLiteral("a/b@pve")) << 400 << userid << idFormat;
        QTest::newRow("userid with CRLF") << root << post << users << newUser(QStringLiteral("a\r\nb@pve")) << 400 << userid << idFormat;
        QTest::newRow("userid with ESC") << root << post << users << newUser(QStringLiteral("a\x1b[2Jb@pve"))
            << 400 << userid << QStringLiteral("contains the control character 0x1b");
        QTest::newRow("userid with DEL") << root << post << users << newUser(QStringLiteral("a\x7f@pve"))
            << 400 << userid << QStringLiteral("contains the control character 0x7f");
        QTest::newRow("userid empty") << root << post << users << newUser(QString()) << 400 << userid << idFormat;
        // Without a password Proxmox stores such a user (see unknownRealm()).
        QTest::newRow("userid x@nosuchrealm, with a password") << root << post << users
            << QJsonObject{{userid, QStringLiteral("x@nosuchrealm")}, {QStringLiteral("password"), QStringLiteral("secret-1")}}
            << 400 << QStringLiteral("password") << QStringLiteral("auth domain 'nosuchrealm' does not exist");
        QTest::newRow("userid x@1realm") << root << post << users << newUser(QStringLiteral("x@1realm")) << 400 << userid << idFormat;
        QTest::newRow("userid of 65 characters") << root << post << users << newUser(QString(61, u'a') + QStringLiteral("@pve"))
            << 400 << userid << QStringLiteral("65 characters long: at most 64");
        QTest::newRow("userid of 64 characters, unknown realm") << root << post << users
            << QJsonObject{{userid, QString(57, u'a') + QStringLiteral("@nosuch")}, {QStringLiteral("password"), QStringLiteral("secret-1")}}
            << 400 << QStringLiteral("password") << QStringLiteral("auth domain 'nosuch' does not exist");
        QTest::newRow("userid root@ (path)") << root << get << QStringLiteral("/access/users/root@") << QJsonObject{}
            << 400 << userid << idFormat;
        QTest::newRow("userid @pam (path)") << root << get << QStringLiteral("/access/users/@pam") << QJsonObject{}
            << 400 << userid << idFormat;
        QTest::newRow("userid x@nosuchrealm (path)") << root << get << QStringLiteral("/access/users/x@nosuchrealm") << QJsonObject{}
            << 404 << QString() << QStringLiteral("no such user ('x@nosuchrealm')");
        QTest::newRow("path and body disagree") << QStringLiteral("roma") << put << QStringLiteral("/access/users/roma@pve")
            << QJsonObject{{userid, QStringLiteral("root@pam")}, {QStringLiteral("comment"), QStringLiteral("x")}}
            << 400 << userid << QStringLiteral("the path and the parameters give different values");
        QTest::newRow("realm with CRLF") << root << get << QStringLiteral("/access/domains/pve\r\nX-Evil: 1") << QJsonObject{}
            << 400 << QStringLiteral("realm") << QStringLiteral("a realm");
        QTest::newRow("realm of 33 characters") << root << get << QStringLiteral("/access/domains/") + QString(33, u'r')
            << QJsonObject{} << 400 << QStringLiteral("realm") << QStringLiteral("at most 32");

        // Values of the wrong JSON type, or out of range.
        QTest::newRow("userid as a JSON array") << root << post << users
            << newUser(QJsonArray{QStringLiteral("a@pve"), QStringLiteral("b@pve")})
            << 400 << userid << QStringLiteral("type check ('string') failed - got a JSON array");
        QTest::newRow("userid as a JSON object") << root << post << users << newUser(QJsonObject{{QStringLiteral("a"), 1}})
            << 400 << userid << QStringLiteral("type check ('string') failed - got a JSON object");
        QTest::newRow("userid as JSON null") << root << post << users << newUser(QJsonValue(QJsonValue::Null))
            << 400 << userid << QStringLiteral("type check ('string') failed - got a JSON null");
        QTest::newRow("userid as a number") << root << post << users << newUser(5) << 400 << userid << idFormat;
        QTest::newRow("boolean 'maybe'") << root << post << users << withUser({{QStringLiteral("enable"), QStringLiteral("maybe")}})
            << 400 << QStringLiteral("enable") << QStringLiteral("'maybe' is not a boolean");
        QTest::newRow("integer 1.5") << root << post << users << withUser({{QStringLiteral("expire"), 1.5}})
            << 400 << QStringLiteral("expire") << QStringLiteral("is not an integer");
        QTest::newRow("integer 1e300") << root << post << users << withUser({{QStringLiteral("expire"), 1e300}})
            << 400 << QStringLiteral("expire") << QStringLiteral("is not an integer");
        QTest::newRow("integer -1e300") << root << post << users << withUser({{QStringLiteral("expire"), -1e300}})
            << 400 << QStringLiteral("expire") << QStringLiteral("is not an integer");
        QTest::newRow("integer 2^63") << root << post << users << withUser({{QStringLiteral("expire"), 9223372036854775808.0}})
            << 400 << QStringLiteral("expire") << QStringLiteral("is not an integer");
        QTest::newRow("integer of 20 digits") << root << post << users
            << withUser({{QStringLiteral("expire"), QStringLiteral("99999999999999999999")}})
            << 400 << QStringLiteral("expire") << QStringLiteral("is not an integer");
        QTest::newRow("integer 0x10") << root << post << users << withUser({{QStringLiteral("expire"), QStringLiteral("0x10")}})
            << 400 << QStringLiteral("expire") << QStringLiteral("is not an integer");
        QTest::newRow("integer below the minimum") << QStringLiteral("roma") << post
            << QStringLiteral("/access/users/roma@pve/token/neg") << QJsonObject{{QStringLiteral("expire"), -1}}
            << 400 << QStringLiteral("expire") << QStringLiteral("out of range");
        QTest::newRow("comment of 2049 characters") << root << post << users
            << withUser({{QStringLiteral("comment"), QString(2049, u'c')}})
            << 400 << QStringLiteral("comment") << QStringLiteral("2049 characters long: at most 2048");
        QTest::newRow("password of 65 characters") << root << post << users
            << withUser({{QStringLiteral("password"), QString(65, u'p')}})
            << 400 << QStringLiteral("password") << QStringLiteral("at most 64");
        QTest::newRow("keys not matching their pattern") << root << post << users
            << withUser({{QStringLiteral("keys"), QStringLiteral("x y")}})
            << 400 << QStringLiteral("keys") << QStringLiteral("does not match");
        QTest::newRow("unknown parameter") << root << get << QStringLiteral("/version") << QJsonObject{{QStringLiteral("bogus"), 1}}
            << 400 << QStringLiteral("bogus") << QStringLiteral("property is not defined in schema");
        QTest::newRow("missing parameter") << root << post << users << QJsonObject{}
            << 400 << userid << QStringLiteral("property is missing and it is not optional");
        QTest::newRow("10000 parameters") << root << post << users << manyParameters(10000)
            << 400 << QStringLiteral("p9999") << QStringLiteral("property is not defined in schema");
        QTest::newRow("no such group") << root << post << users
            << withUser({{QStringLiteral("groups"), QStringLiteral("nosuchgroup")}})
            << 400 << QStringLiteral("groups") << QStringLiteral("no such group 'nosuchgroup'");

        // Messages that quote the request: CR/LF stay in the JSON body (escaped)
        // and never reach the reason phrase or X-Atalaia-Reason as a line break.
        QTest::newRow("CRLF in an unknown path") << QStringLiteral("anon") << get << QStringLiteral("/nope\r\nSet-Cookie: evil=1")
            << QJsonObject{} << 404 << QString() << QStringLiteral("No 'GET' handler for '/nope\r\nSet-Cookie: evil=1'");
        QTest::newRow("CRLF in a path of a write") << QStringLiteral("anon") << del << QStringLiteral("/version\r\n\r\n<html>")
            << QJsonObject{} << 404 << QString() << QStringLiteral("No 'DELETE' handler for '/version\r\n\r\n<html>'");
        QTest::newRow("unknown method") << root << QStringLiteral("PATCH") << QStringLiteral("/version") << QJsonObject{}
            << 501 << QString() << QStringLiteral("Method 'PATCH /version' not implemented");
        QTest::newRow("CRLF in a stale digest") << root << put << QStringLiteral("/access/domains/pve")
            << QJsonObject{{QStringLiteral("comment"), QStringLiteral("x")}, {QStringLiteral("digest"), QStringLiteral("0\r\nX-Evil: 1")}}
            << 500 << QString() << QStringLiteral("detected modified configuration - file changed by other user? Try again.");

        // Without the rights for it.
        QTest::newRow("anonymous write") << QStringLiteral("anon") << post << users << newUser(QStringLiteral("anon@pve"))
            << 401 << QString() << QStringLiteral("No ticket");
        QTest::newRow("beyond the user's rights") << QStringLiteral("roma") << post << QStringLiteral("/access/domains")
            << QJsonObject{{QStringLiteral("realm"), QStringLiteral("evil")}, {QStringLiteral("type"), QStringLiteral("ldap")},
                           {QStringLiteral("server1"), QStringLiteral("ldap.example.com")},
                           {QStringLiteral("base_dn"), QStringLiteral("dc=x")}, {QStringLiteral("user_attr"), QStringLiteral("uid")}}
            << 403 << QString() << QStringLiteral("Permission check failed");
    }

    void refused()
    {
        QFETCH(QString, who);
        QFETCH(QString, method);
        QFETCH(QString, path);
        QFETCH(QJsonObject, params);
        QFETCH(int, status);
        QFETCH(QString, field);
        QFETCH(QString, text);

        const Session session = who == QLatin1String("root") ? m_root
                              : who == QLatin1String("roma") ? m_roma
                                                             : Session{};
        const StoreSnapshot before = snapshot(agent());
        const api::ApiResponse r = agent().call(method, path, params, session);
        QVERIFY2(r.status == status, describe(r).constData());
        QVERIFY2(textOf(r, field).contains(text), qPrintable(textOf(r, field)));
        QVERIFY2(isOneVisibleLine(r.reasonPhrase()), r.reasonPhrase().constData());
        // The body is valid JSON with the error where clients look for it.
        const QJsonObject body = bodyOf(r);
        QVERIFY(body.contains(QLatin1String("data")) && body.value(QLatin1String("data")).isNull());
        if (!field.isEmpty())
            QCOMPARE(body.value(QLatin1String("errors")).toObject().value(field).toString(), r.errors.value(field).toString());
        QVERIFY(snapshot(agent()) == before);
        stillServes();
    }

    // Values that would add records to a configuration file if written as
    // they come: each is stored encoded, read back as sent, and adds nothing.
    void configInjection_data()
    {
        QTest::addColumn<QString>("createPath");
        QTest::addColumn<QJsonObject>("create");
        QTest::addColumn<QString>("readPath");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArrayList>("injected");   // lines that must not appear

        const QString records = QStringLiteral("x\nuser:evil@pve:1:0:::::\nacl:1:/:evil@pve:Administrator:\n");
        const QByteArrayList evil{"user:evil@pve", "acl:1:/:evil@pve"};
        const QString controls = QStringLiteral("a%1b\x1b[31m\r\x7f\tc").arg(QChar(0));
        auto realm = [](const QString &id, const QString &comment) {
            return QJsonObject{{QStringLiteral("realm"), id}, {QStringLiteral("type"), QStringLiteral("ldap")},
                               {QStringLiteral("server1"), QStringLiteral("ldap.example.com")},
                               {QStringLiteral("base_dn"), QStringLiteral("dc=example,dc=com")},
                               {QStringLiteral("user_attr"), QStringLiteral("uid")}, {QStringLiteral("comment"), comment}};
        };
        QTest::newRow("user comment") << QStringLiteral("/access/users")
            << QJsonObject{{QStringLiteral("userid"), QStringLiteral("inj1@pve")}, {QStringLiteral("comment"), records}}
            << QStringLiteral("/access/users/inj1@pve") << QStringLiteral("comment") << QStringLiteral("user.cfg") << evil;
        QTest::newRow("user first name with ':'") << QStringLiteral("/access/users")
            << QJsonObject{{QStringLiteral("userid"), QStringLiteral("inj2@pve")},
                           {QStringLiteral("firstname"), QStringLiteral("a:1:0::\nacl:1:/:inj2@pve:Administrator:")}}
            << QStringLiteral("/access/users/inj2@pve") << QStringLiteral("firstname") << QStringLiteral("user.cfg")
            << QByteArrayList{"acl:1:/:inj2@pve"};
        QTest::newRow("user comment with NUL and controls") << QStringLiteral("/access/users")
            << QJsonObject{{QStringLiteral("userid"), QStringLiteral("inj7@pve")}, {QStringLiteral("comment"), controls}}
            << QStringLiteral("/access/users/inj7@pve") << QStringLiteral("comment") << QStringLiteral("user.cfg")
            << QByteArrayList{};
        QTest::newRow("group comment") << QStringLiteral("/access/groups")
            << QJsonObject{{QStringLiteral("groupid"), QStringLiteral("inj3")}, {QStringLiteral("comment"), records}}
            << QStringLiteral("/access/groups/inj3") << QStringLiteral("comment") << QStringLiteral("user.cfg") << evil;
        QTest::newRow("group comment with NUL and controls") << QStringLiteral("/access/groups")
            << QJsonObject{{QStringLiteral("groupid"), QStringLiteral("inj8")}, {QStringLiteral("comment"), controls}}
            << QStringLiteral("/access/groups/inj8") << QStringLiteral("comment") << QStringLiteral("user.cfg")
            << QByteArrayList{};
        QTest::newRow("token comment") << QStringLiteral("/access/users/root@pam/token/inj4")
            << QJsonObject{{QStringLiteral("comment"), records}}
            << QStringLiteral("/access/users/root@pam/token/inj4") << QStringLiteral("comment") << QStringLiteral("user.cfg")
            << evil;
        QTest::newRow("token comment with NUL and controls") << QStringLiteral("/access/users/root@pam/token/inj9")
            << QJsonObject{{QStringLiteral("comment"), controls}}
            << QStringLiteral("/access/users/root@pam/token/inj9") << QStringLiteral("comment") << QStringLiteral("user.cfg")
            << QByteArrayList{};
        QTest::newRow("realm comment") << QStringLiteral("/access/domains")
            << realm(QStringLiteral("inj5"), QStringLiteral("x\n\npam: evil\n\tdefault 1\n"))
            << QStringLiteral("/access/domains/inj5") << QStringLiteral("comment") << QStringLiteral("domains.cfg")
            << QByteArrayList{"pam: evil", "\tdefault 1"};
        QTest::newRow("realm comment with NUL and controls") << QStringLiteral("/access/domains")
            << realm(QStringLiteral("inj10"), controls)
            << QStringLiteral("/access/domains/inj10") << QStringLiteral("comment") << QStringLiteral("domains.cfg")
            << QByteArrayList{};
    }

    void configInjection()
    {
        QFETCH(QString, createPath);
        QFETCH(QJsonObject, create);
        QFETCH(QString, readPath);
        QFETCH(QString, field);
        QFETCH(QString, file);
        QFETCH(QByteArrayList, injected);

        EXPECT_STATUS(post(agent(), createPath, m_root, create), 200);
        const QByteArray text = storeText(agent(), file);
        for (const QByteArray &line : injected)
            QVERIFY2(linesStartingWith(text, line).isEmpty(), text.constData());
        QVERIFY2(!text.contains('\0'), "a NUL in the file");
        const auto read = get(agent(), readPath, m_root);
        EXPECT_STATUS(read, 200);
        QCOMPARE(read.data.toObject().value(field).toString(), create.value(field).toString());
        // The injected user has no rights and cannot even exist as a login.
        QVERIFY(!agent().agent().services().accessControl().user(QStringLiteral("evil@pve")));
        stillServes();
    }

    // A password with a line break and the shadow file's separator is stored
    // as one hash and logs in as itself.
    void passwordInjection()
    {
        const QString password = QStringLiteral("pw\nroot@pam:$y$j9T$x$y\n:");
        EXPECT_STATUS(post(agent(), QStringLiteral("/access/users"), m_root,
                           {{QStringLiteral("userid"), QStringLiteral("inj6@pve")}, {QStringLiteral("password"), password}}),
                      200);
        const QByteArray shadow = storeText(agent(), QStringLiteral("priv/shadow.cfg"));
        QVERIFY(!shadow.contains("root@pam"));
        QCOMPARE(linesStartingWith(shadow, "inj6@pve:").size(), 1);
        QCOMPARE(tryLogin(agent(), QStringLiteral("inj6@pve"), password).first, 200);
        QCOMPARE(tryLogin(agent(), QStringLiteral("inj6@pve"), QStringLiteral("pw")).first, 401);
    }

    // Comments have no length limit in the schema (Proxmox's pmxcfs caps
    // files instead). Grown past the parser's limit, user.cfg would be
    // refused as a whole and nobody could log in; the write that would do
    // it is refused instead, one 1 MiB request at a time as over HTTP.
    void configFileSizeLimit()
    {
        TestAgent a;
        const Session root = a.root();
        const QString mib(1024 * 1024, u'c');
        int created = 0;
        api::ApiResponse r;
        for (; created < 10; ++created) {
            r = post(a, QStringLiteral("/access/groups"), root,
                     {{QStringLiteral("groupid"), QStringLiteral("big%1").arg(created)}, {QStringLiteral("comment"), mib}});
            if (r.status != 200)
                break;
        }
        QCOMPARE(created, 7);
        QVERIFY2(r.status == 413, describe(r).constData());
        QVERIFY2(r.message.startsWith(QLatin1String("create group failed: user.cfg would be ")), qPrintable(r.message));
        QVERIFY2(r.message.endsWith(QLatin1String("bytes long, over the limit of 8388608 bytes for configuration files")),
                 qPrintable(r.message));
        EXPECT_STATUS(get(a, QStringLiteral("/version"), a.root()), 200);
        EXPECT_STATUS(get(a, QStringLiteral("/access/groups/big6"), root), 200);
    }

    // ---- tickets ------------------------------------------------------------

    void tickets_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");

        const QString failure = QStringLiteral("authentication failure");
        QTest::newRow("control: signed an hour ago") << QStringLiteral("hour-old") << 200 << QString();
        QTest::newRow("altered signature") << QStringLiteral("signature") << 401 << failure;
        QTest::newRow("truncated signature") << QStringLiteral("truncated") << 401 << failure;
        QTest::newRow("signature not base64") << QStringLiteral("not-base64") << 401 << failure;
        QTest::newRow("altered userid") << QStringLiteral("userid") << 401 << failure;
        QTest::newRow("altered timestamp") << QStringLiteral("timestamp") << 401 << failure;
        QTest::newRow("expired (3 h old)") << QStringLiteral("expired") << 401 << QStringLiteral("authentication failure: ticket expired");
        QTest::newRow("from the future (1 h)") << QStringLiteral("future") << 401 << failure;
        QTest::newRow("signed with another key") << QStringLiteral("other-key") << 401 << failure;
        QTest::newRow("signed for an unknown user") << QStringLiteral("ghost") << 401 << failure;
        QTest::newRow("signed for a disabled user") << QStringLiteral("disabled") << 401 << failure;
        QTest::newRow("half-finished two-factor login") << QStringLiteral("tfa") << 401 << failure;
        QTest::newRow("no signature") << QStringLiteral("unsigned") << 401 << failure;
        QTest::newRow("garbage") << QStringLiteral("garbage") << 401 << failure;
        QTest::newRow("5000 characters") << QStringLiteral("long") << 401 << failure;
        QTest::newRow("CRLF in the cookie") << QStringLiteral("crlf") << 401 << failure;
    }

    void tickets()
    {
        QFETCH(QString, kind);
        QFETCH(int, status);
        QFETCH(QString, message);

        // Tickets made with the agent's own key (what only the node can do), on
        // a clock of the test's choosing, or tampered with afterwards.
        const QString keys = agent().dataDir() + QStringLiteral("/keys");
        const qint64 now = SystemClock::instance().nowMs();
        auto signAt = [&](const QString &userid, qint64 atMs, const QString &keyDir) {
            FakeClock clock(atMs);
            access::TicketAuthority authority(keyDir, clock);
            auto ticket = authority.create(userid);
            if (!ticket)
                qFatal("cannot sign: %s", qPrintable(ticket.error().message));
            return *ticket;
        };
        const QString genuine = signAt(QStringLiteral("root@pam"), now, keys);
        const qsizetype split = genuine.lastIndexOf(QLatin1String("::"));
        const QString plain = genuine.first(split);
        const QString signature = genuine.sliced(split + 2);
        const QString time = plain.section(QLatin1Char(':'), -1);

        QString ticket;
        if (kind == QLatin1String("hour-old")) {
            ticket = signAt(QStringLiteral("root@pam"), now - kHourMs, keys);
        } else if (kind == QLatin1String("signature")) {
            QString s = signature;
            s[10] = s[10] == u'A' ? u'B' : u'A';
            ticket = plain + QLatin1String("::") + s;
        } else if (kind == QLatin1String("truncated")) {
            ticket = plain + QLatin1String("::") + signature.first(signature.size() / 2);
        } else if (kind == QLatin1String("not-base64")) {
            ticket = plain + QLatin1String("::") + QString(signature).replace(3, 1, u'*');
        } else if (kind == QLatin1String("userid")) {
            ticket = ticketWith(genuine, QStringLiteral("PVE:root@pam:"), QStringLiteral("PVE:roma@pve:"));
        } else if (kind == QLatin1String("timestamp")) {
            const QString later = QStringLiteral("%1").arg(time.toUInt(nullptr, 16) + 1, 8, 16, QLatin1Char('0')).toUpper();
            ticket = ticketWith(genuine, QLatin1Char(':') + time + QLatin1String("::"), QLatin1Char(':') + later + QLatin1String("::"));
        } else if (kind == QLatin1String("expired")) {
            ticket = signAt(QStringLiteral("root@pam"), now - 3 * kHourMs, keys);
        } else if (kind == QLatin1String("future")) {
            ticket = signAt(QStringLiteral("root@pam"), now + kHourMs, keys);
        } else if (kind == QLatin1String("other-key")) {
            QTemporaryDir otherKeys;
            ticket = signAt(QStringLiteral("root@pam"), now, otherKeys.path() + QStringLiteral("/keys"));
        } else if (kind == QLatin1String("ghost")) {
            ticket = signAt(QStringLiteral("ghost@pve"), now, keys);
        } else if (kind == QLatin1String("disabled")) {
            ticket = signAt(QStringLiteral("dis@pve"), now, keys);
        } else if (kind == QLatin1String("tfa")) {
            ticket = signAt(QStringLiteral("!tfa!root@pam"), now, keys);
        } else if (kind == QLatin1String("unsigned")) {
            ticket = plain + QLatin1String("::");
        } else if (kind == QLatin1String("garbage")) {
            ticket = QStringLiteral("PVE:root@pam:%%%:::");
        } else if (kind == QLatin1String("long")) {
            ticket = plain + QLatin1String("::") + QString(5000, u'A');
        } else if (kind == QLatin1String("crlf")) {
            ticket = genuine + QStringLiteral("\r\nX-Evil: 1");
        }
        QVERIFY(!ticket.isEmpty());

        const StoreSnapshot before = snapshot(agent());
        const auto read = callAs(agent(), QStringLiteral("GET"), QStringLiteral("/version"), {}, ticketHeaders(ticket),
                                 QStringLiteral("127.0.0.1"));
        QVERIFY2(read.status == status, describe(read).constData());
        QCOMPARE(read.message, message);
        // A write with the genuine CSRF token of root@pam does not get through either.
        auto csrf = agent().agent().services().tickets().csrfToken(QStringLiteral("root@pam"));
        QVERIFY(csrf.has_value());
        const auto write = callAs(agent(), QStringLiteral("POST"), QStringLiteral("/access/groups"),
                                  {{QStringLiteral("groupid"), QStringLiteral("forged")}}, ticketHeaders(ticket, *csrf),
                                  QStringLiteral("127.0.0.1"));
        if (status == 200) {
            EXPECT_STATUS(write, 200);
            EXPECT_STATUS(del(agent(), QStringLiteral("/access/groups/forged"), m_root), 200);
            return;
        }
        QVERIFY2(write.status == status, describe(write).constData());
        QCOMPARE(write.message, message);
        QVERIFY(snapshot(agent()) == before);
        stillServes();
    }

    // The login route renews a ticket given as the password; a forged or
    // expired one is a failed login like any wrong password.
    void forgedTicketRenewal()
    {
        TestAgent a;
        const QString keys = a.dataDir() + QStringLiteral("/keys");
        const qint64 now = SystemClock::instance().nowMs();
        auto signAt = [&](qint64 atMs) {
            FakeClock clock(atMs);
            access::TicketAuthority authority(keys, clock);
            return authority.create(QStringLiteral("root@pam")).value_or(QString());
        };
        auto renew = [&](const QString &ticket) {
            return callAs(a, QStringLiteral("POST"), QStringLiteral("/access/ticket"),
                          {{QStringLiteral("username"), QStringLiteral("root@pam")}, {QStringLiteral("password"), ticket}}, {},
                          QStringLiteral("10.0.1.1"));
        };
        const QString genuine = signAt(now);
        QString altered = genuine;
        altered[altered.size() - 5] = altered[altered.size() - 5] == u'A' ? u'B' : u'A';
        for (const QString &forged : {altered, signAt(now - 3 * kHourMs), ticketWith(genuine, QStringLiteral("root@pam"),
                                                                                       QStringLiteral("roma@pve"))}) {
            const auto r = renew(forged);
            QVERIFY2(r.status == 401, describe(r).constData());
            QCOMPARE(r.message, QStringLiteral("authentication failure"));
        }
        const auto renewed = renew(signAt(now - kHourMs));
        EXPECT_STATUS(renewed, 200);
        QVERIFY(renewed.data.toObject().value(QLatin1String("ticket")).toString().startsWith(QLatin1String("PVE:root@pam:")));
    }

    // ---- CSRF ---------------------------------------------------------------

    void csrf_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("missing") << QStringLiteral("missing");
        QTest::newRow("garbage") << QStringLiteral("garbage");
        QTest::newRow("another user's") << QStringLiteral("other-user");
        QTest::newRow("altered HMAC") << QStringLiteral("altered");
        QTest::newRow("altered time") << QStringLiteral("time");
        QTest::newRow("expired (3 h old)") << QStringLiteral("expired");
        QTest::newRow("from the future (1 h)") << QStringLiteral("future");
        QTest::newRow("the ticket instead") << QStringLiteral("ticket");
        QTest::newRow("with CRLF") << QStringLiteral("crlf");
    }

    void csrf()
    {
        QFETCH(QString, kind);
        const QString keys = agent().dataDir() + QStringLiteral("/keys");
        const qint64 now = SystemClock::instance().nowMs();
        auto csrfAt = [&](const QString &userid, qint64 atMs) {
            FakeClock clock(atMs);
            access::TicketAuthority authority(keys, clock);
            return authority.csrfToken(userid).value_or(QString());
        };
        const QString genuine = m_root.csrf;
        QString token;
        if (kind == QLatin1String("garbage"))
            token = QStringLiteral("not-a-token");
        else if (kind == QLatin1String("other-user"))
            token = m_roma.csrf;
        else if (kind == QLatin1String("altered"))
            token = genuine.first(genuine.size() - 2) + (genuine.endsWith(u'A') ? QStringLiteral("BB") : QStringLiteral("AA"));
        else if (kind == QLatin1String("time"))
            token = QStringLiteral("00000001") + genuine.sliced(8);
        else if (kind == QLatin1String("expired"))
            token = csrfAt(QStringLiteral("root@pam"), now - 3 * kHourMs);
        else if (kind == QLatin1String("future"))
            token = csrfAt(QStringLiteral("root@pam"), now + kHourMs);
        else if (kind == QLatin1String("ticket"))
            token = m_root.ticket;
        else if (kind == QLatin1String("crlf"))
            token = genuine + QStringLiteral("\r\nX-Evil: 1");

        const StoreSnapshot before = snapshot(agent());
        const auto r = callAs(agent(), QStringLiteral("POST"), QStringLiteral("/access/users"),
                              {{QStringLiteral("userid"), QStringLiteral("csrf-victim@pve")}},
                              ticketHeaders(m_root.ticket, token), QStringLiteral("127.0.0.1"));
        QVERIFY2(r.status == 401, describe(r).constData());
        QCOMPARE(r.message, QStringLiteral("Permission denied - invalid csrf token"));
        QVERIFY(snapshot(agent()) == before);
        // Reads need no CSRF token; the genuine one still works for writes.
        EXPECT_STATUS(callAs(agent(), QStringLiteral("GET"), QStringLiteral("/version"), {}, ticketHeaders(m_root.ticket, token),
                             QStringLiteral("127.0.0.1")),
                      200);
        stillServes();
    }

    // ---- API tokens ---------------------------------------------------------

    void tokens_data()
    {
        QTest::addColumn<QString>("credentials");   // what follows "PVEAPIToken="
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");

        // The secrets are only known in the test function: $AUTO, $FULL, $OLD, $DIS.
        // Fewer than five failures per token id: five lock it (tokenGuessing()).
        const QString version = QStringLiteral("/version");
        const QString get = QStringLiteral("GET");
        const QString failure = QStringLiteral("authentication failure");
        QTest::newRow("control: privsep token reads") << QStringLiteral("roma@pve!auto=$AUTO") << get << version << 200 << QString();
        QTest::newRow("wrong secret") << QStringLiteral("roma@pve!auto=00000000-0000-4000-8000-000000000000") << get << version
                                      << 401 << failure;
        QTest::newRow("another token's secret") << QStringLiteral("roma@pve!full=$AUTO") << get << version << 401 << failure;
        QTest::newRow("empty secret") << QStringLiteral("roma@pve!auto=") << get << version << 401 << failure;
        QTest::newRow("no secret at all") << QStringLiteral("roma@pve!full") << get << version << 401 << failure;
        QTest::newRow("secret with a suffix") << QStringLiteral("roma@pve!auto=$AUTOx") << get << version << 401 << failure;
        QTest::newRow("secret's prefix") << QStringLiteral("roma@pve!full=$FULL_PREFIX") << get << version << 401 << failure;
        QTest::newRow("wrong token id") << QStringLiteral("roma@pve!nope=$AUTO") << get << version << 401 << failure;
        QTest::newRow("token of another user") << QStringLiteral("root@pam!auto=$AUTO") << get << version << 401 << failure;
        QTest::newRow("token of an unknown user") << QStringLiteral("ghost@pve!auto=$AUTO") << get << version << 401 << failure;
        QTest::newRow("no token name") << QStringLiteral("roma@pve=$AUTO") << get << version << 401 << failure;
        QTest::newRow("invalid token id") << QStringLiteral("roma@pve!a:b=$AUTO") << get << version << 401 << failure;
        QTest::newRow("expired token") << QStringLiteral("roma@pve!old=$OLD") << get << version << 401 << failure;
        QTest::newRow("token of a disabled user") << QStringLiteral("dis@pve!auto=$DIS") << get << version << 401 << failure;
        QTest::newRow("CRLF after the secret") << QStringLiteral("roma@pve!full=$FULL\r\nX-Evil: 1") << get << version
                                               << 401 << failure;
        QTest::newRow("privsep token beyond its rights") << QStringLiteral("roma@pve!auto=$AUTO") << QStringLiteral("POST")
            << QStringLiteral("/access/users") << 403 << QStringLiteral("Permission check failed");
        QTest::newRow("privsep token reads what it may not") << QStringLiteral("roma@pve!auto=$AUTO") << get
            << QStringLiteral("/access/domains/pve") << 403 << QStringLiteral("Permission check failed");
        QTest::newRow("token on a method tokens may not call") << QStringLiteral("roma@pve!full=$FULL") << QStringLiteral("PUT")
            << QStringLiteral("/access/password") << 403
            << QStringLiteral("Permission check failed: API tokens may not call PUT /access/password");
    }

    void tokens()
    {
        QFETCH(QString, credentials);
        QFETCH(QString, method);
        QFETCH(QString, path);
        QFETCH(int, status);
        QFETCH(QString, message);

        credentials.replace(QStringLiteral("$FULL_PREFIX"), m_fullSecret.first(m_fullSecret.size() - 1))
            .replace(QStringLiteral("$AUTO"), m_autoSecret)
            .replace(QStringLiteral("$FULL"), m_fullSecret)
            .replace(QStringLiteral("$OLD"), m_oldSecret)
            .replace(QStringLiteral("$DIS"), m_disSecret);
        QJsonObject params;
        if (path == QLatin1String("/access/users"))
            params.insert(QStringLiteral("userid"), QStringLiteral("token-made@pve"));
        if (path == QLatin1String("/access/password"))
            params = {{QStringLiteral("userid"), QStringLiteral("roma@pve")}, {QStringLiteral("password"), QStringLiteral("hijacked-1")}};

        // Each row from its own address: failures here must not lock out the others.
        static int row = 0;
        const QString peer = QStringLiteral("10.0.2.%1").arg(++row);
        const StoreSnapshot before = snapshot(agent());
        const auto r = callAs(agent(), method, path, params, tokenHeader(credentials), peer);
        QVERIFY2(r.status == status, describe(r).constData());
        QVERIFY2(r.message.startsWith(message), qPrintable(r.message));
        QVERIFY(snapshot(agent()) == before);
        stillServes();
    }

    // Guessing one token's secret locks that token out (also for the right
    // secret, from anywhere) and says for how long; other tokens still work.
    void tokenGuessing()
    {
        TestAgent a;
        const Session root = a.root();
        auto made = post(a, QStringLiteral("/access/users/root@pam/token/ci"), root, {{QStringLiteral("privsep"), 0}});
        EXPECT_STATUS(made, 200);
        const QString secret = made.data.toObject().value(QLatin1String("value")).toString();
        made = post(a, QStringLiteral("/access/users/root@pam/token/other"), root, {{QStringLiteral("privsep"), 0}});
        EXPECT_STATUS(made, 200);
        const QString otherSecret = made.data.toObject().value(QLatin1String("value")).toString();

        const QString version = QStringLiteral("/version");
        for (int i = 0; i < access::LoginThrottle::defaultUserPolicy().maxFailures; ++i) {
            const auto r = callAs(a, QStringLiteral("GET"), version, {},
                                  tokenHeader(QStringLiteral("root@pam!ci=%1-guess").arg(i)), QStringLiteral("10.0.3.1"));
            QVERIFY2(r.status == 401, describe(r).constData());
            QCOMPARE(r.message, QStringLiteral("authentication failure"));
        }
        for (const QString &peer : {QStringLiteral("10.0.3.1"), QStringLiteral("10.0.3.2")}) {
            const auto r = callAs(a, QStringLiteral("GET"), version, {}, tokenHeader(QStringLiteral("root@pam!ci=") + secret), peer);
            QVERIFY2(r.status == 429, describe(r).constData());
            QCOMPARE(r.message, QStringLiteral("too many failed login attempts, try again in 30 second(s)"));
            QVERIFY2(isOneVisibleLine(r.reasonPhrase()), r.reasonPhrase().constData());
        }
        EXPECT_STATUS(callAs(a, QStringLiteral("GET"), version, {}, tokenHeader(QStringLiteral("root@pam!other=") + otherSecret),
                             QStringLiteral("10.0.3.2")),
                      200);
    }

    // ---- logins -------------------------------------------------------------

    void loginWithInvalidUserid_data()
    {
        QTest::addColumn<QJsonObject>("params");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("text");

        auto login = [](const QString &username, const QString &password = QStringLiteral("root-password")) {
            return QJsonObject{{QStringLiteral("username"), username}, {QStringLiteral("password"), password}};
        };
        const QString failure = QStringLiteral("authentication failure");
        QTest::newRow("root@") << login(QStringLiteral("root@")) << 401 << QString() << failure;
        QTest::newRow("@pam") << login(QStringLiteral("@pam")) << 401 << QString() << failure;
        QTest::newRow("a:b@pve") << login(QStringLiteral("a:b@pve")) << 401 << QString() << failure;
        QTest::newRow("root without realm") << login(QStringLiteral("root")) << 401 << QString() << failure;
        QTest::newRow("x@nosuchrealm") << login(QStringLiteral("x@nosuchrealm")) << 401 << QString() << failure;
        QTest::newRow("root@nosuchrealm") << login(QStringLiteral("root@nosuchrealm")) << 401 << QString() << failure;
        QTest::newRow("root@PAM") << login(QStringLiteral("root@PAM")) << 401 << QString() << failure;
        QTest::newRow("root@pam with CRLF") << login(QStringLiteral("root@pam\r\nX-Evil: 1")) << 401 << QString() << failure;
        QTest::newRow("root with NUL") << login(QStringLiteral("root%1@pam").arg(QChar(0))) << 401 << QString() << failure;
        QTest::newRow("../../etc/shadow@pam") << login(QStringLiteral("../../etc/shadow@pam")) << 401 << QString() << failure;
        QTest::newRow("empty user") << login(QString()) << 401 << QString() << failure;
        QTest::newRow("empty password") << login(QStringLiteral("root@pam"), QString()) << 401 << QString() << failure;
        QTest::newRow("65 characters") << login(QString(61, u'a') + QStringLiteral("@pam")) << 400
            << QStringLiteral("username") << QStringLiteral("at most 64");
        QTest::newRow("realm with CRLF") << QJsonObject{{QStringLiteral("username"), QStringLiteral("root")},
                                                        {QStringLiteral("realm"), QStringLiteral("pam\r\n")},
                                                        {QStringLiteral("password"), QStringLiteral("root-password")}}
            << 400 << QStringLiteral("realm") << QStringLiteral("a realm");
        QTest::newRow("password as an array") << QJsonObject{{QStringLiteral("username"), QStringLiteral("root@pam")},
                                                             {QStringLiteral("password"), QJsonArray{QStringLiteral("root-password")}}}
            << 400 << QStringLiteral("password") << QStringLiteral("got a JSON array");
    }

    void loginWithInvalidUserid()
    {
        QFETCH(QJsonObject, params);
        QFETCH(int, status);
        QFETCH(QString, field);
        QFETCH(QString, text);
        static int row = 0;
        const StoreSnapshot before = snapshot(agent());
        const auto r = callAs(agent(), QStringLiteral("POST"), QStringLiteral("/access/ticket"), params, {},
                              QStringLiteral("10.0.4.%1").arg(++row));
        QVERIFY2(r.status == status, describe(r).constData());
        QVERIFY2(textOf(r, field).contains(text), qPrintable(textOf(r, field)));
        QVERIFY(r.data.isNull() || r.data.isUndefined());
        QVERIFY(snapshot(agent()) == before);
        stillServes();
    }

    // What a client sends cannot start a log line of its own: fail2ban and
    // friends read "authentication failure; rhost=... user=..." lines, and a
    // forged one would ban someone else's address.
    void logInjection_data()
    {
        QTest::addColumn<QString>("username");
        QTest::addColumn<QByteArray>("authorization");
        // The user name parameter is at most 64 characters long.
        const QString forged = QStringLiteral("\r\nauthentication failure; rhost=203.0.113.7\x1b[2J");
        QTest::newRow("login: CRLF after the realm") << QStringLiteral("ghost@pve") + forged << QByteArray();
        QTest::newRow("login: CRLF in the name") << QStringLiteral("g\r\nauthentication failure; rhost=203.0.113.7 user=x@pve")
                                                 << QByteArray();
        QTest::newRow("login: LF only") << QStringLiteral("ghost\nauthentication failure; rhost=203.0.113.7@pve") << QByteArray();
        QTest::newRow("login: Unicode line separator") << QStringLiteral("ghost%1x@pve").arg(QChar(0x2028)) << QByteArray();
        QTest::newRow("token: CRLF in the token id") << QString()
            << ("PVEAPIToken=ghost@pve!t" + forged.toUtf8() + "=secret");
    }

    void logInjection()
    {
        QFETCH(QString, username);
        QFETCH(QByteArray, authorization);

        static QStringList captured;
        captured.clear();
        static QtMessageHandler previous = nullptr;
        previous = qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &context, const QString &message) {
            if (context.category && QByteArrayView(context.category).startsWith("atalaia."))
                captured.append(message);
            else if (previous)
                previous(type, context, message);
        });
        static int row = 0;
        const QString peer = QStringLiteral("10.0.7.%1").arg(++row);
        if (!username.isEmpty())
            callAs(agent(), QStringLiteral("POST"), QStringLiteral("/access/ticket"),
                   {{QStringLiteral("username"), username}, {QStringLiteral("password"), QStringLiteral("x")}}, {}, peer);
        else
            callAs(agent(), QStringLiteral("GET"), QStringLiteral("/version"), {}, {{"authorization", authorization}}, peer);
        qInstallMessageHandler(previous);

        QVERIFY(!captured.isEmpty());
        bool sawFailure = false;
        for (const QString &line : std::as_const(captured)) {
            for (const QChar c : line)
                QVERIFY2(c.unicode() >= 0x20 && c.unicode() != 0x7f && c != QChar(0x2028), qPrintable(line));
            sawFailure = sawFailure || line.startsWith(QLatin1String("authentication failure; rhost= ") + peer);
        }
        QVERIFY2(sawFailure, qPrintable(captured.join(u'|')));
    }

    // Repeated failures lock the user out (even with the right password, from
    // anywhere) and the source address out (for every user), saying how long
    // to wait; sessions that exist keep working.
    void loginThrottling()
    {
        TestAgent a;
        const Session root = a.root();
        seedGroupUserManage(a, root);
        auto login = [&](const QString &userid, const QString &password, const QString &peer) {
            return callAs(a, QStringLiteral("POST"), QStringLiteral("/access/ticket"),
                          {{QStringLiteral("username"), userid}, {QStringLiteral("password"), password}}, {}, peer);
        };
        const QString locked = QStringLiteral("too many failed login attempts, try again in 30 second(s)");

        // Per user: five failures.
        for (int i = 0; i < access::LoginThrottle::defaultUserPolicy().maxFailures; ++i) {
            const auto r = login(QStringLiteral("root@pam"), QStringLiteral("guess-%1").arg(i), QStringLiteral("10.0.5.1"));
            QVERIFY2(r.status == 401, describe(r).constData());
            QCOMPARE(r.message, QStringLiteral("authentication failure"));
        }
        for (const QString &peer : {QStringLiteral("10.0.5.1"), QStringLiteral("10.0.5.2")}) {
            const auto r = login(QStringLiteral("root@pam"), QStringLiteral("root-password"), peer);
            QVERIFY2(r.status == 429, describe(r).constData());
            QCOMPARE(r.message, locked);
            QVERIFY(r.data.isNull() || r.data.isUndefined());
        }
        EXPECT_STATUS(get(a, QStringLiteral("/version"), root), 200);
        EXPECT_STATUS(login(QStringLiteral("roma@pve"), kRomaPassword, QStringLiteral("10.0.5.1")), 200);

        // Per address: ten failures, whatever the user ids.
        for (int i = 0; i < access::LoginThrottle::defaultSourcePolicy().maxFailures; ++i) {
            const auto r = login(QStringLiteral("ghost%1@pve").arg(i), QStringLiteral("x"), QStringLiteral("10.0.5.3"));
            QVERIFY2(r.status == 401, describe(r).constData());
        }
        const auto fromThere = login(QStringLiteral("roma@pve"), kRomaPassword, QStringLiteral("10.0.5.3"));
        QVERIFY2(fromThere.status == 429, describe(fromThere).constData());
        QCOMPARE(fromThere.message, locked);
        EXPECT_STATUS(login(QStringLiteral("roma@pve"), kRomaPassword, QStringLiteral("10.0.5.4")), 200);
    }

    // A user of a realm that does not exist is stored, as Proxmox stores it
    // (without a password nothing checks the realm), and cannot log in.
    void unknownRealm()
    {
        EXPECT_STATUS(post(agent(), QStringLiteral("/access/users"), m_root,
                           {{QStringLiteral("userid"), QStringLiteral("x@nosuchrealm")}}),
                      200);
        const auto r = callAs(agent(), QStringLiteral("POST"), QStringLiteral("/access/ticket"),
                              {{QStringLiteral("username"), QStringLiteral("x@nosuchrealm")},
                               {QStringLiteral("password"), QStringLiteral("anything")}},
                              {}, QStringLiteral("10.0.6.1"));
        QVERIFY2(r.status == 401, describe(r).constData());
        QCOMPARE(r.message, QStringLiteral("authentication failure"));
        stillServes();
    }

    // ---- concurrent writers -------------------------------------------------

    // Eight clients read the realm and write it with the digest they read, all
    // at once: exactly one wins, the others get Proxmox's conflict, and the
    // winner's change is what the file says.
    void concurrentWritersWithDigest()
    {
        const Session root = m_root;
        EXPECT_STATUS(post(agent(), QStringLiteral("/access/domains"), root,
                           {{QStringLiteral("realm"), QStringLiteral("race")}, {QStringLiteral("type"), QStringLiteral("ldap")},
                            {QStringLiteral("server1"), QStringLiteral("ldap.example.com")},
                            {QStringLiteral("base_dn"), QStringLiteral("dc=example,dc=com")},
                            {QStringLiteral("user_attr"), QStringLiteral("uid")}}),
                      200);
        const QString digest = get(agent(), QStringLiteral("/access/domains/race"), root)
                                   .data.toObject().value(QLatin1String("digest")).toString();
        QCOMPARE(digest.size(), 40);

        constexpr int kWriters = 8;
        QThreadPool pool;
        pool.setMaxThreadCount(kWriters);
        std::latch start(kWriters);
        QList<QFuture<api::ApiResponse>> writers;
        for (int i = 0; i < kWriters; ++i) {
            writers.append(QtConcurrent::run(&pool, [&, i] {
                start.arrive_and_wait();
                return put(agent(), QStringLiteral("/access/domains/race"), root,
                           {{QStringLiteral("comment"), QStringLiteral("writer %1").arg(i)}, {QStringLiteral("digest"), digest}});
            }));
        }
        int winner = -1;
        for (int i = 0; i < kWriters; ++i) {
            writers[i].waitForFinished();
            const api::ApiResponse r = writers[i].result();
            if (r.status == 200) {
                QCOMPARE(winner, -1);
                winner = i;
                continue;
            }
            QVERIFY2(r.status == 500, describe(r).constData());
            QCOMPARE(r.message, QStringLiteral("update auth server failed: detected modified configuration - file changed "
                                               "by other user? Try again."));
        }
        QVERIFY(winner >= 0);
        QCOMPARE(get(agent(), QStringLiteral("/access/domains/race"), root).data.toObject().value(QLatin1String("comment")).toString(),
                 QStringLiteral("writer %1").arg(winner));
    }

    // Writers without a digest, on the same file at once: nothing is lost.
    void concurrentWritersLoseNothing()
    {
        const Session root = m_root;
        EXPECT_STATUS(post(agent(), QStringLiteral("/access/groups"), root, {{QStringLiteral("groupid"), QStringLiteral("crowd")}}), 200);
        constexpr int kWriters = 8;
        QThreadPool pool;
        pool.setMaxThreadCount(kWriters);
        std::latch start(kWriters);
        QList<QFuture<std::pair<int, int>>> writers;
        for (int i = 0; i < kWriters; ++i) {
            writers.append(QtConcurrent::run(&pool, [&, i] {
                start.arrive_and_wait();
                const QString userid = QStringLiteral("crowd%1@pve").arg(i);
                const int created = post(agent(), QStringLiteral("/access/users"), root, {{QStringLiteral("userid"), userid}}).status;
                const int joined = put(agent(), QStringLiteral("/access/users/") + userid, root,
                                       {{QStringLiteral("groups"), QStringLiteral("crowd")}, {QStringLiteral("append"), 1}}).status;
                return std::pair{created, joined};
            }));
        }
        for (auto &w : writers) {
            w.waitForFinished();
            QCOMPARE(w.result(), (std::pair{200, 200}));
        }
        const QJsonArray members = get(agent(), QStringLiteral("/access/groups/crowd"), root)
                                       .data.toObject().value(QLatin1String("members")).toArray();
        QCOMPARE(members.size(), kWriters);
        for (int i = 0; i < kWriters; ++i)
            QVERIFY(members.contains(QStringLiteral("crowd%1@pve").arg(i)));
    }
};

QTEST_GUILESS_MAIN(tst_BadInput)
#include "tst_BadInput.moc"
