#include "TrustDialog.h"

#include "cluster/JoinInformation.h"

#include "StandardButtons.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace atalaia::ui {

using api::client::Fingerprint;

TrustDialog::TrustDialog(const QString &clusterName, const api::client::Endpoint &endpoint,
                         const Fingerprint &presented, QWidget *parent)
    : QDialog(parent)
    , m_presented(presented)
{
    setWindowTitle(tr("Trust this server?"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("<b>%1</b> (%2) presented a certificate that this console has not seen before. "
                                "Compare its fingerprint with the one the node shows before you trust it.")
                                 .arg(clusterName.toHtmlEscaped(), endpoint.toString().toHtmlEscaped()),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addWidget(new QLabel(tr("SHA-256 fingerprint:"), this));
    auto *fingerprint = new QLabel(presented.toString(), this);
    fingerprint->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    fingerprint->setWordWrap(true);
    fingerprint->setAccessibleName(tr("Certificate fingerprint"));
    layout->addWidget(fingerprint);

    layout->addWidget(new QLabel(tr("Paste the expected fingerprint (or the cluster's join information) to compare:"),
                                 this));
    m_expected = new QLineEdit(this);
    m_expected->setAccessibleName(tr("Expected fingerprint"));
    layout->addWidget(m_expected);
    m_verdict = new QLabel(this);
    m_verdict->setWordWrap(true);
    layout->addWidget(m_verdict);
    connect(m_expected, &QLineEdit::textChanged, this, &TrustDialog::compare);

    auto *buttons = new QDialogButtonBox(this);
    auto *trust = buttons->addButton(tr("&Trust and connect"), QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    nameStandardButtons(*buttons);
    trust->setAutoDefault(false); // Enter must not trust by accident
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

void TrustDialog::compare(const QString &text)
{
    QString candidate = text.trimmed();
    if (candidate.isEmpty()) {
        m_verdict->clear();
        return;
    }
    // A cluster's Join Information carries the node's fingerprint too.
    if (const auto join = cluster::JoinInformation::fromBlob(candidate))
        candidate = join->fingerprint;
    const auto expected = Fingerprint::parse(candidate);
    if (!expected)
        m_verdict->setText(tr("Not a SHA-256 fingerprint: %1").arg(expected.error().message));
    else if (*expected == m_presented)
        m_verdict->setText(tr("✔ The fingerprints match."));
    else
        m_verdict->setText(tr("✘ The fingerprints differ: do not trust this server."));
}

} // namespace atalaia::ui
