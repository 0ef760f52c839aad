#pragma once

#include <QCoreApplication>

namespace atalaia::ui {

// The translation context of user-visible strings in ui/ that live outside a
// QObject (QObject subclasses use their own tr()).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(atalaia::ui)
};

} // namespace atalaia::ui
