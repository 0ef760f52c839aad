#pragma once

#include "base/Error.h"
#include "config/GuestConfigFile.h"
#include "model/GuestType.h"

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

namespace atalaia::guests {

// A guest config file as the guest actions read and edit it: the main
// section as key -> value, the pending section, the description; edits go
// through config::GuestConfigFile, so everything else in the file (snapshots,
// comments, raw lxc.* lines) stays as it was.
class GuestConfigText
{
public:
    // A file with errors is refused with the first one (file:line:column).
    static Result<GuestConfigText> parse(const QByteArray &bytes, const QString &fileName, model::GuestType type);
    static GuestConfigText empty(const QString &fileName, model::GuestType type);

    QMap<QString, QString> values() const;
    QMap<QString, QString> pendingValues() const;
    QStringList pendingDeletes() const;
    QString description() const;
    // values() with the pending changes applied.
    QMap<QString, QString> valuesWithPending() const;

    Result<void> set(const QString &key, const QString &value);
    Result<void> remove(const QString &key);
    Result<void> setPending(const QString &key, const QString &value);
    Result<void> deletePending(const QString &key);
    void revertPending(const QString &key);
    // Moves every pending change into the main section (at start).
    Result<void> applyPending();

    QByteArray toBytes() const { return m_file.toBytes(); }

private:
    explicit GuestConfigText(config::GuestConfigFile file) : m_file(std::move(file)) {}
    config::GuestConfigFile m_file;
};

} // namespace atalaia::guests
