#pragma once

#include <QCoreApplication>

namespace atalaia::store {

// The translation context of every user-visible string in core/store.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(atalaia::store)
};

} // namespace atalaia::store
