#include "shell/collectscriptdialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

namespace gd {

namespace {
const char kResourcePath[] = ":/gatewaydoctor/collect/gateway-doctor-collect.sh";
const char kRunCommand[] = "sh gateway-doctor-collect.sh";
} // namespace

QByteArray CollectScriptDialog::scriptText()
{
    QFile file(QString::fromLatin1(kResourcePath));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QString CollectScriptDialog::scriptFileName()
{
    return QStringLiteral("gateway-doctor-collect.sh");
}

bool CollectScriptDialog::saveScript(const QString& path, QString* error)
{
    const QByteArray text = scriptText();
    if (text.isEmpty()) {
        *error = tr("The script is missing from this build of Gateway Doctor.");
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit()) {
        *error = tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    // A client runs it with "sh FILE", but an executable copy also runs as "./FILE".
    QFile::setPermissions(path, QFile::permissions(path) | QFileDevice::ExeOwner | QFileDevice::ExeUser);
    return true;
}

CollectScriptDialog::CollectScriptDialog(QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Log Collection Script"));
    auto* intro = new QLabel(
        tr("<p>Send this script to a client whose site showed 502 or 504 errors. Run as root on the "
           "server, <code>%1</code> packs the nginx, PHP-FPM, PHP and system logs of the last 7 days "
           "(at most 200 MB, newest first) and the few settings that decide between the causes into one "
           "<code>.tar.gz</code>. It collects no passwords, keys, certificates or site settings; lines "
           "that may hold a secret are removed and listed in the archive's MANIFEST.txt.</p>"
           "<p>Open the archive it writes here as it is: no unpacking needed. "
           "<code>--help</code> lists its options (days, size, output file).</p>")
            .arg(QString::fromLatin1(kRunCommand)),
        this);
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::RichText);

    auto* view = new QPlainTextEdit(this);
    view->setObjectName(QStringLiteral("collectScriptText"));
    view->setReadOnly(true);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setPlainText(QString::fromUtf8(scriptText()));

    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("collectScriptStatus"));
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* save = buttons->addButton(tr("&Save Script As…"), QDialogButtonBox::ActionRole);
    save->setObjectName(QStringLiteral("saveCollectScript"));
    QPushButton* copy = buttons->addButton(tr("&Copy Run Command"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("copyRunCommand"));
    connect(save, &QPushButton::clicked, this, &CollectScriptDialog::saveWithDialog);
    connect(copy, &QPushButton::clicked, this, &CollectScriptDialog::copyRunCommand);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(view, 1);
    layout->addWidget(status_);
    layout->addWidget(buttons);
    resize(760, 560);
}

void CollectScriptDialog::saveWithDialog()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Log Collection Script"),
                                                      QDir::home().filePath(scriptFileName()),
                                                      tr("Shell scripts (*.sh);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (saveScript(path, &error))
        status_->setText(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
    else
        status_->setText(error);
}

void CollectScriptDialog::copyRunCommand()
{
    QApplication::clipboard()->setText(QString::fromLatin1(kRunCommand));
    status_->setText(tr("Copied: %1").arg(QString::fromLatin1(kRunCommand)));
}

} // namespace gd
