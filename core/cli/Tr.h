#pragma once

#include <QCoreApplication>

namespace atalaia::cli {

// The translation context of every user-visible string in core/cli.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(atalaia::cli)
};

} // namespace atalaia::cli
