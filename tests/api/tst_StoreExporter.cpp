// The agent's read-only copy of the store: written at start, following
// changes (a burst gives one export), removed files removed.
#include "agent/StoreExporter.h"
#include "store/MemoryStore.h"

#include "ResultChecks.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace atalaia;
using namespace Qt::StringLiterals;

class tst_StoreExporter : public QObject
{
    Q_OBJECT

private slots:
    void followsTheStore();
};

static QByteArray contents(const QString &file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void tst_StoreExporter::followsTheStore()
{
    QTemporaryDir dir;
    store::MemoryStore store;
    VERIFY_OK(store.write(u"user.cfg"_s, "user:root@pam:1:0:::::\n"));
    agent::StoreExporter exporter(store, dir.filePath(u"export"_s));
    QSignalSpy exported(&exporter, &agent::StoreExporter::exported);
    QTRY_COMPARE(exported.size(), 1);
    QCOMPARE(contents(dir.filePath(u"export/user.cfg"_s)), QByteArray("user:root@pam:1:0:::::\n"));

    for (int i = 0; i < 20; ++i)
        VERIFY_OK(store.write(u"nodes/node1/qemu-server/%1.conf"_s.arg(100 + i), "memory: 512\n"));
    VERIFY_OK(store.write(u"priv/shadow.cfg"_s, "secret\n"));
    VERIFY_OK(store.remove(u"user.cfg"_s));
    QTRY_COMPARE(exported.size(), 2); // one export for the burst
    QTest::qWait(2 * agent::StoreExporter::kDelayMs);
    QCOMPARE(exported.size(), 2);
    QCOMPARE(exported.last().first().toLongLong(), 21);
    QVERIFY(!QFile::exists(dir.filePath(u"export/user.cfg"_s)));
    QCOMPARE(contents(dir.filePath(u"export/nodes/node1/qemu-server/119.conf"_s)), QByteArray("memory: 512\n"));
    QCOMPARE(QFile::permissions(dir.filePath(u"export/priv/shadow.cfg"_s)) & (QFile::ReadOther | QFile::ReadGroup),
             QFile::Permissions());
}

QTEST_GUILESS_MAIN(tst_StoreExporter)
#include "tst_StoreExporter.moc"
