#pragma once

#include <QCoreApplication>

namespace atalaia::cluster {

// The translation context of every user-visible string in core/cluster.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(atalaia::cluster)
};

} // namespace atalaia::cluster
