#pragma once

#include "PropertySchema.h"

#include <QList>
#include <QString>
#include <QStringView>

namespace atalaia::schema {

struct ValueProblem {
    enum class Severity { Error, Warning };
    Severity severity = Severity::Error;
    QString message;       // what is wrong and what would be right
    qsizetype offset = 0;  // where in the value the problem starts
};

// Validates a textual value (as found in a config file or a form-encoded API
// parameter) against its schema definition: type, enum, range, length,
// pattern, named format and, for property strings, every item.
QList<ValueProblem> validateValue(const PropertySchema &property, QStringView value);

// Proxmox's boolean spellings: 1/0, yes/no, on/off, true/false (any case).
std::optional<bool> parseBoolean(QStringView value);

} // namespace atalaia::schema
