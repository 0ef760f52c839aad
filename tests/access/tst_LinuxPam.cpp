// The real PAM backend against libpam and a throwaway Linux account
// (atalaia-test-<pid>), created by LinuxPam::createAccount itself, given a
// password with chpasswd and removed with userdel at the end. Needs root;
// skips, saying why, when the account cannot be set up. PAM reads the
// service from /etc/pam.d/atalaia when installed, otherwise from
// resources/pam/atalaia in the source tree.

#include "access/pam/LinuxPam.h"

#include <QFile>
#include <QProcess>
#include <QTest>

#include <unistd.h>

using namespace atalaia;
using namespace atalaia::access;
using namespace Qt::StringLiterals;

namespace {

// Runs PROGRAM with ARGS (no shell), feeding INPUT; empty on success,
// otherwise what went wrong.
QString run(const QString &program, const QStringList &args, const QByteArray &input = {})
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForStarted(10'000))
        return u"cannot run %1: %2"_s.arg(program, p.errorString());
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(60'000))
        return u"%1 did not finish"_s.arg(program);
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return u"%1 failed (%2): %3"_s.arg(program, QString::number(p.exitCode()),
                                            QString::fromLocal8Bit(p.readAll()).trimmed());
    return {};
}

QString configDir()
{
    return QFile::exists(u"/etc/pam.d/atalaia"_s) ? QString() : QStringLiteral(ATALAIA_SOURCE_DIR "/resources/pam");
}

} // namespace

class tst_LinuxPam : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void accountExists();
    void authenticate_data();
    void authenticate();
    void createAccountRefuses_data();
    void createAccountRefuses();
    void expiredAccount();

private:
    QString m_user;
    bool m_created = false;
    std::unique_ptr<pam::LinuxPam> m_pam;
};

void tst_LinuxPam::initTestCase()
{
    m_user = u"atalaia-test-%1"_s.arg(::getpid());
    m_pam = std::make_unique<pam::LinuxPam>(configDir());
    qInfo("PAM service: %s", configDir().isEmpty() ? "/etc/pam.d/atalaia"
                                                   : qPrintable(configDir() + u"/atalaia"_s));
    if (::geteuid() != 0)
        QSKIP("real-PAM test skipped: it must run as root to create a throwaway Linux account (run it in the "
              "build root, where tests run as root)");
    QVERIFY(!m_pam->accountExists(m_user));
    const auto created = m_pam->createAccount(m_user);
    if (!created)
        QSKIP(qPrintable(u"real-PAM test skipped: cannot create Linux account %1: %2"_s.arg(m_user,
                                                                                        created.error().message)));
    m_created = true;
    if (const QString problem = run(u"chpasswd"_s, {}, (m_user + u":Corr3ct-h0rse\n"_s).toUtf8()); !problem.isEmpty())
        QSKIP(qPrintable(u"real-PAM test skipped: cannot set the password of %1: %2"_s.arg(m_user, problem)));
}

void tst_LinuxPam::cleanupTestCase()
{
    if (m_created) {
        const QString problem = run(u"userdel"_s, {m_user});
        if (!problem.isEmpty())
            qWarning("could not remove Linux account %s: %s", qPrintable(m_user), qPrintable(problem));
        QVERIFY(!m_pam->accountExists(m_user));
    }
}

void tst_LinuxPam::accountExists()
{
    QVERIFY(m_pam->accountExists(m_user));
    QVERIFY(m_pam->accountExists(u"root"_s));
    QVERIFY(!m_pam->accountExists(u"atalaia-no-such-user"_s));
    QVERIFY(!m_pam->accountExists(u"../root"_s));
    QVERIFY(!m_pam->accountExists(QString()));
}

void tst_LinuxPam::authenticate_data()
{
    QTest::addColumn<QString>("user"); // "@" stands for the test account
    QTest::addColumn<QByteArray>("password");
    QTest::addColumn<int>("code"); // 0: authenticated
    QTest::addColumn<QString>("message");

    QTest::newRow("right password") << u"@"_s << "Corr3ct-h0rse"_ba << 0 << QString();
    QTest::newRow("wrong password") << u"@"_s << "corr3ct-h0rse"_ba << int(Code::AuthenticationFailed)
                                    << u"wrong password"_s;
    QTest::newRow("empty password") << u"@"_s << QByteArray() << int(Code::AuthenticationFailed) << u"wrong password"_s;
    QTest::newRow("prefix of the password") << u"@"_s << QByteArray("Corr3ct-h0rse\0x", 15)
                                            << int(Code::AuthenticationFailed) << u"wrong password"_s;
    QTest::newRow("unknown account") << u"atalaia-no-such-user"_s << "x"_ba << int(Code::NoSuchUser)
                                     << u"there is no Linux account 'atalaia-no-such-user' on this node"_s;
}

void tst_LinuxPam::authenticate()
{
    QFETCH(QString, user);
    QFETCH(QByteArray, password);
    QFETCH(int, code);
    QFETCH(QString, message);
    if (user == u"@"_s)
        user = m_user;
    const auto r = m_pam->authenticate(user, password);
    if (code == 0) {
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        return;
    }
    QVERIFY(!r);
    QCOMPARE(int(r.error().code), code);
    QVERIFY2(r.error().message.contains(message), qPrintable(r.error().message));
}

void tst_LinuxPam::createAccountRefuses_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<int>("code");

    QTest::newRow("exists") << u"@"_s << int(Code::AlreadyExists);
    QTest::newRow("option-like") << u"--help"_s << int(Code::InvalidArgument);
    QTest::newRow("path") << u"../x"_s << int(Code::InvalidArgument);
    QTest::newRow("space") << u"a b"_s << int(Code::InvalidArgument);
    QTest::newRow("too long") << QString(33, u'a') << int(Code::InvalidArgument);
}

void tst_LinuxPam::createAccountRefuses()
{
    QFETCH(QString, user);
    QFETCH(int, code);
    if (user == u"@"_s)
        user = m_user;
    const auto r = m_pam->createAccount(user);
    QVERIFY(!r);
    QCOMPARE(int(r.error().code), code);
}

// pam_acct_mgmt runs after the password check: an expired account is refused
// with its password right.
void tst_LinuxPam::expiredAccount()
{
    if (const QString problem = run(u"usermod"_s, {u"--expiredate"_s, u"1"_s, m_user}); !problem.isEmpty())
        QSKIP(qPrintable(u"cannot expire the test account: "_s + problem));
    const auto r = m_pam->authenticate(m_user, "Corr3ct-h0rse");
    QVERIFY(!r);
    QCOMPARE(r.error().code, Code::AuthenticationFailed);
    QVERIFY2(r.error().message.contains(u"expired"_s), qPrintable(r.error().message));
    QCOMPARE(run(u"usermod"_s, {u"--expiredate"_s, QString(), m_user}), QString());
    QVERIFY(m_pam->authenticate(m_user, "Corr3ct-h0rse"));
}

QTEST_GUILESS_MAIN(tst_LinuxPam)
#include "tst_LinuxPam.moc"
