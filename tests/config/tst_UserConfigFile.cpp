#include "config/ShadowFile.h"
#include "config/UserConfigFile.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTest>

#include <functional>

using atalaia::Code;
using atalaia::Result;
using atalaia::config::Diagnostics;
using atalaia::config::ShadowFile;
using atalaia::config::UserConfigFile;

using Edit = std::function<Result<void>(UserConfigFile &)>;
Q_DECLARE_METATYPE(Edit)

namespace {

const QString kCorpus = QStringLiteral(ATALAIA_TEST_DATA_DIR "/config/user");

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QStringList render(const Diagnostics &diagnostics)
{
    QStringList out;
    for (const auto &d : diagnostics)
        out.append(d.toString());
    return out;
}

// Corpus files named priv-shadow-* and priv-token-* hold priv/shadow.cfg and
// priv/token.cfg; all others hold user.cfg.
struct Parsed {
    QByteArray bytes;
    Diagnostics diagnostics;
};

Parsed parseCase(const QString &name, const QByteArray &input)
{
    if (name.startsWith(QLatin1String("priv-shadow-")) || name.startsWith(QLatin1String("priv-token-"))) {
        const auto format = name.startsWith(QLatin1String("priv-shadow-")) ? ShadowFile::Format::Shadow
                                                                            : ShadowFile::Format::Tokens;
        const ShadowFile file = ShadowFile::parse(input, name, format);
        return {file.toBytes(), file.diagnostics()};
    }
    const UserConfigFile file = UserConfigFile::parse(input, name);
    return {file.toBytes(), file.diagnostics()};
}

const QByteArray kBase =
    "user:root@pam:1:0:::root@example.com:::\n"
    "user:roma@pve:1:0:Roma:Novak:roma@example.com:Web%20admin::\n"
    "token:roma@pve!ci:0:1:CI%20pipeline:\n"
    "user:eva@pve:1:0:Eva::eva@example.com:::\n"
    "\n"
    "group:GroupUserManage:eva@pve,roma@pve:User%20managers:\n"
    "\n"
    "pool:web:Web%20servers:100,101:local:\n"
    "\n"
    "role:Auditor2:VM.Audit,Sys.Audit:\n"
    "\n"
    "acl:1:/access:@GroupUserManage:PVEUserAdmin:\n"
    "acl:1:/vms/100:roma@pve,eva@pve:PVEVMUser:\n"
    "acl:1:/:roma@pve!ci:PVEAuditor:\n";

// KBASE with some lines (0-based) replaced by others (none: removed).
QByteArray baseWith(const QMap<qsizetype, QList<QByteArray>> &changes)
{
    const QList<QByteArray> lines = kBase.split('\n');
    QList<QByteArray> out;
    for (qsizetype i = 0; i < lines.size(); ++i)
        out += changes.value(i, {lines[i]});
    return out.join('\n');
}

QByteArray baseWith(qsizetype index, const QList<QByteArray> &replacement)
{
    return baseWith({{index, replacement}});
}

QByteArray randomRecord(QRandomGenerator &rng)
{
    static const char *const kPieces[] = {
        "user", "group", "role", "acl", "pool", "token", "x", "", " ", "root@pam", "a@pve", "a@pve!t", "@g", "1", "0",
        "-3", "/vms/100", "/", "VM.Audit", "PVEAdmin", "%C3%A9", "%", "%zz", "\xc3\xa9", "\xff", ",", ";", "\t", "\r",
        "#", "::",
    };
    QByteArray line;
    const int pieces = int(rng.bounded(12));
    for (int i = 0; i < pieces; ++i) {
        if (rng.bounded(10) == 0) {
            line.append(char(rng.bounded(256)));
            continue;
        }
        line.append(kPieces[rng.bounded(int(std::size(kPieces)))]);
        if (rng.bounded(3) > 0)
            line.append(':');
    }
    return line;
}

} // namespace

class tst_UserConfigFile : public QObject
{
    Q_OBJECT

private slots:
    void corpus_data()
    {
        QTest::addColumn<QString>("name");
        const QStringList cases = QDir(kCorpus).entryList({QStringLiteral("*.in")}, QDir::Files, QDir::Name);
        QVERIFY2(!cases.isEmpty(), qPrintable(kCorpus));
        for (const QString &name : cases)
            QTest::newRow(qPrintable(name)) << name;
    }
    void corpus()
    {
        QFETCH(QString, name);
        const QByteArray input = readFile(kCorpus + u'/' + name);
        const Parsed parsed = parseCase(name, input);
        QCOMPARE(parsed.bytes, input);

        const QString errPath = kCorpus + u'/' + name.chopped(3) + QStringLiteral(".err");
        const QStringList actual = render(parsed.diagnostics);
        if (qEnvironmentVariable("ATALAIA_REGENERATE") == u"1") {
            if (actual.isEmpty()) {
                QFile::remove(errPath);
            } else {
                QFile out(errPath);
                QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
                out.write((actual.join(u'\n') + u'\n').toUtf8());
            }
        }
        // A case without .err must parse without any diagnostic.
        const QStringList expected = QString::fromUtf8(readFile(errPath)).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(actual, expected);
    }

    void typicalFileAccessors()
    {
        const UserConfigFile file = UserConfigFile::parse(readFile(kCorpus + QStringLiteral("/typical.in")),
                                                          QStringLiteral("typical.in"));
        QVERIFY(file.diagnostics().isEmpty());
        const UserConfigFile::User *roma = file.findUser("roma@pve");
        QVERIFY(roma);
        QCOMPARE(roma->id(), QStringLiteral("roma@pve"));
        QVERIFY(roma->enabled());
        QCOMPARE(roma->firstName.decoded(), QStringLiteral("Roma"));
        QCOMPARE(roma->comment.decoded(), QStringLiteral("Helpdesk lead"));
        QCOMPARE(roma->line, 2);
        const UserConfigFile::Token *token = file.findToken("roma@pve!automation");
        QVERIFY(token);
        QCOMPARE(token->userid(), QStringLiteral("roma@pve"));
        QCOMPARE(token->name(), QStringLiteral("automation"));
        QCOMPARE(token->expiresAt(), 1767225600);
        QVERIFY(token->privilegesSeparated());
        QCOMPARE(token->comment.decoded(), QStringLiteral("CI: nightly jobs"));
        const UserConfigFile::Group *group = file.findGroup("GroupUserManage");
        QVERIFY(group);
        QCOMPARE(group->members.list(), QStringList{QStringLiteral("roma@pve")});
        QCOMPARE(group->comment.decoded(), QStringLiteral("Can manage users"));
        const UserConfigFile::Pool *pool = file.findPool("production");
        QVERIFY(pool);
        QCOMPARE(pool->vmids.list(), (QStringList{QStringLiteral("100"), QStringLiteral("101"), QStringLiteral("102")}));
        QVERIFY(file.findRole("BackupOperator"));
        const auto &acls = file.acls();
        const auto it = std::find_if(acls.cbegin(), acls.cend(), [](const auto &a) { return a.path.text() == "/access"; });
        QVERIFY(it != acls.cend());
        QVERIFY(it->propagates());
        QCOMPARE(it->ugids.list(), QStringList{QStringLiteral("@GroupUserManage")});
        QCOMPARE(it->roles.list(), QStringList{QStringLiteral("PVEUserAdmin")});
    }

    void trickyShapesAccessors()
    {
        const UserConfigFile file = UserConfigFile::parse(readFile(kCorpus + QStringLiteral("/tricky-shapes.in")),
                                                          QStringLiteral("tricky-shapes.in"));
        QVERIFY(file.diagnostics().isEmpty());
        const UserConfigFile::User *legacy = file.findUser("legacy@pve");
        QVERIFY(legacy && legacy->enabled());
        QVERIFY(legacy->email.isEmpty());
        QCOMPARE(legacy->email.byte, 19); // a missing field sits at the line's end
        const UserConfigFile::User *spaced = file.findUser("spaced@pve");
        QVERIFY(spaced);
        QCOMPARE(spaced->firstName.string(), QStringLiteral("Spaced"));
        QCOMPARE(spaced->lastName.string(), QStringLiteral("Out"));
        QVERIFY(!file.findUser("empty@pve")->enabled());
        QCOMPARE(file.findUser("keys@pve")->keys.string(), QStringLiteral("x!yubico1,yubico2"));
        QCOMPARE(file.findGroup("nocomment")->members.list(),
                 (QStringList{QStringLiteral("legacy@pve"), QStringLiteral("short@pve"), QStringLiteral("spaced@pve")}));
        QCOMPARE(file.findRole("Spaced")->privileges.list(),
                 (QStringList{QStringLiteral("VM.Audit"), QStringLiteral("Sys.Audit")}));
        QCOMPARE(file.findPool("only-vms")->vmids.list(), (QStringList{QStringLiteral("300"), QStringLiteral("301")}));
        QVERIFY(!file.findToken("legacy@pve!t2")->privilegesSeparated());
        const auto &acls = file.acls();
        QVERIFY(std::any_of(acls.cbegin(), acls.cend(), [](const auto &a) {
            return a.path.text() == "/storage//local/" && !a.propagates();
        }));
    }

    void textCodec_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QByteArray>("encoded");
        QTest::newRow("plain") << QStringLiteral("Web admin") << QByteArray("Web admin");
        QTest::newRow("colon") << QStringLiteral("CI: nightly") << QByteArray("CI%3A nightly");
        QTest::newRow("utf8") << QStringLiteral("M\u00fcller") << QByteArray("M%C3%BCller");
        QTest::newRow("newline") << QStringLiteral("a\nb") << QByteArray("a%0Ab");
        QTest::newRow("lone percent") << QStringLiteral("100% done") << QByteArray("100% done");
        QTest::newRow("percent escape") << QStringLiteral("%41") << QByteArray("%2541");
        QTest::newRow("del") << QStringLiteral("a\u007fb") << QByteArray("a%7Fb");
    }
    void textCodec()
    {
        QFETCH(QString, text);
        QFETCH(QByteArray, encoded);
        QCOMPARE(UserConfigFile::encodeText(text), encoded);
        QCOMPARE(UserConfigFile::decodeText(encoded), text);
    }

    void ids_data()
    {
        QTest::addColumn<QByteArray>("id");
        QTest::addColumn<bool>("token");
        QTest::addColumn<QString>("problem"); // start of the message; empty: valid
        QTest::newRow("user") << QByteArray("roma@pve") << false << QString();
        QTest::newRow("utf8 user") << QByteArray("jos\xc3\xa9@pve") << false << QString();
        QTest::newRow("at in name") << QByteArray("a@b@pve") << false << QString();
        QTest::newRow("no realm") << QByteArray("roma") << false << QStringLiteral("user id 'roma' lacks a realm");
        QTest::newRow("slash") << QByteArray("ro/ma@pve") << false << QStringLiteral("user id 'ro/ma@pve' contains '/'");
        QTest::newRow("short realm") << QByteArray("roma@p") << false << QStringLiteral("user id 'roma@p' has an invalid realm");
        QTest::newRow("digit realm") << QByteArray("roma@1pve") << false << QStringLiteral("user id 'roma@1pve' has an invalid realm");
        QTest::newRow("too long") << QByteArray(61, 'a') + "@pve" << false << QStringLiteral("user id 'aaaa");
        QTest::newRow("64 utf8 characters") << QByteArray("\xc3\xa9").repeated(60) + "@pve" << false << QString();
        QTest::newRow("token") << QByteArray("roma@pve!ci") << true << QString();
        QTest::newRow("token without name") << QByteArray("roma@pve") << true << QStringLiteral("API token id 'roma@pve' lacks");
        QTest::newRow("token short name") << QByteArray("roma@pve!c") << true << QStringLiteral("API token id 'roma@pve!c' has an invalid token name");
        QTest::newRow("token bad user") << QByteArray("roma!ci") << true << QStringLiteral("in API token id 'roma!ci': user id 'roma' lacks a realm");
    }
    void ids()
    {
        QFETCH(QByteArray, id);
        QFETCH(bool, token);
        QFETCH(QString, problem);
        const QString actual = token ? UserConfigFile::tokenIdProblem(id) : UserConfigFile::userIdProblem(id);
        if (problem.isEmpty())
            QVERIFY2(actual.isEmpty(), qPrintable(actual));
        else
            QVERIFY2(actual.startsWith(problem), qPrintable(actual));
    }

    void privileges()
    {
        QVERIFY(UserConfigFile::isPrivilege("VM.GuestAgent.Audit"));
        QVERIFY(UserConfigFile::isPrivilege("Sys.AccessNetwork"));
        QVERIFY(!UserConfigFile::isPrivilege("vm.audit"));
        QVERIFY(UserConfigFile::isBuiltinRole("PVEMappingUser"));
        QCOMPARE(UserConfigFile::builtinRoles().size(), 17);
        QStringList sorted = UserConfigFile::privileges();
        std::sort(sorted.begin(), sorted.end());
        QCOMPARE(UserConfigFile::privileges(), sorted);
    }

    void edits_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<Edit>("edit");
        QTest::addColumn<QByteArray>("expected");

        QTest::newRow("set comment, encoded") << kBase << Edit([](UserConfigFile &f) {
            return f.setUserField(QStringLiteral("roma@pve"), UserConfigFile::UserField::Comment,
                                  QStringLiteral("H\u00e9llo: world"));
        }) << baseWith(1, {"user:roma@pve:1:0:Roma:Novak:roma@example.com:H%C3%A9llo%3A world::"});
        QTest::newRow("disable user") << kBase << Edit([](UserConfigFile &f) {
            return f.setUserField(QStringLiteral("eva@pve"), UserConfigFile::UserField::Enable, QStringLiteral("0"));
        }) << baseWith(3, {"user:eva@pve:0:0:Eva::eva@example.com:::"});
        QTest::newRow("set field of a short line") << QByteArray("user:old@pve:1:\n") << Edit([](UserConfigFile &f) {
            return f.setUserField(QStringLiteral("old@pve"), UserConfigFile::UserField::Email, QStringLiteral("o@example.com"));
        }) << QByteArray("user:old@pve:1::::o@example.com:\n");
        QTest::newRow("set field, no closing colon") << QByteArray("user:old@pve:1:0") << Edit([](UserConfigFile &f) {
            return f.setUserField(QStringLiteral("old@pve"), UserConfigFile::UserField::FirstName, QStringLiteral("Old"));
        }) << QByteArray("user:old@pve:1:0:Old:");
        QTest::newRow("set field keeps spacing") << QByteArray("user: old@pve : 1 : 0 : x :\n") << Edit([](UserConfigFile &f) {
            return f.setUserField(QStringLiteral("old@pve"), UserConfigFile::UserField::FirstName, QStringLiteral("Y"));
        }) << QByteArray("user: old@pve : 1 : 0 : Y :\n");

        QTest::newRow("add user") << kBase << Edit([](UserConfigFile &f) {
            return f.addUser({QStringLiteral("new@pve"), true, 0, QStringLiteral("N\u00f6"), {}, QStringLiteral("n@example.com"),
                              QStringLiteral("a:b"), {}});
        }) << baseWith(4, {"user:new@pve:1:0:N%C3%B6::n@example.com:a%3Ab::", ""});
        QTest::newRow("add user before groups") << QByteArray("# users\ngroup:g::\n") << Edit([](UserConfigFile &f) {
            return f.addUser({QStringLiteral("a@pve"), false, 5, {}, {}, {}, {}, {}});
        }) << QByteArray("# users\nuser:a@pve:0:5::::::\ngroup:g::\n");
        QTest::newRow("add user to an unterminated file") << QByteArray("# only a comment") << Edit([](UserConfigFile &f) {
            return f.addUser({QStringLiteral("a@pve"), true, 0, {}, {}, {}, {}, {}});
        }) << QByteArray("# only a comment\nuser:a@pve:1:0::::::\n");
        QTest::newRow("remove user, like Proxmox") << kBase << Edit([](UserConfigFile &f) {
            return f.removeUser(QStringLiteral("roma@pve"));
        }) << baseWith({{1, {}}, {2, {}}, {5, {"group:GroupUserManage:eva@pve:User%20managers:"}},
                         {12, {"acl:1:/vms/100:eva@pve:PVEVMUser:"}}, {13, {}}});

        QTest::newRow("add group") << kBase << Edit([](UserConfigFile &f) {
            return f.addGroup(QStringLiteral("ops"), {QStringLiteral("eva@pve"), QStringLiteral("root@pam")},
                              QStringLiteral("Operations team"));
        }) << baseWith(6, {"group:ops:eva@pve,root@pam:Operations team:", ""});
        QTest::newRow("set group members") << kBase << Edit([](UserConfigFile &f) {
            return f.setGroupMembers(QStringLiteral("GroupUserManage"), {QStringLiteral("roma@pve")});
        }) << baseWith(5, {"group:GroupUserManage:roma@pve:User%20managers:"});
        QTest::newRow("remove group and its acl") << kBase << Edit([](UserConfigFile &f) {
            return f.removeGroup(QStringLiteral("GroupUserManage"));
        }) << baseWith({{5, {}}, {11, {}}});

        QTest::newRow("add role") << kBase << Edit([](UserConfigFile &f) {
            return f.addRole(QStringLiteral("Backup"), {QStringLiteral("VM.Backup"), QStringLiteral("Datastore.AllocateSpace")});
        }) << baseWith(10, {"role:Backup:VM.Backup,Datastore.AllocateSpace:", ""});
        QTest::newRow("add acl") << kBase << Edit([](UserConfigFile &f) {
            return f.addAcl(QStringLiteral("/pool/web"), {QStringLiteral("@GroupUserManage"), QStringLiteral("roma@pve!ci")},
                            {QStringLiteral("Auditor2")}, false);
        }) << kBase + "acl:0:/pool/web:@GroupUserManage,roma@pve!ci:Auditor2:\n";
        QTest::newRow("remove acl member") << kBase << Edit([](UserConfigFile &f) {
            return f.removeAcl(QStringLiteral("/vms/100"), QStringLiteral("eva@pve"));
        }) << baseWith(12, {"acl:1:/vms/100:roma@pve:PVEVMUser:"});
        QTest::newRow("remove acl, last member") << kBase << Edit([](UserConfigFile &f) {
            return f.removeAcl(QStringLiteral("/"), QStringLiteral("roma@pve!ci"), {QStringLiteral("PVEAuditor")});
        }) << baseWith(13, {});
        QTest::newRow("remove acl splits an entry")
            << QByteArray("user:a@pve:1:0:\nuser:b@pve:1:0:\nacl:1:/vms/101:a@pve,b@pve:PVEVMUser,PVEAuditor:\n# end\n")
            << Edit([](UserConfigFile &f) {
                   return f.removeAcl(QStringLiteral("/vms/101/"), QStringLiteral("b@pve"), {QStringLiteral("PVEAuditor")});
               })
            << QByteArray("user:a@pve:1:0:\nuser:b@pve:1:0:\n"
                          "acl:1:/vms/101:a@pve:PVEVMUser,PVEAuditor:\n"
                          "acl:1:/vms/101:b@pve:PVEVMUser:\n# end\n");

        QTest::newRow("add token after its user's tokens") << kBase << Edit([](UserConfigFile &f) {
            return f.addToken(QStringLiteral("roma@pve!deploy"), 0, false, QStringLiteral("Deploy"));
        }) << baseWith(3, {"token:roma@pve!deploy:0:0:Deploy:", "user:eva@pve:1:0:Eva::eva@example.com:::"});
        QTest::newRow("remove token and its acl") << kBase << Edit([](UserConfigFile &f) {
            return f.removeToken(QStringLiteral("roma@pve!ci"));
        }) << baseWith({{2, {}}, {13, {}}});
    }
    void edits()
    {
        QFETCH(QByteArray, input);
        QFETCH(Edit, edit);
        QFETCH(QByteArray, expected);
        UserConfigFile file = UserConfigFile::parse(input, QStringLiteral("user.cfg"));
        QVERIFY2(file.diagnostics().isEmpty(), qPrintable(render(file.diagnostics()).join(u'\n')));
        const Result<void> result = edit(file);
        QVERIFY2(result.has_value(), qPrintable(result.has_value() ? QString() : result.error().message));
        QCOMPARE(file.toBytes(), expected);
        QVERIFY2(file.diagnostics().isEmpty(), qPrintable(render(file.diagnostics()).join(u'\n')));
    }

    void refusedEdits_data()
    {
        QTest::addColumn<Edit>("edit");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("existing user") << Edit([](UserConfigFile &f) {
            return f.addUser({QStringLiteral("eva@pve"), true, 0, {}, {}, {}, {}, {}});
        }) << int(Code::AlreadyExists) << QStringLiteral("user 'eva@pve' already exists (line 4)");
        QTest::newRow("bad user id") << Edit([](UserConfigFile &f) {
            return f.addUser({QStringLiteral("eva"), true, 0, {}, {}, {}, {}, {}});
        }) << int(Code::InvalidArgument) << QStringLiteral("user id 'eva' lacks a realm");
        QTest::newRow("colon in email") << Edit([](UserConfigFile &f) {
            return f.setUserField(QStringLiteral("eva@pve"), UserConfigFile::UserField::Email, QStringLiteral("a:b"));
        }) << int(Code::InvalidArgument) << QStringLiteral("the email must not contain ':'");
        QTest::newRow("unknown member") << Edit([](UserConfigFile &f) {
            return f.setGroupMembers(QStringLiteral("GroupUserManage"), {QStringLiteral("ghost@pve")});
        }) << int(Code::NotFound) << QStringLiteral("unknown user 'ghost@pve'");
        QTest::newRow("acl for unknown group") << Edit([](UserConfigFile &f) {
            return f.addAcl(QStringLiteral("/"), {QStringLiteral("@nobody")}, {QStringLiteral("PVEAuditor")});
        }) << int(Code::NotFound) << QStringLiteral("unknown group 'nobody'");
        QTest::newRow("acl with unknown role") << Edit([](UserConfigFile &f) {
            return f.addAcl(QStringLiteral("/"), {QStringLiteral("eva@pve")}, {QStringLiteral("pveauditor")});
        }) << int(Code::NotFound) << QStringLiteral("unknown role 'pveauditor': did you mean 'PVEAuditor'?");
        QTest::newRow("acl path") << Edit([](UserConfigFile &f) {
            return f.addAcl(QStringLiteral("vms"), {QStringLiteral("eva@pve")}, {QStringLiteral("PVEAuditor")});
        }) << int(Code::InvalidArgument) << QStringLiteral("ACL path 'vms' must start with '/'");
        QTest::newRow("bad privilege") << Edit([](UserConfigFile &f) {
            return f.addRole(QStringLiteral("R"), {QStringLiteral("VM.Audt")});
        }) << int(Code::InvalidArgument) << QStringLiteral("unknown privilege 'VM.Audt': did you mean 'VM.Audit'?");
        QTest::newRow("built-in role") << Edit([](UserConfigFile &f) {
            return f.addRole(QStringLiteral("PVEAdmin"), {});
        }) << int(Code::AlreadyExists) << QStringLiteral("'PVEAdmin' is a built-in role");
        QTest::newRow("token of unknown user") << Edit([](UserConfigFile &f) {
            return f.addToken(QStringLiteral("ghost@pve!t1"));
        }) << int(Code::NotFound) << QStringLiteral("no user 'ghost@pve'");
        QTest::newRow("no such acl") << Edit([](UserConfigFile &f) {
            return f.removeAcl(QStringLiteral("/vms/100"), QStringLiteral("root@pam"));
        }) << int(Code::NotFound) << QStringLiteral("no ACL entry grants 'root@pam'");
        QTest::newRow("no such user") << Edit([](UserConfigFile &f) {
            return f.removeUser(QStringLiteral("ghost@pve"));
        }) << int(Code::NotFound) << QStringLiteral("no user 'ghost@pve'");
    }
    void refusedEdits()
    {
        QFETCH(Edit, edit);
        QFETCH(int, code);
        QFETCH(QString, message);
        UserConfigFile file = UserConfigFile::parse(kBase, QStringLiteral("user.cfg"));
        const Result<void> result = edit(file);
        QVERIFY(!result.has_value());
        QCOMPARE(int(result.error().code), code);
        QVERIFY2(result.error().message.startsWith(message), qPrintable(result.error().message));
        QCOMPARE(file.toBytes(), kBase);
    }

    void shadowEdits()
    {
        ShadowFile shadow = ShadowFile::parse("# pve realm\nroma@pve:$5$abc$def:\n", QStringLiteral("shadow.cfg"),
                                              ShadowFile::Format::Shadow);
        QVERIFY(shadow.diagnostics().isEmpty());
        QCOMPARE(shadow.find("roma@pve")->secret, QByteArrayView("$5$abc$def"));
        QVERIFY(shadow.setSecret(QStringLiteral("roma@pve"), "$5$new$hash").has_value());
        QVERIFY(shadow.setSecret(QStringLiteral("eva@pve"), "$5$x$y").has_value());
        QCOMPARE(shadow.toBytes(), QByteArray("# pve realm\nroma@pve:$5$new$hash:\neva@pve:$5$x$y:\n"));
        const auto refused = shadow.setSecret(QStringLiteral("eva@pve"), "a b");
        QVERIFY(!refused.has_value());
        QVERIFY(!refused.error().message.contains(QLatin1String("a b")));
        QVERIFY(shadow.remove(QStringLiteral("roma@pve")).has_value());
        QCOMPARE(shadow.toBytes(), QByteArray("# pve realm\neva@pve:$5$x$y:\n"));

        ShadowFile tokens = ShadowFile::parse("roma@pve!ci 0d6a4ab0-aaaa-bbbb-cccc-0123456789ab\n",
                                              QStringLiteral("token.cfg"), ShadowFile::Format::Tokens);
        QVERIFY(tokens.diagnostics().isEmpty());
        QVERIFY(!tokens.setSecret(QStringLiteral("roma@pve"), "x").has_value()); // not a token id
        QVERIFY(tokens.setSecret(QStringLiteral("eva@pve!t1"), "secret").has_value());
        QVERIFY(tokens.remove(QStringLiteral("roma@pve!ci")).has_value());
        QCOMPARE(tokens.toBytes(), QByteArray("eva@pve!t1 secret\n"));
    }

    // Random files (valid records, garbage, CR, NUL, invalid UTF-8) survive
    // parse -> toBytes unchanged, and a field edit changes only its line.
    void randomRoundTrip()
    {
        QRandomGenerator rng(20240601);
        for (int round = 0; round < 400; ++round) {
            QList<QByteArray> lines;
            const int count = int(rng.bounded(30));
            for (int i = 0; i < count; ++i) {
                switch (rng.bounded(5)) {
                case 0:
                    lines.append("user:u" + QByteArray::number(i) + "@pve:1:0:F:L:e@x:c::");
                    break;
                case 1:
                    lines.append(QByteArray());
                    break;
                default:
                    lines.append(randomRecord(rng));
                }
            }
            QByteArray input = lines.join(rng.bounded(4) == 0 ? "\r\n" : "\n");
            if (rng.bounded(2) == 0 && !input.isEmpty())
                input.append('\n');
            UserConfigFile file = UserConfigFile::parse(input, QStringLiteral("random"));
            QCOMPARE(file.toBytes(), input);
            QCOMPARE(ShadowFile::parse(input, QStringLiteral("random"), ShadowFile::Format::Shadow).toBytes(), input);
            QCOMPARE(ShadowFile::parse(input, QStringLiteral("random"), ShadowFile::Format::Tokens).toBytes(), input);
            for (const auto &d : file.diagnostics())
                QVERIFY(d.line >= 1 && d.column >= 1);
            if (file.users().isEmpty())
                continue;
            const QString userid = file.users().at(rng.bounded(int(file.users().size()))).id();
            const qsizetype edited = file.findUser(userid.toUtf8())->line; // the first of duplicates
            QVERIFY(file.setUserField(userid, UserConfigFile::UserField::Comment, QStringLiteral("new: \u00e9")).has_value());
            const QList<QByteArray> before = input.split('\n');
            const QList<QByteArray> after = file.toBytes().split('\n');
            QCOMPARE(after.size(), before.size());
            for (qsizetype i = 0; i < before.size(); ++i)
                if (i != edited)
                    QCOMPARE(after[i], before[i]);
            QVERIFY(after[edited].contains("new%3A %C3%A9"));
            // Removals on odd files must not break anything either.
            QVERIFY(file.removeUser(userid).has_value());
            if (!file.groups().isEmpty())
                QVERIFY(file.removeGroup(file.groups().first().id()).has_value());
            if (const auto acls = file.acls(); !acls.isEmpty() && !acls.first().ugids.list().isEmpty())
                (void)file.removeAcl(acls.first().path.string(), acls.first().ugids.list().first());
            QCOMPARE(UserConfigFile::parse(file.toBytes(), QStringLiteral("again")).toBytes(), file.toBytes());
        }
    }

    // Pathological input stays linear: a line of a million ':', a huge line of
    // garbage, and one group line with 200k unknown members (only the first
    // problems of a line are reported).
    void hugeLines()
    {
        QByteArray input = "user:" + QByteArray(1 << 20, ':') + '\n' + QByteArray(1 << 20, 'a') + "\ngroup:g:";
        for (int i = 0; i < 200000; ++i)
            input += "u" + QByteArray::number(i) + "@pve,";
        input += ":\nrole:r:" + QByteArray("VM.Bad,").repeated(100000) + '\n';
        const UserConfigFile file = UserConfigFile::parse(input, QStringLiteral("huge"));
        QCOMPARE(file.toBytes(), input);
        QVERIFY(file.diagnostics().size() < 100);
        const QString last = file.diagnostics().last().toString();
        QVERIFY2(last.startsWith(QLatin1String("huge:4:")) && last.contains(QLatin1String("not shown")), qPrintable(last));
    }

    // The shape of the 10k-users benchmark: all references resolve.
    void manyUsers()
    {
        QByteArray input;
        for (int i = 0; i < 10000; ++i)
            input += "user:user" + QByteArray::number(i) + "@pve:1:0:First:Last:u@example.com:::\n";
        input += "group:all:";
        for (int i = 0; i < 10000; ++i)
            input += (i ? "," : "") + QByteArray("user") + QByteArray::number(i) + "@pve";
        input += "::\n";
        for (int i = 0; i < 10000; ++i)
            input += "acl:1:/vms/" + QByteArray::number(100 + i) + ":user" + QByteArray::number(i) + "@pve,@all:PVEVMUser:\n";
        const UserConfigFile file = UserConfigFile::parse(input, QStringLiteral("big"));
        QVERIFY2(file.diagnostics().isEmpty(), qPrintable(file.diagnostics().value(0).toString()));
        QCOMPARE(file.users().size(), 10000);
        QCOMPARE(file.acls().size(), 10000);
        QCOMPARE(file.toBytes(), input);
    }
};

QTEST_GUILESS_MAIN(tst_UserConfigFile)
#include "tst_UserConfigFile.moc"
