#include "Guest.h"

#include "JsonReader.h"
#include "JsonWriter.h"

namespace atalaia::model {

using namespace Qt::StringLiterals;

constexpr auto describeGuest = [](auto &io, auto &g) {
    io.field("vmid"_L1, g.vmid);
    io.fieldOr("type"_L1, g.type, GuestType::Qemu);
    io.field("status"_L1, g.status);
    io.field("name"_L1, g.name);
    io.field("cpu"_L1, g.cpu);
    io.field("cpus"_L1, g.cpus);
    io.field("mem"_L1, g.mem);
    io.field("maxmem"_L1, g.maxmem);
    io.field("memhost"_L1, g.memhost);
    io.field("maxswap"_L1, g.maxswap);
    io.field("disk"_L1, g.disk);
    io.field("maxdisk"_L1, g.maxdisk);
    io.field("diskread"_L1, g.diskread);
    io.field("diskwrite"_L1, g.diskwrite);
    io.field("netin"_L1, g.netin);
    io.field("netout"_L1, g.netout);
    io.field("uptime"_L1, g.uptime);
    io.field("pid"_L1, g.pid);
    io.field("lock"_L1, g.lock);
    io.field("tags"_L1, g.tags);
    io.field("template"_L1, g.isTemplate);
    io.field("qmpstatus"_L1, g.qmpstatus);
    io.field("running-machine"_L1, g.runningMachine);
    io.field("running-qemu"_L1, g.runningQemu);
    io.field("serial"_L1, g.serial);
    io.field("pressurecpusome"_L1, g.pressurecpusome);
    io.field("pressurecpufull"_L1, g.pressurecpufull);
    io.field("pressureiosome"_L1, g.pressureiosome);
    io.field("pressureiofull"_L1, g.pressureiofull);
    io.field("pressurememorysome"_L1, g.pressurememorysome);
    io.field("pressurememoryfull"_L1, g.pressurememoryfull);
};

Result<Guest> Guest::fromJson(const QJsonObject &json)
{
    return JsonReader::read<Guest>(json, "Guest"_L1, describeGuest);
}

QJsonObject Guest::toJson() const
{
    return JsonWriter::write(*this, describeGuest);
}

} // namespace atalaia::model
