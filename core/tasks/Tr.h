#pragma once

#include <QCoreApplication>

namespace atalaia::tasks {

// The translation context of every user-visible string in core/tasks.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(atalaia::tasks)
};

} // namespace atalaia::tasks
