#pragma once

#include <QCoreApplication>

namespace atalaia::access {

// The translation context of every user-visible string in core/access.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(atalaia::access)
};

} // namespace atalaia::access
