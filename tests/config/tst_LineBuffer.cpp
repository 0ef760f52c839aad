#include "config/LineBuffer.h"

#include <QTest>

using atalaia::config::Diagnostics;
using atalaia::config::LineBuffer;

class tst_LineBuffer : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("one line") << QByteArray("a\n");
        QTest::newRow("no final newline") << QByteArray("a\nb");
        QTest::newRow("blank lines") << QByteArray("\n\n\n");
        QTest::newRow("crlf") << QByteArray("a\r\nb\r\n");
        QTest::newRow("mixed") << QByteArray("a\r\nb\nc");
        QTest::newRow("lone cr") << QByteArray("a\rb\n");
        QTest::newRow("utf8") << QByteArray("nó: ção\n");
    }
    void roundTrip()
    {
        QFETCH(QByteArray, bytes);
        QCOMPARE(LineBuffer(bytes).toBytes(), bytes);
    }

    void editsTouchOnlyTheirLines()
    {
        LineBuffer buffer(QByteArray("a\r\nb\nc"));
        buffer.setLine(1, "B");
        QCOMPARE(buffer.toBytes(), QByteArray("a\r\nB\nc"));
        buffer.insertLine(3, "d"); // appending after an unterminated last line terminates it
        QCOMPARE(buffer.toBytes(), QByteArray("a\r\nB\nc\nd\n"));
        buffer.removeLine(0);
        QCOMPARE(buffer.toBytes(), QByteArray("B\nc\nd\n"));
        buffer.insertLine(0, "z");
        QCOMPARE(buffer.toBytes(), QByteArray("z\nB\nc\nd\n"));
    }

    void encodingProblems_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("clean") << QByteArray("key: válue\n") << QString();
        QTest::newRow("nul") << QByteArray("ab\ncd\0e\n", 8) << QStringLiteral("f:2:3: error: binary data");
        QTest::newRow("bad utf8") << QByteArray("ok\nxé\xff\n") << QStringLiteral("f:2:3: error: invalid UTF-8");
        QTest::newRow("overlong") << QByteArray("\xc0\xaf") << QStringLiteral("f:1:1: error: invalid UTF-8");
        QTest::newRow("surrogate") << QByteArray("a\xed\xa0\x80") << QStringLiteral("f:1:2: error: invalid UTF-8");
        QTest::newRow("truncated") << QByteArray("ab\xe2\x82") << QStringLiteral("f:1:3: error: invalid UTF-8");
        QTest::newRow("crlf") << QByteArray("a: 1\r\nb: 2\r\n") << QStringLiteral("f:1:5: error: Windows line ending");
    }
    void encodingProblems()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        Diagnostics out;
        LineBuffer(bytes).checkEncoding(QStringLiteral("f"), out);
        if (expected.isEmpty()) {
            QVERIFY2(out.isEmpty(), qPrintable(out.value(0).toString()));
            return;
        }
        QCOMPARE(out.size(), 1);
        QVERIFY2(out.first().toString().startsWith(expected), qPrintable(out.first().toString()));
    }

    void tooLarge()
    {
        Diagnostics out;
        QVERIFY(!LineBuffer(QByteArray(LineBuffer::kMaxFileSize + 1, 'a')).checkEncoding(QStringLiteral("big"), out));
        QCOMPARE(out.size(), 1);
        QVERIFY(out.first().message.contains(QLatin1String("over the limit")));
    }

    void columnsCountCharacters()
    {
        const LineBuffer buffer(QByteArray("ção=x"));
        QCOMPARE(buffer.columnOf(0, 0), 1);
        QCOMPARE(buffer.columnOf(0, 5), 4); // "ção" is 5 bytes, 3 characters
    }
};

QTEST_GUILESS_MAIN(tst_LineBuffer)
#include "tst_LineBuffer.moc"
