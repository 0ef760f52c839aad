#pragma once

#include <QCoreApplication>

namespace atalaia::secrets {

// The translation context of every user-visible string in core/secrets.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(atalaia::secrets)
};

} // namespace atalaia::secrets
