// Proxmox-format tickets and CSRF prevention tokens on a FakeClock.

#include "access/TicketAuthority.h"
#include "base/Clock.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace atalaia;
using namespace atalaia::access;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kStart = 1'764'150'000; // seconds

int modeOf(const QString &path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 0777);
}

// Changes the character at INDEX to another one of the same alphabet.
QString flipped(QString text, qsizetype index)
{
    text[index] = text[index] == u'A' ? u'B' : u'A';
    return text;
}

} // namespace

class tst_TicketAuthority : public QObject {
    Q_OBJECT

private slots:
    void init();
    void format();
    void roundTrip();
    void age_data();
    void age();
    void rejects_data();
    void rejects();
    void otherKeyRejected();
    void keysPersistWithTightPermissions();
    void refusesReadableKey();
    void createRejectsBadUserIds();
    void csrf_data();
    void csrf();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeClock> m_clock;
    std::unique_ptr<TicketAuthority> m_authority;
};

void tst_TicketAuthority::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_clock = std::make_unique<FakeClock>(kStart * 1000);
    m_authority = std::make_unique<TicketAuthority>(m_dir->filePath(u"keys"_s), *m_clock);
}

void tst_TicketAuthority::format()
{
    const auto ticket = m_authority->create(u"roma@pve"_s);
    QVERIFY(ticket);
    static const QRegularExpression shape(u"^PVE:roma@pve:([0-9A-F]{8})::([A-Za-z0-9+/]+={0,2})$"_s);
    const QRegularExpressionMatch m = shape.match(*ticket);
    QVERIFY2(m.hasMatch(), qPrintable(*ticket));
    QCOMPARE(m.captured(1), QString::number(kStart, 16).toUpper());
    QCOMPARE(QByteArray::fromBase64(m.captured(2).toLatin1()).size(), 256); // RSA 2048
}

void tst_TicketAuthority::roundTrip()
{
    // '%' is escaped: Proxmox would read "a%41@pve"'s ticket as "aA@pve"'s.
    for (const QString &userid : {u"jane@example.com@pve"_s, u"a%41@pve"_s, u"%25@pve"_s}) {
        const auto ticket = m_authority->create(userid);
        QVERIFY(ticket);
        const auto verified = m_authority->verify(*ticket);
        QVERIFY2(verified, qPrintable(verified ? QString() : verified.error().message));
        QCOMPARE(verified->userid, userid);
        QCOMPARE(verified->ageSeconds, qint64(0));
    }
}

void tst_TicketAuthority::age_data()
{
    QTest::addColumn<qint64>("elapsed"); // seconds between creation and check
    QTest::addColumn<int>("code");       // 0: valid

    QTest::newRow("fresh") << qint64(0) << 0;
    QTest::newRow("one hour") << qint64(3600) << 0;
    QTest::newRow("last second") << qint64(7199) << 0;
    QTest::newRow("two hours: expired") << qint64(7200) << int(Code::TicketExpired);
    QTest::newRow("a day: expired") << qint64(86400) << int(Code::TicketExpired);
    QTest::newRow("skew: made 299 s in our future") << qint64(-299) << 0;
    QTest::newRow("skew: 300 s in our future") << qint64(-300) << int(Code::TicketInvalid);
}

void tst_TicketAuthority::age()
{
    QFETCH(qint64, elapsed);
    QFETCH(int, code);
    const auto ticket = m_authority->create(u"roma@pve"_s);
    QVERIFY(ticket);
    m_clock->advanceMs(elapsed * 1000);
    const auto verified = m_authority->verify(*ticket);
    QCOMPARE(verified.has_value(), code == 0);
    if (code == 0)
        QCOMPARE(verified->ageSeconds, elapsed);
    else
        QCOMPARE(int(verified.error().code), code);
}

void tst_TicketAuthority::rejects_data()
{
    QTest::addColumn<QString>("mutation");

    QTest::newRow("empty") << u"empty"_s;
    QTest::newRow("prefix only") << u"prefix"_s;
    QTest::newRow("no signature") << u"unsigned"_s;
    QTest::newRow("forged signature") << u"forged"_s;
    QTest::newRow("signature not base64") << u"garbage"_s;
    QTest::newRow("tampered userid") << u"userid"_s;
    QTest::newRow("tampered time") << u"time"_s;
    QTest::newRow("other prefix") << u"prefix2"_s;
    QTest::newRow("whitespace") << u"space"_s;
    QTest::newRow("too long") << u"long"_s;
    QTest::newRow("signature of another ticket") << u"swapped"_s;
}

void tst_TicketAuthority::rejects()
{
    QFETCH(QString, mutation);
    const QString ticket = m_authority->create(u"roma@pve"_s).value();
    const qsizetype split = ticket.indexOf(u"::"_s);
    QString bad;
    if (mutation == u"empty"_s)
        bad = QString();
    else if (mutation == u"prefix"_s)
        bad = u"PVE:"_s;
    else if (mutation == u"unsigned"_s)
        bad = ticket.first(split);
    else if (mutation == u"forged"_s)
        bad = flipped(ticket, split + 10);
    else if (mutation == u"garbage"_s)
        bad = ticket.first(split + 2) + u"!!notbase64!!"_s;
    else if (mutation == u"userid"_s)
        bad = QString(ticket).replace(u"roma@pve"_s, u"root@pam"_s);
    else if (mutation == u"time"_s)
        bad = flipped(ticket, split - 1);
    else if (mutation == u"prefix2"_s)
        bad = u"PMG"_s + ticket.sliced(3);
    else if (mutation == u"space"_s)
        bad = ticket + u" "_s;
    else if (mutation == u"long"_s)
        bad = ticket + QString(5000, u'A');
    else if (mutation == u"swapped"_s)
        bad = ticket.first(split) + m_authority->create(u"admin@pve"_s).value().sliced(
                                        m_authority->create(u"admin@pve"_s).value().indexOf(u"::"_s));
    QVERIFY(bad != ticket);
    const auto verified = m_authority->verify(bad);
    QVERIFY(!verified);
    QCOMPARE(verified.error().code, Code::TicketInvalid);
    QCOMPARE(verified.error().message, u"permission denied - invalid PVE ticket"_s);
}

void tst_TicketAuthority::otherKeyRejected()
{
    QTemporaryDir otherDir;
    TicketAuthority other(otherDir.filePath(u"keys"_s), *m_clock);
    const auto foreign = other.create(u"root@pam"_s);
    QVERIFY(foreign);
    QVERIFY(other.verify(*foreign));
    const auto verified = m_authority->verify(*foreign);
    QVERIFY(!verified);
    QCOMPARE(verified.error().code, Code::TicketInvalid);
}

void tst_TicketAuthority::keysPersistWithTightPermissions()
{
    const auto ticket = m_authority->create(u"roma@pve"_s);
    QVERIFY(ticket);
    const QString dir = m_dir->filePath(u"keys"_s);
    QCOMPARE(modeOf(dir), 0700);
    for (const QString &name : {u"authkey.key"_s, u"authkey.pub"_s, u"csrf.key"_s})
        QCOMPARE(modeOf(dir + u'/' + name), 0600);
    QVERIFY(QFile(dir + u"/authkey.key"_s).open(QIODevice::ReadOnly));
    QCOMPARE(QDir(dir).entryList(QDir::Files).size(), 3); // no temporary files left

    // Another authority on the same directory (a restart) accepts them.
    TicketAuthority restarted(dir, *m_clock);
    QVERIFY(restarted.verify(*ticket));
    const auto csrf = m_authority->csrfToken(u"roma@pve"_s);
    QVERIFY(csrf);
    QVERIFY(restarted.verifyCsrfToken(u"roma@pve"_s, *csrf));
    QCOMPARE(restarted.publicKeyPem().value(), m_authority->publicKeyPem().value());
    QVERIFY(m_authority->publicKeyPem()->startsWith("-----BEGIN PUBLIC KEY-----"));
}

void tst_TicketAuthority::refusesReadableKey()
{
    QVERIFY(m_authority->ensureKeys());
    const QString key = m_dir->filePath(u"keys/authkey.key"_s);
    QVERIFY(::chmod(QFile::encodeName(key).constData(), 0644) == 0);
    TicketAuthority again(m_dir->filePath(u"keys"_s), *m_clock);
    const auto r = again.ensureKeys();
    QVERIFY(!r);
    QCOMPARE(r.error().code, Code::Crypto);
    QVERIFY(r.error().message.contains(u"chmod 600"_s));
}

void tst_TicketAuthority::createRejectsBadUserIds()
{
    for (const QString &bad : {QString(), u"roma"_s, u"ro:ma@pve"_s, u"roma@pve!token"_s, u"ro ma@pve"_s}) {
        const auto r = m_authority->create(bad);
        QVERIFY2(!r, qPrintable(bad));
        QCOMPARE(r.error().code, Code::InvalidArgument);
    }
}

void tst_TicketAuthority::csrf_data()
{
    QTest::addColumn<QString>("mutation");
    QTest::addColumn<qint64>("elapsed");
    QTest::addColumn<bool>("valid");

    QTest::newRow("valid") << QString() << qint64(0) << true;
    QTest::newRow("late but valid") << QString() << qint64(7199) << true;
    QTest::newRow("expired") << QString() << qint64(7200) << false;
    QTest::newRow("skew tolerated") << QString() << qint64(-299) << true;
    QTest::newRow("from the future") << QString() << qint64(-300) << false;
    QTest::newRow("other user") << u"user"_s << qint64(0) << false;
    QTest::newRow("tampered digest") << u"digest"_s << qint64(0) << false;
    QTest::newRow("tampered time") << u"time"_s << qint64(0) << false;
    QTest::newRow("empty") << u"empty"_s << qint64(0) << false;
    QTest::newRow("lower-case time") << u"lower"_s << qint64(0) << false;
}

void tst_TicketAuthority::csrf()
{
    QFETCH(QString, mutation);
    QFETCH(qint64, elapsed);
    QFETCH(bool, valid);
    const QString token = m_authority->csrfToken(u"roma@pve"_s).value();
    static const QRegularExpression shape(u"^[0-9A-F]{8}:[A-Za-z0-9+/]{43}$"_s);
    QVERIFY2(shape.match(token).hasMatch(), qPrintable(token));
    QString user = u"roma@pve"_s;
    QString sent = token;
    if (mutation == u"user"_s)
        user = u"root@pam"_s;
    else if (mutation == u"digest"_s)
        sent = flipped(token, 20);
    else if (mutation == u"time"_s)
        sent = flipped(token, 7);
    else if (mutation == u"empty"_s)
        sent = QString();
    else if (mutation == u"lower"_s)
        sent = token.first(8).toLower() + token.sliced(8);
    m_clock->advanceMs(elapsed * 1000);
    const auto r = m_authority->verifyCsrfToken(user, sent);
    QCOMPARE(r.has_value(), valid);
    if (!valid) {
        QCOMPARE(r.error().code, Code::TicketInvalid);
        QCOMPARE(r.error().message, u"Permission denied - invalid csrf token"_s);
    }
}

QTEST_GUILESS_MAIN(tst_TicketAuthority)
#include "tst_TicketAuthority.moc"
