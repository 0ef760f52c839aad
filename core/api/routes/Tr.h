#pragma once

#include <QCoreApplication>

namespace atalaia::api {

// The translation context of the user-visible strings of core/api's routes.
// Messages that repeat Proxmox VE's wording (clients and scripts match them)
// are wrapped too: a translation may add to them but should keep their sense.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(atalaia::api)
};

} // namespace atalaia::api
