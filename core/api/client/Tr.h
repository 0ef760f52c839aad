#pragma once

#include <QCoreApplication>

namespace atalaia::api::client {

// The translation context of every user-visible string in core/api/client.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(atalaia::api::client)
};

} // namespace atalaia::api::client
