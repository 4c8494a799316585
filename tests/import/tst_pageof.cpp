// The timeline stores the page a request names, not its query string (cache busters, sessions).

#include "import/sourceparser.h"

#include <QTest>

class TestPageOf : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void page_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::addColumn<QString>("page");
        QTest::newRow("plain path") << QStringLiteral("/node/12") << QStringLiteral("/node/12");
        QTest::newRow("cache buster")
            << QStringLiteral("/node/12?nocache=1&_=17") << QStringLiteral("/node/12");
        QTest::newRow("drupal 7 q") << QStringLiteral("/index.php?q=admin/reports/updates")
                                    << QStringLiteral("/index.php?q=admin/reports/updates");
        QTest::newRow("q then more") << QStringLiteral("/?q=node/5&page=2") << QStringLiteral("/?q=node/5");
        QTest::newRow("q not first") << QStringLiteral("/search?page=2&q=foo") << QStringLiteral("/search");
        QTest::newRow("qq is not q") << QStringLiteral("/x?qq=1") << QStringLiteral("/x");
        QTest::newRow("empty query") << QStringLiteral("/x?") << QStringLiteral("/x");
        QTest::newRow("empty") << QString() << QString();
    }
    void page()
    {
        QFETCH(QString, uri);
        QFETCH(QString, page);
        const std::string text = uri.toStdString();
        const std::string_view result = gd::pageOf(text);
        QCOMPARE(QString::fromStdString(std::string(result)), page);
    }
};

QTEST_GUILESS_MAIN(TestPageOf)
#include "tst_pageof.moc"
