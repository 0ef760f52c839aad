// upload::MultipartReader: a multipart/form-data body read in pieces of
// every size gives the same parts, fields and file bytes; malformed bodies
// are refused with a message.
#include "api/upload/MultipartReader.h"
#include "api/upload/RequestHead.h"

#include <QTest>

using namespace atalaia;
using namespace atalaia::api::upload;

namespace {

struct Collected {
    QStringList names;
    QStringList filenames;
    QList<QByteArray> bodies;
    int ended = 0;
};

MultipartReader::Handler collector(Collected &c)
{
    return {[&c](const MultipartReader::Part &p) -> Result<void> {
                c.names.append(p.name);
                c.filenames.append(p.filename.value_or(QStringLiteral("-")));
                c.bodies.append(QByteArray());
                return {};
            },
            [&c](QByteArrayView d) -> Result<void> {
                c.bodies.last().append(d);
                return {};
            },
            [&c]() -> Result<void> {
                ++c.ended;
                return {};
            }};
}

// A body as QHttpMultiPart and curl write it; the file holds bytes that
// look like a boundary's start, to tempt the scanner.
QByteArray sampleBody(const QByteArray &file)
{
    return "--XyZ\r\nContent-Disposition: form-data; name=\"content\"\r\n\r\niso\r\n"
           "--XyZ\r\nContent-Disposition: form-data; name=\"filename\"; filename=\"C:\\\\tmp\\\\tiny.iso\"\r\n"
           "Content-Type: application/octet-stream\r\n\r\n"
           + file + "\r\n--XyZ--\r\nepilogue";
}

} // namespace

class tst_MultipartReader : public QObject
{
    Q_OBJECT
private slots:
    void piecesOfEverySize()
    {
        const QByteArray file = QByteArray("abc\r\n--Xy\r\n--XyZ-not\r\r\n-") + QByteArray(3000, 'q') + "\r\n";
        const QByteArray body = sampleBody(file).replace("--XyZ-not", "--XyQ-not");
        for (int piece : {1, 2, 3, 7, 64, 1000, int(body.size())}) {
            Collected c;
            MultipartReader reader("XyZ", collector(c));
            for (qsizetype at = 0; at < body.size(); at += piece)
                QVERIFY(reader.feed(QByteArrayView(body).mid(at, piece)).has_value());
            QVERIFY2(reader.finished(), qPrintable(QString::number(piece)));
            QCOMPARE(c.names, (QStringList{QStringLiteral("content"), QStringLiteral("filename")}));
            QCOMPARE(c.filenames.at(1), QStringLiteral("tiny.iso")); // the client's directory dropped
            QCOMPARE(c.bodies.at(0), QByteArray("iso"));
            QCOMPARE(c.bodies.at(1), QByteArray(file).replace("--XyZ-not", "--XyQ-not"));
            QCOMPARE(c.ended, 2);
        }
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("no disposition") << QByteArray("--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--");
        QTest::newRow("garbage after boundary") << QByteArray("--XyZ!!\r\n\r\nx\r\n--XyZ--");
        QTest::newRow("endless headers") << QByteArray("--XyZ\r\n") + QByteArray(20000, 'h');
    }
    void malformed()
    {
        QFETCH(QByteArray, body);
        Collected c;
        MultipartReader reader("XyZ", collector(c));
        const Result<void> fed = reader.feed(body);
        QVERIFY(!fed.has_value());
        QVERIFY(!fed.error().message.isEmpty());
    }

    void truncatedIsNotFinished()
    {
        Collected c;
        MultipartReader reader("XyZ", collector(c));
        const QByteArray body = sampleBody("data");
        QVERIFY(reader.feed(QByteArrayView(body).first(body.size() - 20)).has_value());
        QVERIFY(!reader.finished());
    }

    void boundaryOf()
    {
        QCOMPARE(MultipartReader::boundaryOf("multipart/form-data; boundary=\"a b\""), std::optional<QByteArray>("a b"));
        QCOMPARE(MultipartReader::boundaryOf("Multipart/Form-Data;boundary=xyz"), std::optional<QByteArray>("xyz"));
        QVERIFY(!MultipartReader::boundaryOf("application/x-www-form-urlencoded"));
        QVERIFY(!MultipartReader::boundaryOf("multipart/form-data"));
    }

    void uploadRequestLines()
    {
        QVERIFY(RequestHead::isUpload("POST /api2/json/nodes/node1/storage/local/upload HTTP/1.1"));
        QVERIFY(RequestHead::isUpload("POST /api2/json/nodes/n/storage/s/upload?x=1 HTTP/1.0"));
        QVERIFY(!RequestHead::isUpload("GET /api2/json/nodes/node1/storage/local/upload HTTP/1.1"));
        QVERIFY(!RequestHead::isUpload("POST /api2/json/nodes/node1/storage/local/content HTTP/1.1"));
        QVERIFY(!RequestHead::isUpload("POST /api2/json/nodes/node1/storage/local/upload/x HTTP/1.1"));
        QVERIFY(!RequestHead::isUpload("POST /api2/json/access/ticket HTTP/1.1"));
    }
};

QTEST_GUILESS_MAIN(tst_MultipartReader)
#include "tst_MultipartReader.moc"
