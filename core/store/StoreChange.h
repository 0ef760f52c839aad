#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace atalaia::store {

// One change of an atomic batch (ConfigStore::apply).
//
// expectedVersion is the optimistic-concurrency guard:
//   std::nullopt  no check (last writer wins);
//   0             the path must not exist (create only; writes only);
//   N > 0         the path must be at version N.
// A mismatch fails the whole batch with Code::StoreConflict.
struct StoreChange {
    enum class Kind { Write, Remove };

    Kind kind = Kind::Write;
    QString path;
    QByteArray data; // writes only
    std::optional<quint64> expectedVersion;

    static StoreChange write(QString path, QByteArray data, std::optional<quint64> expectedVersion = std::nullopt)
    {
        return StoreChange{Kind::Write, std::move(path), std::move(data), expectedVersion};
    }
    static StoreChange remove(QString path, std::optional<quint64> expectedVersion = std::nullopt)
    {
        return StoreChange{Kind::Remove, std::move(path), {}, expectedVersion};
    }

    friend bool operator==(const StoreChange &, const StoreChange &) = default;
};

} // namespace atalaia::store
