// Route matching: every route of the API, matched the way the Dispatcher does.
#include "api/Route.h"
#include "api/Router.h"
#include "api/routes/Routes.h"

#include <QTest>

using namespace atalaia;
using namespace Qt::StringLiterals;

class TestRouter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { api::registerAllRoutes(m_router); }

    void matches_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("pathTemplate");
        QTest::addColumn<QString>("parameter");
        QTest::addColumn<QString>("value");
        QTest::newRow("plain parameter") << u"GET"_s << u"/access/users/ana@pve"_s << u"/access/users/{userid}"_s
                                         << u"userid"_s << u"ana@pve"_s;
        // A volume id holds a slash, encoded or not on the wire; decoded here.
        QTest::newRow("volume with a slash") << u"DELETE"_s << u"/nodes/n1/storage/local/content/local:iso/a b.iso"_s
                                             << u"/nodes/{node}/storage/{storage}/content/{volume}"_s << u"volume"_s
                                             << u"local:iso/a b.iso"_s;
        QTest::newRow("volume with two slashes") << u"DELETE"_s << u"/nodes/n1/storage/s/content/s:100/base-1/vm-1.raw"_s
                                                 << u"/nodes/{node}/storage/{storage}/content/{volume}"_s
                                                 << u"volume"_s << u"s:100/base-1/vm-1.raw"_s;
        QTest::newRow("volume without a slash") << u"DELETE"_s << u"/nodes/n1/storage/local/content/vm-100-disk-0"_s
                                                << u"/nodes/{node}/storage/{storage}/content/{volume}"_s
                                                << u"volume"_s << u"vm-100-disk-0"_s;
        QTest::newRow("the content list") << u"GET"_s << u"/nodes/n1/storage/local/content"_s
                                          << u"/nodes/{node}/storage/{storage}/content"_s << u"storage"_s << u"local"_s;
    }

    void matches()
    {
        QFETCH(QString, method);
        QFETCH(QString, path);
        QFETCH(QString, pathTemplate);
        QFETCH(QString, parameter);
        QFETCH(QString, value);
        const auto match = m_router.match(method, path);
        QVERIFY2(match, match ? "" : qPrintable(match.error().message));
        QCOMPARE(match->route->pathTemplate, pathTemplate);
        QCOMPARE(match->pathParams.value(parameter), value);
    }

    void otherParametersDoNotTakeTheRest()
    {
        const auto match = m_router.match(u"GET"_s, u"/access/users/ana@pve/extra/parts"_s);
        QVERIFY(!match);
        QCOMPARE(match.error().code, Code::ApiNotFound);
    }

private:
    api::Router m_router;
};

QTEST_GUILESS_MAIN(TestRouter)
#include "tst_Router.moc"
