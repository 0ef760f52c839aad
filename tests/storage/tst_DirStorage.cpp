// DirStorage (Proxmox's "dir" storage) and StorageManager (storage.cfg to
// backends and volume IDs): volume names, disk allocation and naming,
// freeing, listing, status and uploads, on a temporary directory.

#include "storage/DirStorage.h"
#include "storage/StorageManager.h"

#include "store/MemoryStore.h"

#include "ResultChecks.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <sys/stat.h>

using namespace atalaia;
using namespace atalaia::storage;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kGiB = qint64(1) << 30;

// Bytes a file really occupies (st_blocks), to tell a sparse file.
qint64 allocatedBytes(const QString &path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return qint64(st.st_blocks) * 512;
}

bool writeFile(const QString &path, const QByteArray &data = "x")
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

// The first 32 bytes of a qcow2 image (version 3) of VIRTUALSIZE bytes:
// magic, version, backing file offset/size, cluster bits, size.
QByteArray qcow2Header(qint64 virtualSize)
{
    QByteArray h(104, '\0');
    qToBigEndian<quint32>(0x514649fb, h.data());
    qToBigEndian<quint32>(3, h.data() + 4);
    qToBigEndian<quint32>(16, h.data() + 20);
    qToBigEndian<quint64>(quint64(virtualSize), h.data() + 24);
    return h;
}

const VolumeInfo *findVolume(const QList<VolumeInfo> &volumes, const QString &volid)
{
    for (const VolumeInfo &v : volumes)
        if (v.volid == volid)
            return &v;
    return nullptr;
}

QStringList volids(const QList<VolumeInfo> &volumes)
{
    QStringList out;
    for (const VolumeInfo &v : volumes)
        out.append(v.volid);
    return out;
}

} // namespace

class tst_DirStorage : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_root = m_dir->path() + u"/vz"_s;
        QVERIFY(QDir().mkpath(m_root));
    }

    // --- volume names ---

    void contentOfAcceptsProxmoxNames_data()
    {
        QTest::addColumn<QString>("volname");
        QTest::addColumn<QString>("content");
        QTest::newRow("iso") << u"iso/debian-12.5.0-amd64-netinst.iso"_s << u"iso"_s;
        QTest::newRow("img") << u"iso/ipxe.img"_s << u"iso"_s;
        QTest::newRow("template zst") << u"vztmpl/debian-12-standard_12.7-1_amd64.tar.zst"_s << u"vztmpl"_s;
        QTest::newRow("template gz") << u"vztmpl/alpine.tar.gz"_s << u"vztmpl"_s;
        QTest::newRow("template xz") << u"vztmpl/alpine.tar.xz"_s << u"vztmpl"_s;
        QTest::newRow("template tgz") << u"vztmpl/alpine.tgz"_s << u"vztmpl"_s;
        QTest::newRow("raw") << u"100/vm-100-disk-0.raw"_s << u"images"_s;
        QTest::newRow("qcow2") << u"100/vm-100-disk-12.qcow2"_s << u"images"_s;
        QTest::newRow("base") << u"100/base-100-disk-0.qcow2"_s << u"images"_s;
        QTest::newRow("subvol") << u"105/subvol-105-disk-0"_s << u"images"_s;
        QTest::newRow("big vmid") << u"999999999/vm-999999999-disk-1.raw"_s << u"images"_s;
    }
    void contentOfAcceptsProxmoxNames()
    {
        QFETCH(QString, volname);
        QFETCH(QString, content);
        const Result<QString> kind = DirStorage::contentOf(volname);
        VERIFY_OK(kind);
        QCOMPARE(*kind, content);
    }

    void contentOfRefusesOtherNames_data()
    {
        QTest::addColumn<QString>("volname");
        QTest::newRow("empty") << QString();
        QTest::newRow("traversal in iso") << u"iso/../x.iso"_s;
        QTest::newRow("traversal out of iso") << u"iso/../../etc/passwd.iso"_s;
        QTest::newRow("subdirectory") << u"iso/sub/x.iso"_s;
        QTest::newRow("hidden") << u"iso/.x.iso"_s;
        QTest::newRow("dotdot name") << u"iso/..iso"_s;
        QTest::newRow("wrong suffix") << u"iso/x.qcow2"_s;
        QTest::newRow("no suffix") << u"iso/x"_s;
        QTest::newRow("template traversal") << u"vztmpl/../x.tar.zst"_s;
        QTest::newRow("template not tar") << u"vztmpl/x.zip"_s;
        QTest::newRow("unknown dir") << u"images/100/vm-100-disk-0.raw"_s;
        QTest::newRow("vmid mismatch") << u"100/vm-101-disk-0.raw"_s;
        QTest::newRow("subvol vmid mismatch") << u"100/subvol-101-disk-0"_s;
        QTest::newRow("image traversal") << u"100/../vm-100-disk-0.raw"_s;
        QTest::newRow("vmid below 100") << u"99/vm-99-disk-0.raw"_s;
        QTest::newRow("leading zero") << u"0100/vm-0100-disk-0.raw"_s;
        QTest::newRow("image format") << u"100/vm-100-disk-0.vmdk"_s;
        QTest::newRow("absolute") << u"/etc/passwd"_s;
        QTest::newRow("newline") << u"iso/x.iso\n"_s;
    }
    void contentOfRefusesOtherNames()
    {
        QFETCH(QString, volname);
        VERIFY_FAILS(DirStorage::contentOf(volname), Code::InvalidArgument);
        // Nothing else accepts it either.
        DirStorage storage(u"local"_s, m_root);
        VERIFY_FAILS(storage.path(volname), Code::InvalidArgument);
        VERIFY_FAILS(storage.resolve(volname), Code::InvalidArgument);
        VERIFY_FAILS(storage.free(volname), Code::InvalidArgument);
    }

    void vmidMismatchIsNamed()
    {
        const Result<QString> kind = DirStorage::contentOf(u"100/vm-101-disk-0.raw"_s);
        QVERIFY(!kind);
        QVERIFY2(kind.error().message.contains(u"VMID"_s), qPrintable(kind.error().message));
    }

    void pathsFollowProxmoxLayout()
    {
        DirStorage storage(u"local"_s, m_root);
        QCOMPARE(*storage.path(u"iso/x.iso"_s), m_root + u"/template/iso/x.iso"_s);
        QCOMPARE(*storage.path(u"vztmpl/x.tar.zst"_s), m_root + u"/template/cache/x.tar.zst"_s);
        QCOMPARE(*storage.path(u"100/vm-100-disk-0.raw"_s), m_root + u"/images/100/vm-100-disk-0.raw"_s);
    }

    void resolveNeedsAnExistingVolume()
    {
        DirStorage storage(u"local"_s, m_root);
        VERIFY_FAILS(storage.resolve(u"iso/x.iso"_s), Code::NotFound);
        QVERIFY(writeFile(m_root + u"/template/iso/x.iso"_s));
        Result<virt::VolumeSource> iso = storage.resolve(u"iso/x.iso"_s);
        VERIFY_OK(iso);
        QCOMPARE(iso->kind, virt::VolumeSource::Kind::File);
        QCOMPARE(iso->path, m_root + u"/template/iso/x.iso"_s);
        QCOMPARE(iso->format, u"raw"_s);

        QVERIFY(writeFile(m_root + u"/images/100/vm-100-disk-1.qcow2"_s, qcow2Header(kGiB)));
        Result<virt::VolumeSource> qcow2 = storage.resolve(u"100/vm-100-disk-1.qcow2"_s);
        VERIFY_OK(qcow2);
        QCOMPARE(qcow2->format, u"qcow2"_s);

        QVERIFY(QDir().mkpath(m_root + u"/images/105/subvol-105-disk-0"_s));
        Result<virt::VolumeSource> subvol = storage.resolve(u"105/subvol-105-disk-0"_s);
        VERIFY_OK(subvol);
        QCOMPARE(subvol->kind, virt::VolumeSource::Kind::Directory);
    }

    // --- allocate ---

    void allocateRawIsSparseAndSized()
    {
        DirStorage storage(u"local"_s, m_root);
        Result<QString> volname = storage.allocate(100, u"raw"_s, 4 * kGiB);
        VERIFY_OK(volname);
        QCOMPARE(*volname, u"100/vm-100-disk-0.raw"_s);
        const QString file = m_root + u"/images/100/vm-100-disk-0.raw"_s;
        QVERIFY(QFileInfo(file).isFile());
        QCOMPARE(QFileInfo(file).size(), 4 * kGiB);
        QVERIFY2(allocatedBytes(file) < 1024 * 1024, qPrintable(QString::number(allocatedBytes(file))));
    }

    void allocateTakesTheLowestFreeNumber()
    {
        DirStorage storage(u"local"_s, m_root);
        QCOMPARE(*storage.allocate(100, u"raw"_s, kGiB), u"100/vm-100-disk-0.raw"_s);
        QCOMPARE(*storage.allocate(100, u"raw"_s, kGiB), u"100/vm-100-disk-1.raw"_s);
        QCOMPARE(*storage.allocate(100, u"subvol"_s, 0), u"100/subvol-100-disk-2"_s);
        VERIFY_OK(storage.free(u"100/vm-100-disk-0.raw"_s));
        QCOMPARE(*storage.allocate(100, u"raw"_s, kGiB), u"100/vm-100-disk-0.raw"_s);
        // Numbers are per VM.
        QCOMPARE(*storage.allocate(101, u"raw"_s, kGiB), u"101/vm-101-disk-0.raw"_s);
    }

    void allocateSkipsNumbersOfEveryKind_data()
    {
        QTest::addColumn<QString>("existing");
        QTest::newRow("raw") << u"vm-100-disk-0.raw"_s;
        QTest::newRow("qcow2") << u"vm-100-disk-0.qcow2"_s;
        QTest::newRow("subvol") << u"subvol-100-disk-0/"_s;
        QTest::newRow("base (template)") << u"base-100-disk-0.qcow2"_s;
    }
    void allocateSkipsNumbersOfEveryKind()
    {
        QFETCH(QString, existing);
        const QString dir = m_root + u"/images/100/"_s;
        if (existing.endsWith(u'/'))
            QVERIFY(QDir().mkpath(dir + existing));
        else
            QVERIFY(writeFile(dir + existing));
        DirStorage storage(u"local"_s, m_root);
        QCOMPARE(*storage.allocate(100, u"raw"_s, kGiB), u"100/vm-100-disk-1.raw"_s);
        QCOMPARE(*storage.allocate(100, u"subvol"_s, 0), u"100/subvol-100-disk-2"_s);
    }

    void allocateSubvolMakesADirectory()
    {
        DirStorage storage(u"local"_s, m_root);
        Result<QString> volname = storage.allocate(105, u"subvol"_s, 0);
        VERIFY_OK(volname);
        QCOMPARE(*volname, u"105/subvol-105-disk-0"_s);
        QVERIFY(QFileInfo(m_root + u"/images/105/subvol-105-disk-0"_s).isDir());
        QCOMPARE(storage.resolve(*volname)->kind, virt::VolumeSource::Kind::Directory);
    }

    void allocateRefusesBadRequests()
    {
        DirStorage storage(u"local"_s, m_root);
        VERIFY_FAILS(storage.allocate(100, u"vmdk"_s, kGiB), Code::InvalidArgument);
        VERIFY_FAILS(storage.allocate(100, u"raw"_s, 0), Code::InvalidArgument);
        VERIFY_FAILS(storage.allocate(100, u"raw"_s, -1), Code::InvalidArgument);
        QVERIFY(!QFileInfo::exists(m_root + u"/images/100"_s));
        // Outside Proxmox's VMID range the image would not be a volume.
        VERIFY_FAILS(storage.allocate(99, u"raw"_s, kGiB), Code::InvalidArgument);
        VERIFY_FAILS(storage.allocate(0, u"subvol"_s, 0), Code::InvalidArgument);
        VERIFY_FAILS(storage.allocate(-100, u"raw"_s, kGiB), Code::InvalidArgument);
        QVERIFY(!QFileInfo::exists(m_root + u"/images"_s));
        // The largest VMID is fine.
        QCOMPARE(*storage.allocate(999999999, u"raw"_s, kGiB), u"999999999/vm-999999999-disk-0.raw"_s);
    }

    void allocateQcow2()
    {
        DirStorage storage(u"local"_s, m_root);
        const bool haveQemuImg = !QStandardPaths::findExecutable(u"qemu-img"_s).isEmpty();
        Result<QString> volname = storage.allocate(100, u"qcow2"_s, 2 * kGiB);
        if (!haveQemuImg) {
            QVERIFY(!volname);
            QCOMPARE(volname.error().code, Code::Io);
            QVERIFY2(volname.error().message.contains(u"qemu-utils"_s), qPrintable(volname.error().message));
            // Nothing is left behind: no image, no empty directory.
            QVERIFY(!QFileInfo::exists(m_root + u"/images/100/vm-100-disk-0.qcow2"_s));
            QVERIFY(!QFileInfo::exists(m_root + u"/images/100"_s));
            QSKIP("qemu-img is not installed: only its absence was checked");
        }
        VERIFY_OK(volname);
        QCOMPARE(*volname, u"100/vm-100-disk-0.qcow2"_s);
        QFile f(m_root + u"/images/100/vm-100-disk-0.qcow2"_s);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray header = f.read(32);
        QVERIFY(header.startsWith("QFI\xfb"));
        QCOMPARE(qFromBigEndian<quint64>(header.constData() + 24), quint64(2 * kGiB));
        const Result<QList<VolumeInfo>> listed = storage.list(u"images"_s);
        VERIFY_OK(listed);
        QCOMPARE(listed->size(), 1);
        QCOMPARE(listed->at(0).size, 2 * kGiB);
    }

    // --- free ---

    void freeRemovesTheVolumeAndTheEmptyVmDirectory()
    {
        DirStorage storage(u"local"_s, m_root);
        const QString a = *storage.allocate(100, u"raw"_s, kGiB);
        const QString b = *storage.allocate(100, u"subvol"_s, 0);
        QVERIFY(writeFile(m_root + u"/images/100/subvol-100-disk-1/etc/hostname"_s, "ct\n"));
        VERIFY_OK(storage.free(a));
        QVERIFY(!QFileInfo::exists(m_root + u"/images/100/vm-100-disk-0.raw"_s));
        QVERIFY(QFileInfo(m_root + u"/images/100"_s).isDir()); // still holds b
        VERIFY_OK(storage.free(b));
        QVERIFY(!QFileInfo::exists(m_root + u"/images/100"_s));
        QVERIFY(QFileInfo(m_root + u"/images"_s).isDir());
        VERIFY_FAILS(storage.free(a), Code::NotFound);
    }

    void freeOfTheLastIsoKeepsTheIsoDirectory()
    {
        DirStorage storage(u"local"_s, m_root);
        QVERIFY(writeFile(m_root + u"/template/iso/x.iso"_s));
        VERIFY_OK(storage.free(u"iso/x.iso"_s));
        QVERIFY(!QFileInfo::exists(m_root + u"/template/iso/x.iso"_s));
        QVERIFY(QFileInfo(m_root + u"/template/iso"_s).isDir());
    }

    // --- list ---

    void listByContent()
    {
        DirStorage storage(u"local"_s, m_root);
        QVERIFY(writeFile(m_root + u"/template/iso/b.iso"_s, QByteArray(3000, 'i')));
        QVERIFY(writeFile(m_root + u"/template/iso/a.img"_s, QByteArray(10, 'i')));
        QVERIFY(writeFile(m_root + u"/template/iso/notes.txt"_s)); // not a volume
        QVERIFY(writeFile(m_root + u"/template/cache/debian.tar.zst"_s, QByteArray(20, 't')));
        QVERIFY(writeFile(m_root + u"/template/cache/alpine.tar.xz"_s, QByteArray(20, 't')));
        QVERIFY(writeFile(m_root + u"/template/cache/old.tgz"_s, QByteArray(20, 't')));
        QCOMPARE(*storage.allocate(100, u"raw"_s, 2 * kGiB), u"100/vm-100-disk-0.raw"_s);
        QCOMPARE(*storage.allocate(105, u"subvol"_s, 0), u"105/subvol-105-disk-0"_s);
        QVERIFY(writeFile(m_root + u"/images/100/vm-100-disk-1.qcow2"_s, qcow2Header(8 * kGiB)));
        QVERIFY(writeFile(m_root + u"/images/100/vm-101-disk-0.raw"_s)); // wrong directory: not listed
        QVERIFY(writeFile(m_root + u"/images/junk/vm-100-disk-0.raw"_s));

        const Result<QList<VolumeInfo>> isos = storage.list(u"iso"_s);
        VERIFY_OK(isos);
        QCOMPARE(volids(*isos), (QStringList{u"local:iso/a.img"_s, u"local:iso/b.iso"_s}));
        QCOMPARE(isos->at(1).content, u"iso"_s);
        QCOMPARE(isos->at(1).format, u"iso"_s);
        QCOMPARE(isos->at(1).size, 3000);
        QCOMPARE(isos->at(1).vmid, 0);
        QVERIFY(isos->at(1).ctime > 0);

        const Result<QList<VolumeInfo>> templates = storage.list(u"vztmpl"_s);
        VERIFY_OK(templates);
        QCOMPARE(volids(*templates), (QStringList{u"local:vztmpl/alpine.tar.xz"_s, u"local:vztmpl/debian.tar.zst"_s,
                                                  u"local:vztmpl/old.tgz"_s}));
        QCOMPARE(templates->at(0).format, u"txz"_s);
        QCOMPARE(templates->at(1).format, u"tzst"_s);
        QCOMPARE(templates->at(2).format, u"tgz"_s);

        const Result<QList<VolumeInfo>> images = storage.list(u"images"_s);
        VERIFY_OK(images);
        QCOMPARE(volids(*images), (QStringList{u"local:100/vm-100-disk-0.raw"_s, u"local:100/vm-100-disk-1.qcow2"_s,
                                               u"local:105/subvol-105-disk-0"_s}));
        const VolumeInfo *raw = findVolume(*images, u"local:100/vm-100-disk-0.raw"_s);
        QCOMPARE(raw->vmid, 100);
        QCOMPARE(raw->format, u"raw"_s);
        QCOMPARE(raw->content, u"images"_s);
        QCOMPARE(raw->size, 2 * kGiB);
        QVERIFY(raw->used < raw->size); // sparse
        const VolumeInfo *qcow2 = findVolume(*images, u"local:100/vm-100-disk-1.qcow2"_s);
        QCOMPARE(qcow2->format, u"qcow2"_s);
        QCOMPARE(qcow2->size, 8 * kGiB); // the virtual size, not the file's
        const VolumeInfo *subvol = findVolume(*images, u"local:105/subvol-105-disk-0"_s);
        QCOMPARE(subvol->vmid, 105);
        QCOMPARE(subvol->format, u"subvol"_s);

        const Result<QList<VolumeInfo>> all = storage.list(QString());
        VERIFY_OK(all);
        QCOMPARE(all->size(), 8);
    }

    void listOfAnEmptyStorage()
    {
        DirStorage storage(u"local"_s, m_root + u"/missing"_s);
        const Result<QList<VolumeInfo>> all = storage.list(QString());
        VERIFY_OK(all);
        QVERIFY(all->isEmpty());
    }

    // --- status ---

    void statusOfAMissingDirectoryIsInactive()
    {
        const Result<StorageStatus> missing = DirStorage(u"nfs"_s, m_root + u"/not-mounted"_s).status();
        VERIFY_OK(missing);
        QVERIFY(!missing->active);
        QCOMPARE(missing->total, 0);

        const Result<StorageStatus> present = DirStorage(u"local"_s, m_root).status();
        VERIFY_OK(present);
        QVERIFY(present->active);
        QVERIFY(present->total > 0);
        QVERIFY(present->avail <= present->total);
        QVERIFY(present->used <= present->total);
    }

    // --- import ---

    void importMovesTheUpload()
    {
        DirStorage storage(u"local"_s, m_root);
        const QString upload = m_dir->path() + u"/upload.tmp"_s;
        QVERIFY(writeFile(upload, "ISO DATA"));
        const Result<QString> volname = storage.import(u"iso"_s, u"debian.iso"_s, upload);
        VERIFY_OK(volname);
        QCOMPARE(*volname, u"iso/debian.iso"_s);
        QVERIFY(!QFileInfo::exists(upload));
        QFile f(m_root + u"/template/iso/debian.iso"_s);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("ISO DATA"));

        QVERIFY(writeFile(upload, "TEMPLATE"));
        QCOMPARE(*storage.import(u"vztmpl"_s, u"debian-12.tar.zst"_s, upload), u"vztmpl/debian-12.tar.zst"_s);
        QVERIFY(QFileInfo::exists(m_root + u"/template/cache/debian-12.tar.zst"_s));
    }

    void importRefusesAnExistingName()
    {
        DirStorage storage(u"local"_s, m_root);
        QVERIFY(writeFile(m_root + u"/template/iso/debian.iso"_s, "OLD"));
        const QString upload = m_dir->path() + u"/upload.tmp"_s;
        QVERIFY(writeFile(upload, "NEW"));
        VERIFY_FAILS(storage.import(u"iso"_s, u"debian.iso"_s, upload), Code::AlreadyExists);
        QFile f(m_root + u"/template/iso/debian.iso"_s);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("OLD"));
        QVERIFY(QFileInfo::exists(upload)); // the caller's to clean up
    }

    void importRefusesBadNames_data()
    {
        QTest::addColumn<QString>("content");
        QTest::addColumn<QString>("filename");
        QTest::newRow("traversal") << u"iso"_s << u"../x.iso"_s;
        QTest::newRow("deep traversal") << u"iso"_s << u"../../../../etc/x.iso"_s;
        QTest::newRow("slash") << u"iso"_s << u"a/x.iso"_s;
        QTest::newRow("not an iso") << u"iso"_s << u"x.tar.zst"_s;
        QTest::newRow("not a template") << u"vztmpl"_s << u"x.iso"_s;
        QTest::newRow("images") << u"images"_s << u"vm-100-disk-0.raw"_s;
        QTest::newRow("empty") << u"iso"_s << QString();
    }
    void importRefusesBadNames()
    {
        QFETCH(QString, content);
        QFETCH(QString, filename);
        DirStorage storage(u"local"_s, m_root);
        const QString upload = m_dir->path() + u"/upload.tmp"_s;
        QVERIFY(writeFile(upload, "DATA"));
        VERIFY_FAILS(storage.import(content, filename, upload), Code::InvalidArgument);
        QVERIFY(QFileInfo::exists(upload));
        QVERIFY(!QFileInfo::exists(m_dir->path() + u"/x.iso"_s));
        QVERIFY(!QFileInfo::exists(m_root + u"/template/x.iso"_s));
    }

    void importOfAMissingSourceFails()
    {
        DirStorage storage(u"local"_s, m_root);
        VERIFY_FAILS(storage.import(u"iso"_s, u"x.iso"_s, m_dir->path() + u"/nothing"_s), Code::Io);
        QVERIFY(!QFileInfo::exists(m_root + u"/template/iso/x.iso"_s));
        QVERIFY(!QFileInfo::exists(m_root + u"/template/iso/x.iso.part"_s));
    }

    // --- StorageManager ---

    void managerDefaultsToLocal()
    {
        store::MemoryStore store;
        StorageManager manager(store, u"node1"_s, m_root);
        const Result<QList<StorageDefinition>> defs = manager.definitions();
        VERIFY_OK(defs);
        QCOMPARE(defs->size(), 1);
        const StorageDefinition &local = defs->at(0);
        QCOMPARE(local.id, u"local"_s);
        QCOMPARE(local.type, u"dir"_s);
        QCOMPARE(local.path, m_root);
        QVERIFY(local.holds(u"iso"_s));
        QVERIFY(local.holds(u"vztmpl"_s));
        QVERIFY(local.holds(u"images"_s));
        QVERIFY(local.holds(u"rootdir"_s));
        QVERIFY(!local.shared);
        QVERIFY(local.availableOn(u"node1"_s));
        QVERIFY(local.availableOn(u"anywhere"_s));
        VERIFY_OK(manager.backend(u"local"_s));
        VERIFY_FAILS(manager.definition(u"nfs"_s), Code::NotFound);
    }

    void managerParsesDirEntries()
    {
        store::MemoryStore store;
        VERIFY_OK(store.write(u"storage.cfg"_s,
                              "dir: local\n"
                              "\tpath /var/lib/vz\n"
                              "\tcontent iso,vztmpl,backup\n"
                              "\n"
                              "dir: shared-nfs\n"
                              "\tpath /mnt/pve/shared\n"
                              "\tcontent images,rootdir\n"
                              "\tshared 1\n"
                              "\tnodes node1,node2\n"
                              "\n"
                              "dir: old\n"
                              "\tpath /srv/old\n"
                              "\tcontent images\n"
                              "\tdisable 1\n"
                              "\n"
                              "dir: flags\n"
                              "\tpath /srv/flags\n"
                              "\tcontent images\n"
                              "\tshared\n"
                              "\tdisable\n"
                              "\n"
                              "dir: off\n"
                              "\tpath /srv/off\n"
                              "\tshared 0\n"
                              "\tdisable 0\n"));
        StorageManager manager(store, u"node1"_s, m_root);
        const Result<QList<StorageDefinition>> defs = manager.definitions();
        VERIFY_OK(defs);
        QCOMPARE(defs->size(), 5);

        const StorageDefinition local = *manager.definition(u"local"_s);
        QCOMPARE(local.path, u"/var/lib/vz"_s);
        QCOMPARE(local.content, (QStringList{u"iso"_s, u"vztmpl"_s, u"backup"_s}));
        QVERIFY(!local.holds(u"images"_s));
        QVERIFY(local.nodes.isEmpty());
        QVERIFY(!local.shared);
        QVERIFY(!local.disabled);

        const StorageDefinition nfs = *manager.definition(u"shared-nfs"_s);
        QCOMPARE(nfs.type, u"dir"_s);
        QVERIFY(nfs.shared);
        QCOMPARE(nfs.nodes, (QStringList{u"node1"_s, u"node2"_s}));
        QVERIFY(nfs.availableOn(u"node1"_s));
        QVERIFY(nfs.availableOn(u"node2"_s));
        QVERIFY(!nfs.availableOn(u"node3"_s));

        const StorageDefinition old = *manager.definition(u"old"_s);
        QVERIFY(old.disabled);
        QVERIFY(!old.availableOn(u"node1"_s));

        // Proxmox writes booleans set to 1 as a bare key, too.
        const StorageDefinition flags = *manager.definition(u"flags"_s);
        QVERIFY(flags.shared);
        QVERIFY(flags.disabled);
        const StorageDefinition off = *manager.definition(u"off"_s);
        QVERIFY(!off.shared);
        QVERIFY(!off.disabled);

        // No implicit local once storage.cfg exists without one... here it has one.
        VERIFY_FAILS(manager.definition(u"local-lvm"_s), Code::NotFound);
    }

    void managerDefaultContent()
    {
        store::MemoryStore store;
        VERIFY_OK(store.write(u"storage.cfg"_s, "dir: plain\n\tpath /srv/plain\n\n"
                                                "dir: isos\n\tpath /srv/isos\n\tcontent iso\n"));
        StorageManager manager(store, u"node1"_s, m_root);
        // Proxmox's dir plugin: images and rootdir when "content" is left out.
        QCOMPARE(manager.definition(u"plain"_s)->content, (QStringList{u"images"_s, u"rootdir"_s}));
        QCOMPARE(manager.definition(u"isos"_s)->content, QStringList{u"iso"_s});
    }

    void managerWithoutLocalInStorageCfg()
    {
        store::MemoryStore store;
        VERIFY_OK(store.write(u"storage.cfg"_s, "dir: data\n\tpath /srv/data\n\tcontent images\n"));
        StorageManager manager(store, u"node1"_s, m_root);
        VERIFY_FAILS(manager.definition(u"local"_s), Code::NotFound);
        VERIFY_FAILS(manager.resolve(u"local:iso/x.iso"_s), Code::NotFound);
    }

    void managerBackendChecks()
    {
        store::MemoryStore store;
        VERIFY_OK(store.write(u"storage.cfg"_s,
                              "dir: local\n\tpath " + m_root.toUtf8() + "\n\tcontent iso,images\n\n"
                              "dir: elsewhere\n\tpath /srv/x\n\tnodes node2\n\n"
                              "dir: off\n\tpath /srv/off\n\tdisable 1\n\n"
                              "dir: nopath\n\tcontent images\n\n"
                              "rbd: ceph\n\tpool vm\n\tcontent images\n\n"
                              "lvmthin: local-lvm\n\tthinpool data\n\tvgname pve\n"));
        StorageManager manager(store, u"node1"_s);
        VERIFY_OK(manager.backend(u"local"_s));

        auto message = [&](const QString &storage) {
            Result<std::unique_ptr<StorageBackend>> b = manager.backend(storage);
            return b ? QString() : b.error().message;
        };
        QVERIFY2(message(u"elsewhere"_s).contains(u"not available on node 'node1'"_s), qPrintable(message(u"elsewhere"_s)));
        QVERIFY2(message(u"off"_s).contains(u"not available"_s), qPrintable(message(u"off"_s)));
        QVERIFY2(message(u"nopath"_s).contains(u"no path"_s), qPrintable(message(u"nopath"_s)));
        QVERIFY2(message(u"ceph"_s).contains(u"type 'rbd'"_s), qPrintable(message(u"ceph"_s)));
        QVERIFY2(message(u"local-lvm"_s).contains(u"type 'lvmthin'"_s), qPrintable(message(u"local-lvm"_s)));
        VERIFY_FAILS(manager.backend(u"ceph"_s), Code::InvalidArgument);
        VERIFY_FAILS(manager.backend(u"unknown"_s), Code::NotFound);
        QVERIFY(message(u"unknown"_s).contains(u"'unknown'"_s));
    }

    void splitVolumeId_data()
    {
        QTest::addColumn<QString>("volid");
        QTest::addColumn<QString>("storage");
        QTest::addColumn<QString>("volname");
        QTest::newRow("iso") << u"local:iso/x.iso"_s << u"local"_s << u"iso/x.iso"_s;
        QTest::newRow("image") << u"local-lvm:vm-100-disk-0"_s << u"local-lvm"_s << u"vm-100-disk-0"_s;
        QTest::newRow("dots") << u"nfs.backup:100/vm-100-disk-0.raw"_s << u"nfs.backup"_s << u"100/vm-100-disk-0.raw"_s;
        QTest::newRow("no colon") << u"local"_s << QString() << QString();
        QTest::newRow("empty volume") << u"local:"_s << QString() << QString();
        QTest::newRow("path") << u"/dev/sda"_s << QString() << QString();
        QTest::newRow("digit first") << u"1local:x"_s << QString() << QString();
        QTest::newRow("dash last") << u"local-:x"_s << QString() << QString();
    }
    void splitVolumeId()
    {
        QFETCH(QString, volid);
        QFETCH(QString, storage);
        QFETCH(QString, volname);
        const Result<std::pair<QString, QString>> parts = StorageManager::splitVolumeId(volid);
        if (storage.isEmpty()) {
            VERIFY_FAILS(parts, Code::InvalidArgument);
            return;
        }
        VERIFY_OK(parts);
        QCOMPARE(parts->first, storage);
        QCOMPARE(parts->second, volname);
    }

    void managerResolvesVolumeIds()
    {
        store::MemoryStore store;
        StorageManager manager(store, u"node1"_s, m_root);
        QVERIFY(writeFile(m_root + u"/template/iso/x.iso"_s));
        Result<virt::VolumeSource> iso = manager.resolve(u"local:iso/x.iso"_s);
        VERIFY_OK(iso);
        QCOMPARE(iso->path, m_root + u"/template/iso/x.iso"_s);
        VERIFY_FAILS(manager.resolve(u"local:iso/missing.iso"_s), Code::NotFound);
        VERIFY_FAILS(manager.resolve(u"local:iso/../x.iso"_s), Code::InvalidArgument);
        VERIFY_FAILS(manager.resolve(u"nfs:iso/x.iso"_s), Code::NotFound);
        VERIFY_FAILS(manager.resolve(u"x.iso"_s), Code::InvalidArgument);

        // localPath names where a volume would be, existing or not.
        QCOMPARE(*manager.localPath(u"local:vztmpl/d.tar.zst"_s), m_root + u"/template/cache/d.tar.zst"_s);
        VERIFY_FAILS(manager.localPath(u"unknown:vztmpl/d.tar.zst"_s), Code::NotFound);

        Result<std::unique_ptr<StorageBackend>> local = manager.backend(u"local"_s);
        VERIFY_OK(local);
        const QString volname = *(*local)->allocate(100, u"raw"_s, kGiB);
        VERIFY_OK(manager.free(u"local:"_s + volname));
        QVERIFY(!QFileInfo::exists(m_root + u"/images/100"_s));
        VERIFY_FAILS(manager.free(u"local:"_s + volname), Code::NotFound);
        VERIFY_FAILS(manager.free(u"unknown:"_s + volname), Code::NotFound);
    }

    void managerReadsStorageCfgOnEveryCall()
    {
        store::MemoryStore store;
        StorageManager manager(store, u"node1"_s, m_root);
        VERIFY_OK(manager.definition(u"local"_s));
        VERIFY_OK(store.write(u"storage.cfg"_s, "dir: data\n\tpath /srv/data\n"));
        VERIFY_FAILS(manager.definition(u"local"_s), Code::NotFound);
        VERIFY_OK(manager.definition(u"data"_s));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_root;
};

QTEST_GUILESS_MAIN(tst_DirStorage)
#include "tst_DirStorage.moc"
