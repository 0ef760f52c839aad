#pragma once

#include <QCoreApplication>

namespace atalaia::model {

// The translation context of every user-visible string in core/model, so
// translators see one stable context ("atalaia::model").
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(atalaia::model)
};

} // namespace atalaia::model
