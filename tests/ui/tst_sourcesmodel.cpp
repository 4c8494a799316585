// SourcesModel on a real import of a small bundle made with tar: structure (QAbstractItemModelTester)
// and content (grouping, counts, skip reasons, greyed skipped files, configs, time spans per time mode).

#include "import/importer.h"
#include "sources/sourcesmodel.h"
#include "uitestutil.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QFont>
#include <QPalette>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace gd;
using namespace gdtest;

class TestSourcesModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        bundle_ = makeBundle(dir_.path());
        QVERIFY(!bundle_.isEmpty());
        Importer importer{ImportOptions{}};
        result_ = std::make_shared<const ImportResult>(importer.run({bundle_}));
        QVERIFY(!result_->cancelled);
        QCOMPARE(result_->sources.size(), std::size_t{3});
        QCOMPARE(result_->serverTimeZone, QStringLiteral("Europe/Amsterdam"));
    }

    void modelTesterAcrossResets()
    {
        SourcesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setImport(result_);
        QVERIFY(model.rowCount() > 0);
        model.setTimeDisplay(TimeDisplay(TimeDisplay::Mode::Utc, ServerZone::fromImport(*result_)));
        model.setImport(nullptr);
        QCOMPARE(model.rowCount(), 0);
        model.setImport(result_);
        QVERIFY(model.rowCount() > 0);
    }

    void groupsByBundleAndFolder()
    {
        SourcesModel model;
        model.setImport(result_);
        // One bundle: its path is the top row; var/ has one child folder (log) so they show as one row.
        QCOMPARE(model.rowCount(), 1);
        const QModelIndex top = model.index(0, SourcesModel::NameColumn);
        QCOMPARE(top.data().toString(), QStringLiteral("bundle.tar.gz"));
        QCOMPARE(top.data(SourcesModel::FullPathRole).toString(), bundle_);
        QCOMPARE(top.data(Qt::ToolTipRole).toString(), bundle_);
        QCOMPARE(top.data(SourcesModel::EntryTypeRole).toInt(), int(SourcesModel::EntryType::Folder));
        QStringList children;
        for (int row = 0; row < model.rowCount(top); ++row)
            children << model.index(row, 0, top).data().toString();
        QCOMPARE(children, (QStringList{QStringLiteral("etc"), QStringLiteral("var/log")}));

        const QModelIndex varLog = model.index(1, 0, top);
        QCOMPARE(varLog.data(SourcesModel::FullPathRole).toString(), bundle_ + QStringLiteral("!/var/log"));
        QStringList logChildren;
        for (int row = 0; row < model.rowCount(varLog); ++row)
            logChildren << model.index(row, 0, varLog).data().toString();
        // Folders first, then files.
        QCOMPARE(logChildren, (QStringList{QStringLiteral("nginx"), QStringLiteral("php"),
                                           QStringLiteral("picture.png")}));

        // Folder totals add up the sources below them.
        QCOMPARE(cell(top, SourcesModel::EventsColumn), QStringLiteral("6"));
        QCOMPARE(cell(top, SourcesModel::SkippedColumn), QStringLiteral("1"));
    }

    void sourceRows()
    {
        SourcesModel model;
        model.setImport(result_);
        const QModelIndex access = findPath(model, bundle_ + QStringLiteral("!/var/log/nginx/access.log"));
        QVERIFY(access.isValid());
        QCOMPARE(access.data().toString(), QStringLiteral("access.log"));
        QCOMPARE(cell(access, SourcesModel::KindColumn), QStringLiteral("nginx access log"));
        QCOMPARE(cell(access, SourcesModel::EventsColumn), QStringLiteral("3"));
        QCOMPARE(cell(access, SourcesModel::SkippedColumn), QStringLiteral("1"));
        const QString skipTip = cell(access, SourcesModel::SkippedColumn, Qt::ToolTipRole);
        QVERIFY2(skipTip.contains(QStringLiteral("1 line, first at line 2")), qPrintable(skipTip));
        QCOMPARE(cell(access, SourcesModel::NoteColumn), QStringLiteral("offsets written on each line"));
        const int source = access.data(SourcesModel::SourceIndexRole).toInt();
        QVERIFY(source >= 0);
        QCOMPARE(result_->sources[std::size_t(source)].path,
                 bundle_ + QStringLiteral("!/var/log/nginx/access.log"));
        QCOMPARE(model.indexForSource(source), access);

        const QModelIndex fpm =
            findPath(model, bundle_ + QStringLiteral("!/var/log/php/php83-fpm-error.log"));
        QVERIFY(fpm.isValid());
        QCOMPARE(cell(fpm, SourcesModel::KindColumn), QStringLiteral("PHP-FPM log"));
        QCOMPARE(cell(fpm, SourcesModel::EventsColumn), QStringLiteral("2"));
        QCOMPARE(cell(fpm, SourcesModel::SkippedColumn), QString());
        QVERIFY(cell(fpm, SourcesModel::NoteColumn).contains(QStringLiteral("Europe/Amsterdam")));
    }

    void skippedFilesAreGreyedWithReason()
    {
        SourcesModel model;
        model.setImport(result_);
        const QString path = bundle_ + QStringLiteral("!/var/log/picture.png");
        const QModelIndex png = findPath(model, path);
        QVERIFY(png.isValid());
        QCOMPARE(png.data(SourcesModel::EntryTypeRole).toInt(), int(SourcesModel::EntryType::SkippedFile));
        QCOMPARE(png.data(SourcesModel::SourceIndexRole).toInt(), -1);
        const auto skipped = std::find_if(result_->skipped.begin(), result_->skipped.end(),
                                          [&](const SkippedFile& file) { return file.path == path; });
        QVERIFY(skipped != result_->skipped.end());
        QVERIFY(!skipped->reason.isEmpty());
        QCOMPARE(cell(png, SourcesModel::NoteColumn), skipped->reason);
        QCOMPARE(cell(png, SourcesModel::KindColumn, Qt::ToolTipRole), skipped->reason);
        const QBrush brush = png.data(Qt::ForegroundRole).value<QBrush>();
        QCOMPARE(brush.color(), QApplication::palette().color(QPalette::Disabled, QPalette::Text));
        QCOMPARE(cell(png, SourcesModel::EventsColumn), QString());
    }

    void configsAreMarked()
    {
        SourcesModel model;
        model.setImport(result_);
        const QModelIndex zone = findPath(model, bundle_ + QStringLiteral("!/etc/timezone"));
        QVERIFY(zone.isValid());
        QCOMPARE(zone.data(SourcesModel::EntryTypeRole).toInt(), int(SourcesModel::EntryType::Config));
        QCOMPARE(cell(zone, SourcesModel::KindColumn), QStringLiteral("configuration"));
        QVERIFY(zone.data(Qt::FontRole).value<QFont>().italic());
    }

    void timeSpanFollowsTimeDisplay()
    {
        SourcesModel model;
        model.setImport(result_);
        const QModelIndex access = findPath(model, bundle_ + QStringLiteral("!/var/log/nginx/access.log"));
        const ServerZone server = ServerZone::fromImport(*result_);
        QVERIFY(server.isExact());

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setTimeDisplay(TimeDisplay(TimeDisplay::Mode::Utc, server));
        QVERIFY(changed.count() > 0);
        QCOMPARE(cell(access, SourcesModel::SpanColumn), QStringLiteral("2026-11-24 09:51:32 – 10:03:01"));
        QCOMPARE(model.headerData(SourcesModel::SpanColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Time span (UTC)"));

        // Amsterdam is UTC+1 in November: the times as the server wrote them.
        model.setTimeDisplay(TimeDisplay(TimeDisplay::Mode::ServerLocal, server));
        QCOMPARE(cell(access, SourcesModel::SpanColumn), QStringLiteral("2026-11-24 10:51:32 – 11:03:01"));
        QCOMPARE(model.headerData(SourcesModel::SpanColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Time span (Europe/Amsterdam)"));
        const QString tip = cell(access, SourcesModel::SpanColumn, Qt::ToolTipRole);
        QVERIFY2(tip.contains(QStringLiteral("2026-11-24 10:51:32.000")), qPrintable(tip));
    }

    void folderRowsSpanTheirChildren()
    {
        SourcesModel model;
        model.setImport(result_);
        model.setTimeDisplay(TimeDisplay(TimeDisplay::Mode::Utc, ServerZone::fromImport(*result_)));
        const QModelIndex top = model.index(0, 0);
        // Earliest: 09:51:32Z (several files); latest: the access log's 10:03:01Z.
        QCOMPARE(cell(top, SourcesModel::SpanColumn), QStringLiteral("2026-11-24 09:51:32 – 10:03:01"));
    }

private:
    QTemporaryDir dir_;
    QString bundle_;
    std::shared_ptr<const ImportResult> result_;
};

QTEST_MAIN(TestSourcesModel)
#include "tst_sourcesmodel.moc"
