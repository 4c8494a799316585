// Hosts as the timeline stores them: one site is one host, whatever case a log wrote it in.

#include "importtestutil.h"
#include "model/timeline.h"

#include <QTemporaryDir>

using namespace gd;
using namespace gdtest;

class TestStoredHosts : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // The access log has nginx's lower-case $host; the error log's `host:` is the Host header as
    // the client typed it.
    void hostsFoldCaseAcrossLogs()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QByteArray errors = errorLog();
        errors.replace("host: \"example.com\"", "host: \"Example.COM\"");
        QVERIFY(errors.contains("Example.COM"));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("var/log/nginx/error.log")), errors));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("var/log/nginx/access.log")), accessLog()));
        Importer importer({});
        const ImportResult result = importer.run({dir.path()});
        QVERIFY(result.timeline);
        const StringPool& hosts = result.timeline->hosts();
        std::vector<std::string> names;
        for (std::uint32_t id = 0; id < hosts.size(); ++id)
            names.emplace_back(hosts.view(id));
        for (const std::string& name : names)
            QVERIFY2(QString::fromStdString(name) == QString::fromStdString(name).toLower(), name.c_str());
        QVERIFY(hosts.find("example.com") != UINT32_MAX);
        // Both error lines that named the site in capitals are on the one host.
        const EventColumns& events = result.timeline->events();
        int errorsOnSite = 0;
        for (std::size_t i = 0; i < events.size(); ++i) {
            errorsOnSite += result.sources[events.source[i]].kind == LogKind::NginxError &&
                            hosts.view(events.host[i]) == "example.com";
        }
        QCOMPARE(errorsOnSite, 2);
    }
};

QTEST_GUILESS_MAIN(TestStoredHosts)
#include "tst_storedhosts.moc"
