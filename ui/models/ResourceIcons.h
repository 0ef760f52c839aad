#pragma once

#include <QIcon>
#include <QString>

namespace atalaia::ui {

// The icons of the datacenter tree. Each comes from the desktop theme when
// the theme ships "atalaia-<name>" (so a distribution or a user can restyle
// the tree), then, for kinds that have no state to show, the theme's generic
// icon ("folder", "tag", "drive-harddisk", "network-wired") so the tree looks
// native; otherwise our bundled SVG under ui/models/icons/. Generic theme icons
// such as "computer" or "virtual-machine" are deliberately not used for guests
// and nodes: they cannot tell running from stopped, which is the point of the
// icon in this tree.
class ResourceIcons
{
public:
    enum class Icon {
        Datacenter,
        DatacenterOffline,
        NodeOnline,
        NodeOffline,
        VmRunning,
        VmStopped,
        VmPaused,
        ContainerRunning,
        ContainerStopped,
        Template,
        Storage,
        StorageUnavailable,
        Pool,
        Tag,
        Folder,
        Network,
    };
    static constexpr int kIconCount = int(Icon::Network) + 1;

    // Built on first use and shared; call from the GUI thread (QIcon is not
    // thread-safe to create).
    static QIcon icon(Icon which);

    // The bundled file, e.g. ":/atalaia/icons/vm-running.svg".
    static QString bundledPath(Icon which);
    // The bundled icon alone, without asking the theme (tests, previews).
    static QIcon bundledIcon(Icon which);
};

} // namespace atalaia::ui
