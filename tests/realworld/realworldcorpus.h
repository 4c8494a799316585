#pragma once

// The real-world corpus of tests/data/realworld/ (see its README): cases of log lines posted in public
// threads, each with the cause its thread's resolution shows.

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <vector>

namespace gdtest {

struct RealWorldCase {
    QString id;
    QString folder;
    QString source;     ///< the thread's URL
    QString cause;      ///< cause id the resolution shows
    QString certainty;  ///< confirmed | likely | plausible
    QStringList pastes; ///< absolute paths of the paste files, in order
};

inline std::vector<RealWorldCase> realWorldCases()
{
    std::vector<RealWorldCase> cases;
    const QDir root(QStringLiteral(GD_TEST_DATA_DIR "/realworld/cases"));
    for (const QString& id : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        QFile file(root.filePath(id + QStringLiteral("/case.json")));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
        RealWorldCase c;
        c.id = id;
        c.folder = root.filePath(id);
        c.source = json.value(QStringLiteral("source")).toString();
        c.cause = json.value(QStringLiteral("cause")).toString();
        c.certainty = json.value(QStringLiteral("certainty")).toString();
        for (const QJsonValue& paste : json.value(QStringLiteral("pastes")).toArray())
            c.pastes << root.filePath(id + u'/' + paste.toObject().value(QStringLiteral("file")).toString());
        cases.push_back(c);
    }
    return cases;
}

} // namespace gdtest
