#pragma once

// Reads the label files the live lab writes next to each bundle (tests/lab/README.md).

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <vector>

namespace labtest {

struct LabelledIncident {
    QString cause;
    qint64 startMs = 0;
    qint64 endMs = 0;
    QStringList hosts;
    QStringList urls;
    QString segfaultModule;
};

struct Label {
    QString scenario;
    QString serverTimeZone; ///< empty when the bundle does not tell (then this machine's zone is used)
    bool failureLines = true; ///< false when the bundle holds no log of the failed requests (PHP-FPM side only)
    std::vector<LabelledIncident> incidents;
};

inline qint64 isoMs(const QString& text)
{
    return QDateTime::fromString(text, Qt::ISODate).toMSecsSinceEpoch();
}

inline QStringList strings(const QJsonValue& value)
{
    QStringList out;
    for (const QJsonValue& item : value.toArray())
        out << item.toString();
    return out;
}

inline Label readLabel(const QString& path)
{
    QFile file(path);
    Label label;
    if (!file.open(QIODevice::ReadOnly))
        return label;
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    label.scenario = root.value(QStringLiteral("scenario")).toString();
    label.serverTimeZone = root.value(QStringLiteral("server_timezone")).toString();
    label.failureLines = root.value(QStringLiteral("failure_lines")).toBool(true);
    for (const QJsonValue& value : root.value(QStringLiteral("incidents")).toArray()) {
        const QJsonObject incident = value.toObject();
        label.incidents.push_back({incident.value(QStringLiteral("cause")).toString(),
                                   isoMs(incident.value(QStringLiteral("start_utc")).toString()),
                                   isoMs(incident.value(QStringLiteral("end_utc")).toString()),
                                   strings(incident.value(QStringLiteral("hosts"))),
                                   strings(incident.value(QStringLiteral("urls"))),
                                   incident.value(QStringLiteral("segfault_module")).toString()});
    }
    return label;
}

/// Every committed lab bundle and the demo bundle: (bundle path, label path).
/// With GD_LAB_DIR set, the bundles of a fresh lab run in that folder instead (the CI lab leg).
inline std::vector<std::pair<QString, QString>> labBundles(const QString& testData, const QString& sourceDir)
{
    std::vector<std::pair<QString, QString>> bundles;
    QStringList paths;
    const QString fresh = qEnvironmentVariable("GD_LAB_DIR");
    const QString folder = fresh.isEmpty() ? testData + QStringLiteral("/lab") : fresh;
    for (const QString& name : QDir(folder).entryList({QStringLiteral("*.tar.gz")}, QDir::Files))
        paths << folder + u'/' + name;
    if (fresh.isEmpty())
        paths << sourceDir + QStringLiteral("/resources/demo/demo-bundle.tar.gz");
    for (const QString& bundle : paths) {
        QString label = bundle;
        label.replace(QStringLiteral(".tar.gz"), QStringLiteral(".label.json"));
        bundles.emplace_back(bundle, label);
    }
    return bundles;
}

} // namespace labtest
