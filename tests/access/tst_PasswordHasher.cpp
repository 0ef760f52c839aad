// crypt(3) password hashes for the 'pve' realm. The known-answer hashes were
// made by other programs: $5$/$6$ by "openssl passwd", $y$ by libcrypt
// called from Python.

#include "access/PasswordHasher.h"

#include <QTest>

using namespace atalaia;
using namespace atalaia::access;
using namespace Qt::StringLiterals;

class tst_PasswordHasher : public QObject {
    Q_OBJECT

private slots:
    void prefersYescrypt();
    void hashesVerify();
    void saltsDiffer();
    void knownAnswers_data();
    void knownAnswers();
    void refusesBadPasswords_data();
    void refusesBadPasswords();
};

void tst_PasswordHasher::prefersYescrypt()
{
    // Debian 13's libxcrypt has yescrypt; the SHA-512 fallback is for others.
    QCOMPARE(PasswordHasher::preferredPrefix(), "$y$"_ba);
}

void tst_PasswordHasher::hashesVerify()
{
    const auto hash = PasswordHasher::hash("correct horse");
    QVERIFY(hash);
    QVERIFY(hash->startsWith(PasswordHasher::preferredPrefix()));
    QVERIFY(!hash->contains(':')); // fits priv/shadow.cfg's NAME:HASH: lines
    QVERIFY(PasswordHasher::verify("correct horse", *hash));
    QVERIFY(!PasswordHasher::verify("correct horsE", *hash));
    QVERIFY(!PasswordHasher::verify("correct horse ", *hash));
    QVERIFY(!PasswordHasher::verify("", *hash));
    const QByteArray utf8 = u"pässwörd ✓"_s.toUtf8();
    const auto unicode = PasswordHasher::hash(utf8);
    QVERIFY(unicode);
    QVERIFY(PasswordHasher::verify(utf8, *unicode));
}

void tst_PasswordHasher::saltsDiffer()
{
    const auto a = PasswordHasher::hash("same");
    const auto b = PasswordHasher::hash("same");
    QVERIFY(a && b);
    QVERIFY(*a != *b);
}

void tst_PasswordHasher::knownAnswers_data()
{
    QTest::addColumn<QByteArray>("password");
    QTest::addColumn<QByteArray>("hash");
    QTest::addColumn<bool>("matches");

    const QByteArray sha256 = "$5$saltsalt$myjXcpMpE2Ofk7fj9hqyNYSn6lmWG4Mqnjx.KIRRr4/";
    const QByteArray sha512 = "$6$saltsalt$hRM5XZ86KXEw9UOmjigeVqFgULtFB2sgpC9lXQDfMib3Zgw7mEiUvBJI2EplzfAqxL5Vvwp2scFt"
                              "v/uamSo5z0";
    const QByteArray yescrypt = "$y$j9T$mALTkDmWPrkQWsyVYe7nY1$7AaKd5.QOMF3zyVNKZPFeSqdxHVVGhzGWyLNoBne5v2";
    QTest::newRow("sha256") << "correct horse"_ba << sha256 << true;
    QTest::newRow("sha256 wrong") << "correct horsf"_ba << sha256 << false;
    QTest::newRow("sha512") << "correct horse"_ba << sha512 << true;
    QTest::newRow("sha512 wrong") << "Correct horse"_ba << sha512 << false;
    QTest::newRow("yescrypt") << "correct horse"_ba << yescrypt << true;
    QTest::newRow("yescrypt wrong") << "correct hors"_ba << yescrypt << false;
    QTest::newRow("yescrypt utf-8") << u"pässwörd"_s.toUtf8()
                                    << "$y$j9T$mALTkDmWPrkQWsyVYe7nY1$g6tvKBNReaogT0f9AYADrEwpujN99sZN/sRvY7Pwtt9"_ba
                                    << true;
    QTest::newRow("tampered hash") << "correct horse"_ba
                                   << "$y$j9T$mALTkDmWPrkQWsyVYe7nY1$7AaKd5.QOMF3zyVNKZPFeSqdxHVVGhzGWyLNoBne5v3"_ba
                                   << false;
    // Weaker or unusable kinds are never accepted, even when they match.
    QTest::newRow("DES refused") << "password"_ba << "sa3tHJ3/KuYvI"_ba << false;
    QTest::newRow("MD5 refused") << "password"_ba << "$1$saltsalt$qjXMvbEw8oaL.CzflDtaK/"_ba << false;
    QTest::newRow("locked") << "password"_ba << "!"_ba << false;
    QTest::newRow("no password") << "password"_ba << "*"_ba << false;
    QTest::newRow("empty hash") << "password"_ba << QByteArray() << false;
    QTest::newRow("truncated") << "correct horse"_ba << "$y$j9T$"_ba << false;
}

void tst_PasswordHasher::knownAnswers()
{
    QFETCH(QByteArray, password);
    QFETCH(QByteArray, hash);
    QFETCH(bool, matches);
    QCOMPARE(PasswordHasher::verify(password, hash), matches);
}

void tst_PasswordHasher::refusesBadPasswords_data()
{
    QTest::addColumn<QByteArray>("password");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("NUL inside") << QByteArray("abc\0def", 7);
    QTest::newRow("too long") << QByteArray(PasswordHasher::kMaxPasswordBytes + 1, 'x');
}

void tst_PasswordHasher::refusesBadPasswords()
{
    QFETCH(QByteArray, password);
    const auto hash = PasswordHasher::hash(password);
    QVERIFY(!hash);
    QCOMPARE(hash.error().code, Code::InvalidArgument);
    // A NUL must not cut the password short: "abc" does not match "abc\0def".
    const auto abc = PasswordHasher::hash("abc");
    QVERIFY(abc);
    QVERIFY(!PasswordHasher::verify(password, *abc));
}

QTEST_GUILESS_MAIN(tst_PasswordHasher)
#include "tst_PasswordHasher.moc"
