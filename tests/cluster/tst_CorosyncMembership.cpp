// CorosyncMembership without a corosync to talk to (the lab test,
// tests/lab/lab-membership, covers the real one): standalone while there is
// no corosync.conf, the file's nodes offline once it appears, standalone
// again when it goes; changed() on the owner's thread each time, and a
// destructor that does not wait for the next poll.
#include "cluster/corosync/CorosyncMembership.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace atalaia;
using cluster::corosync::CorosyncMembership;
using cluster::corosync::CorosyncSnapshot;

namespace {

const QByteArray kConf = R"(totem {
  cluster_name: testcluster
  config_version: 7
  interface {
    linknumber: 0
  }
  version: 2
}

nodelist {
  node {
    name: alpha
    nodeid: 1
    quorum_votes: 1
    ring0_addr: 192.0.2.1
  }
  node {
    name: beta
    nodeid: 2
    quorum_votes: 1
    ring0_addr: 192.0.2.2
  }
}

quorum {
  provider: corosync_votequorum
}
)";

} // namespace

class tst_CorosyncMembership : public QObject
{
    Q_OBJECT
private slots:
    void followsTheConfigFileWithoutCorosync()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("corosync.conf"));

        CorosyncMembership m(QStringLiteral("alpha"), path);
        QSignalSpy changed(&m, &cluster::Membership::changed);
        // Before the worker's first pass the view is already the file's (none: standalone).
        QVERIFY(m.view().standalone());
        QVERIFY(changed.wait(5000));
        QVERIFY(m.ready());
        QCOMPARE(m.snapshot().source, CorosyncSnapshot::Source::NoConfig);
        QVERIFY(m.view().standalone());
        QVERIFY(m.view().quorate);
        QCOMPARE(m.view().nodes.size(), 1);
        QVERIFY(m.view().nodes.at(0).local);

        // The agent creates or joins a cluster: corosync.conf appears; no corosync answers here.
        QElapsedTimer clock;
        clock.start();
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kConf);
        file.close();
        QTRY_VERIFY_WITH_TIMEOUT(m.snapshot().source != CorosyncSnapshot::Source::NoConfig, 5000);
        if (m.snapshot().source == CorosyncSnapshot::Source::Corosync)
            QSKIP("a corosync answers on this machine: the file-only behaviour cannot be seen here");
        qInfo("corosync.conf noticed after %lld ms", qint64(clock.elapsed()));
        const cluster::ClusterView v = m.view();
        QCOMPARE(v.name, QStringLiteral("testcluster"));
        QCOMPARE(v.configVersion, 7);
        QVERIFY(!v.quorate);
        QCOMPARE(v.nodes.size(), 2);
        for (const cluster::MemberNode &n : v.nodes) {
            QVERIFY2(!n.online, qPrintable(n.name));
            QVERIFY(n.links.isEmpty()); // unknown without corosync
        }
        QVERIFY(v.node(QStringLiteral("alpha"))->local);
        QCOMPARE(v.node(QStringLiteral("beta"))->address, QStringLiteral("192.0.2.2"));
        // The view is stored before changed() is posted to this thread: it may still be queued.
        QTRY_VERIFY_WITH_TIMEOUT(changed.count() >= 2, 2000);

        // The node leaves the cluster: the file goes, the node is its own again.
        QVERIFY(QFile::remove(path));
        QTRY_VERIFY_WITH_TIMEOUT(m.view().standalone(), 5000);
        QVERIFY(m.view().quorate);
    }

    void changedArrivesOnTheOwnersThread()
    {
        QTemporaryDir dir;
        CorosyncMembership m(QStringLiteral("alpha"), dir.filePath(QStringLiteral("none.conf")));
        QThread *seenOn = nullptr;
        connect(&m, &cluster::Membership::changed, this, [&] { seenOn = QThread::currentThread(); },
                Qt::DirectConnection);
        QTRY_VERIFY_WITH_TIMEOUT(seenOn != nullptr, 5000);
        QCOMPARE(seenOn, QThread::currentThread());
    }

    void destroyingDoesNotWaitForThePoll()
    {
        QTemporaryDir dir;
        QElapsedTimer clock;
        clock.start();
        {
            CorosyncMembership m(QStringLiteral("alpha"), dir.filePath(QStringLiteral("none.conf")));
            QThread::msleep(50);
        }
        QVERIFY2(clock.elapsed() < 900, qPrintable(QString::number(clock.elapsed())));
    }
};

QTEST_GUILESS_MAIN(tst_CorosyncMembership)
#include "tst_CorosyncMembership.moc"
