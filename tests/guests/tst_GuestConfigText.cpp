// GuestConfigText: guest config files as the guest actions edit them; what
// they do not touch (snapshots, comments, raw lxc.* lines) stays as it was.

#include "guests/GuestConfigText.h"

#include "ResultChecks.h"

#include <QTest>

using namespace atalaia;
using namespace atalaia::guests;
using namespace Qt::StringLiterals;
using model::GuestType;

namespace {

const QByteArray kVm = "#web server\n"
                       "#second line\n"
                       "boot: order=scsi0\n"
                       "cores: 2\n"
                       "memory: 1024\n"
                       "name: web\n"
                       "scsi0: local:100/vm-100-disk-0.raw,size=1G\n"
                       "\n"
                       "[PENDING]\n"
                       "cores: 4\n"
                       "delete: name\n"
                       "\n"
                       "[before-upgrade]\n"
                       "cores: 1\n"
                       "memory: 512\n"
                       "snaptime: 1700000000\n";

} // namespace

class tst_GuestConfigText : public QObject
{
    Q_OBJECT

private slots:
    void readsMainPendingAndDescription()
    {
        const Result<GuestConfigText> text = GuestConfigText::parse(kVm, u"100.conf"_s, GuestType::Qemu);
        VERIFY_OK(text);
        const QMap<QString, QString> values = text->values();
        QCOMPARE(values.value(u"memory"_s), u"1024"_s);
        QCOMPARE(values.value(u"cores"_s), u"2"_s); // not the snapshot's or the pending one
        QCOMPARE(values.value(u"name"_s), u"web"_s);
        QVERIFY(!values.contains(u"snaptime"_s));
        QCOMPARE(text->description(), u"web server\nsecond line"_s);
        QCOMPARE(text->pendingValues(), (QMap<QString, QString>{{u"cores"_s, u"4"_s}}));
        QCOMPARE(text->pendingDeletes(), QStringList{u"name"_s});
        const QMap<QString, QString> next = text->valuesWithPending();
        QCOMPARE(next.value(u"cores"_s), u"4"_s);
        QVERIFY(!next.contains(u"name"_s));
        QCOMPARE(next.value(u"memory"_s), u"1024"_s);
    }

    void editsKeepTheRest()
    {
        Result<GuestConfigText> text = GuestConfigText::parse(kVm, u"100.conf"_s, GuestType::Qemu);
        VERIFY_OK(text);
        VERIFY_OK(text->set(u"memory"_s, u"2048"_s));
        VERIFY_OK(text->set(u"sockets"_s, u"2"_s));
        const QByteArray out = text->toBytes();
        QVERIFY2(out.contains("memory: 2048\n"), out.constData());
        QVERIFY(out.contains("sockets: 2\n"));
        QVERIFY(out.contains("#web server\n#second line\n"));
        // The snapshot is untouched.
        QVERIFY(out.endsWith("[before-upgrade]\ncores: 1\nmemory: 512\nsnaptime: 1700000000\n"));
        const Result<GuestConfigText> back = GuestConfigText::parse(out, u"100.conf"_s, GuestType::Qemu);
        VERIFY_OK(back);
        QCOMPARE(back->values().value(u"memory"_s), u"2048"_s);
        QCOMPARE(back->pendingValues(), text->pendingValues());
    }

    void applyPending()
    {
        Result<GuestConfigText> text = GuestConfigText::parse(kVm, u"100.conf"_s, GuestType::Qemu);
        VERIFY_OK(text);
        VERIFY_OK(text->applyPending());
        QVERIFY(text->pendingValues().isEmpty());
        QVERIFY(text->pendingDeletes().isEmpty());
        QCOMPARE(text->values().value(u"cores"_s), u"4"_s);
        QVERIFY(!text->values().contains(u"name"_s));
        const Result<GuestConfigText> back = GuestConfigText::parse(text->toBytes(), u"100.conf"_s, GuestType::Qemu);
        VERIFY_OK(back);
        QCOMPARE(back->values(), text->values());
        QVERIFY(back->toBytes().contains("[before-upgrade]\ncores: 1\n"));
    }

    void pendingEdits()
    {
        GuestConfigText text = GuestConfigText::empty(u"100.conf"_s, GuestType::Qemu);
        VERIFY_OK(text.set(u"memory"_s, u"1024"_s));
        VERIFY_OK(text.setPending(u"memory"_s, u"2048"_s));
        VERIFY_OK(text.deletePending(u"cores"_s));
        QCOMPARE(text.pendingValues().value(u"memory"_s), u"2048"_s);
        QCOMPARE(text.pendingDeletes(), QStringList{u"cores"_s});
        text.revertPending(u"memory"_s);
        text.revertPending(u"cores"_s);
        QVERIFY(text.pendingValues().isEmpty());
        QVERIFY(text.pendingDeletes().isEmpty());
        QCOMPARE(text.values().value(u"memory"_s), u"1024"_s);
    }

    void removeAndDescription()
    {
        GuestConfigText text = GuestConfigText::empty(u"100.conf"_s, GuestType::Qemu);
        VERIFY_OK(text.set(u"name"_s, u"x"_s));
        VERIFY_OK(text.set(u"description"_s, u"one\ntwo"_s));
        QCOMPARE(text.description(), u"one\ntwo"_s);
        VERIFY_OK(text.remove(u"name"_s));
        QVERIFY(!text.values().contains(u"name"_s));
        VERIFY_OK(text.remove(u"absent"_s)); // nothing to do
    }

    void refusesBrokenFilesAndKeys()
    {
        const Result<GuestConfigText> broken =
            GuestConfigText::parse("memory 1024\nthis is not a config\n", u"100.conf"_s, GuestType::Qemu);
        VERIFY_FAILS(broken, Code::ConfigSyntax);
        QVERIFY2(broken.error().message.contains(u"100.conf"_s), qPrintable(broken.error().message));
        GuestConfigText text = GuestConfigText::empty(u"100.conf"_s, GuestType::Qemu);
        VERIFY_FAILS(text.set(u"bad key"_s, u"1"_s), Code::InvalidArgument);
        VERIFY_FAILS(text.set(u"memory"_s, u"1\nlock: backup"_s), Code::InvalidArgument);
        QVERIFY(!text.values().contains(u"lock"_s));
    }

    void containerRawLinesStay()
    {
        const QByteArray ct = "arch: amd64\nhostname: ct\nlxc.apparmor.profile: unconfined\nrootfs: local:200/subvol-200-disk-0,size=8G\n";
        Result<GuestConfigText> text = GuestConfigText::parse(ct, u"200.conf"_s, GuestType::Lxc);
        VERIFY_OK(text);
        VERIFY_OK(text->set(u"hostname"_s, u"renamed"_s));
        QVERIFY(text->toBytes().contains("lxc.apparmor.profile: unconfined\n"));
        QCOMPARE(text->values().value(u"hostname"_s), u"renamed"_s);
    }
};

QTEST_GUILESS_MAIN(tst_GuestConfigText)
#include "tst_GuestConfigText.moc"
