#include "GeneratedTree.h"

namespace atalaia::bench {

namespace {

QByteArray num(qint64 n) { return QByteArray::number(n); }

QByteArray mac(int i)
{
    return "BC:24:11:" + QByteArray::number((i >> 16) & 0xff, 16).rightJustified(2, '0').toUpper() + ':'
        + QByteArray::number((i >> 8) & 0xff, 16).rightJustified(2, '0').toUpper() + ':'
        + QByteArray::number(i & 0xff, 16).rightJustified(2, '0').toUpper();
}

QByteArray qemuConf(int vmid)
{
    QByteArray c;
    if (vmid % 10 == 0)
        c += "#Guest " + num(vmid) + " of the generated tree.\n";
    c += "boot: order=scsi0;ide2;net0\ncores: " + num(1 + vmid % 8) + "\ncpu: x86-64-v2-AES\n"
         "ide2: none,media=cdrom\nmemory: " + num(512 * (1 + vmid % 16)) + "\n"
         "meta: creation-qemu=9.0.2,ctime=1764150000\nname: vm" + num(vmid) + "\n"
         "net0: virtio=" + mac(vmid) + ",bridge=vmbr0,firewall=1\nnuma: 0\nostype: l26\n"
         "scsi0: ceph-vm:vm-" + num(vmid) + "-disk-0,iothread=1,size=32G\nscsihw: virtio-scsi-single\n"
         "smbios1: uuid=5b0f0d5e-0c53-4a35-9c4d-2f1b8f1a9e10\nsockets: 1\n"
         "vmgenid: 0f8c3a8e-1b47-4d8e-9c5b-7e2a0b5c6d71\n";
    if (vmid % 5 == 0)
        c += "\n[PENDING]\nmemory: 4096\n";
    if (vmid % 7 == 0)
        c += "\n[snap1]\ncores: 2\nmemory: 1024\nname: vm" + num(vmid) + "\nsnaptime: 1764153600\n";
    return c;
}

QByteArray lxcConf(int vmid)
{
    return "arch: amd64\ncores: " + num(1 + vmid % 4) + "\nfeatures: nesting=1\nhostname: ct" + num(vmid) + "\n"
           "memory: 1024\nnet0: name=eth0,bridge=vmbr0,firewall=1,hwaddr=" + mac(vmid)
        + ",ip=dhcp,type=veth\nostype: debian\nrootfs: ceph-vm:vm-" + num(vmid) + "-disk-0,size=8G\n"
          "swap: 512\nunprivileged: 1\n";
}

} // namespace

QList<GeneratedFile> generateTree(int guests)
{
    QList<GeneratedFile> files;
    QByteArray resources;
    QByteArray users = "user:root@pam:1:0:::root@example.com:::\n";
    for (int i = 0; i < guests; ++i) {
        const int vmid = 100 + i;
        const bool vm = i % 10 < 7;
        files.append({vm ? config::ConfigFormat::QemuConf : config::ConfigFormat::LxcConf,
                      vm ? qemuConf(vmid) : lxcConf(vmid)});
        resources += (vm ? "vm: " : "ct: ") + num(vmid) + "\n\tgroup g" + num(i % 10) + "\n\tstate started\n"
                     "\tmax_restart 1\n\n";
        users += "user:user" + num(i) + "@pve:1:0:First" + num(i) + ":Last:user" + num(i)
                 + "@example.com:Generated%20user::\n";
    }
    for (int g = 0; g < 10; ++g) {
        users += "group:g" + num(g) + ':';
        for (int i = g; i < guests; i += 10)
            users += (i == g ? "" : ",") + QByteArray("user") + num(i) + "@pve";
        users += ":Group " + num(g) + ":\n";
    }
    for (int i = 0; i < guests; ++i)
        users += "acl:1:/vms/" + num(100 + i) + ":user" + num(i) + "@pve:PVEVMUser:\n";
    files.append({config::ConfigFormat::HaResources, resources});
    files.append({config::ConfigFormat::UserCfg, users});
    return files;
}

qsizetype totalBytes(const QList<GeneratedFile> &files)
{
    qsizetype total = 0;
    for (const GeneratedFile &f : files)
        total += f.bytes.size();
    return total;
}

} // namespace atalaia::bench
