#include "ResourceIcons.h"

#include "SvgIconEngine.h"

#include <QLatin1StringView>

#include <array>

namespace atalaia::ui {

using namespace Qt::StringLiterals;

namespace {

struct IconSpec {
    QLatin1StringView stem; // file name under icons/ without ".svg"
    QLatin1StringView generic; // theme icon for state-less kinds, or empty
};

constexpr std::array<IconSpec, ResourceIcons::kIconCount> kSpecs{{
    {"datacenter"_L1, {}},
    {"datacenter-offline"_L1, {}},
    {"node-online"_L1, {}},
    {"node-offline"_L1, {}},
    {"vm-running"_L1, {}},
    {"vm-stopped"_L1, {}},
    {"vm-paused"_L1, {}},
    {"ct-running"_L1, {}},
    {"ct-stopped"_L1, {}},
    {"template"_L1, {}},
    {"storage"_L1, "drive-harddisk"_L1},
    {"storage-unavailable"_L1, {}},
    {"pool"_L1, {}},
    {"tag"_L1, "tag"_L1},
    {"folder"_L1, "folder"_L1},
    {"network"_L1, "network-wired"_L1},
}};

} // namespace

QString ResourceIcons::bundledPath(Icon which)
{
    return u":/atalaia/icons/"_s + kSpecs[size_t(which)].stem + u".svg"_s;
}

QIcon ResourceIcons::bundledIcon(Icon which)
{
    return QIcon(new SvgIconEngine(bundledPath(which)));
}

QIcon ResourceIcons::icon(Icon which)
{
    // data(DecorationRole) runs for every painted row: resolve each icon once.
    static std::array<QIcon, kIconCount> cache;
    QIcon &icon = cache[size_t(which)];
    if (icon.isNull()) {
        const IconSpec &spec = kSpecs[size_t(which)];
        QIcon fallback = bundledIcon(which);
        if (!spec.generic.isEmpty())
            fallback = QIcon::fromTheme(QString(spec.generic), fallback);
        icon = QIcon::fromTheme(u"atalaia-"_s + spec.stem, fallback);
    }
    return icon;
}

} // namespace atalaia::ui
