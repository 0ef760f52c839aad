#include "ConfigFileBase.h"

#include <algorithm>

namespace atalaia::config {

void ConfigFileBase::sortDiagnostics()
{
    std::stable_sort(m_diagnostics.begin(), m_diagnostics.end(), [](const Diagnostic &a, const Diagnostic &b) {
        return a.line != b.line ? a.line < b.line : a.column < b.column;
    });
}

} // namespace atalaia::config
