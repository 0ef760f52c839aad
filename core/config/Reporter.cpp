#include "Reporter.h"

#include "schema/ParameterSet.h"
#include "schema/ValueValidator.h"

namespace atalaia::config {

Reporter::Reporter(QString file, const LineBuffer &lines, Diagnostics &out)
    : m_file(std::move(file))
    , m_lines(lines)
    , m_out(out)
{
}

void Reporter::add(Diagnostic::Severity severity, qsizetype line, qsizetype byte, QString message, int extraColumns)
{
    const int column = line < m_lines.lineCount() ? m_lines.columnOf(line, byte) : 1;
    m_out.append({severity, m_file, int(line + 1), column + extraColumns, std::move(message)});
}

void Reporter::error(qsizetype line, qsizetype byte, QString message)
{
    add(Diagnostic::Severity::Error, line, byte, std::move(message));
}

void Reporter::warning(qsizetype line, qsizetype byte, QString message)
{
    add(Diagnostic::Severity::Warning, line, byte, std::move(message));
}

void Reporter::checkProperty(const schema::ParameterSet *set, QStringView key, QStringView value,
                             qsizetype line, qsizetype keyByte, qsizetype valueByte,
                             const QString &sectionType)
{
    if (!set)
        return;
    const schema::PropertySchema *property = set->find(key);
    if (!property) {
        warning(line, keyByte, QStringLiteral("unknown key '%1' (kept as written; check its spelling)").arg(key));
        return;
    }
    if (!sectionType.isEmpty() && !property->instanceTypes.isEmpty()
        && !property->instanceTypes.contains(sectionType)) {
        error(line, keyByte, QStringLiteral("'%1' does not apply to a '%2' section: it is for %3")
                                 .arg(key, sectionType, property->instanceTypes.join(QStringLiteral(", "))));
        return;
    }
    for (const schema::ValueProblem &problem : schema::validateValue(*property, value)) {
        const auto severity = problem.severity == schema::ValueProblem::Severity::Error
            ? Diagnostic::Severity::Error : Diagnostic::Severity::Warning;
        add(severity, line, valueByte, problem.message, int(problem.offset));
    }
}

} // namespace atalaia::config
