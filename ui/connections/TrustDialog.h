#pragma once

#include "api/client/Endpoint.h"
#include "api/client/Fingerprint.h"

#include <QDialog>

class QLabel;
class QLineEdit;

namespace atalaia::ui {

// First contact with a server: shows its certificate's SHA-256 fingerprint so
// the user can compare it with the one the node prints (atalaiad's log,
// `pvenode cert info`, or a cluster's join information) and trust it. A
// fingerprint pasted into the comparison field is checked as it is typed.
class TrustDialog : public QDialog
{
    Q_OBJECT
public:
    TrustDialog(const QString &clusterName, const api::client::Endpoint &endpoint,
                const api::client::Fingerprint &presented, QWidget *parent = nullptr);

private:
    void compare(const QString &text);

    api::client::Fingerprint m_presented;
    QLineEdit *m_expected = nullptr;
    QLabel *m_verdict = nullptr;
};

} // namespace atalaia::ui
