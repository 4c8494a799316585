#include "time/civiltime.h"

#include <QTest>

using namespace gd;

class TestCivilTime : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<int>("year");
        QTest::addColumn<int>("month");
        QTest::addColumn<int>("day");
        QTest::addColumn<QString>("iso");
        QTest::newRow("epoch") << 1970 << 1 << 1 << QStringLiteral("1970-01-01T00:00:00Z");
        QTest::newRow("leap day") << 2028 << 2 << 29 << QStringLiteral("2028-02-29T00:00:00Z");
        QTest::newRow("new year") << 2027 << 1 << 1 << QStringLiteral("2027-01-01T00:00:00Z");
        QTest::newRow("before epoch") << 1969 << 12 << 31 << QStringLiteral("1969-12-31T00:00:00Z");
    }
    void roundTrip()
    {
        QFETCH(int, year);
        QFETCH(int, month);
        QFETCH(int, day);
        QFETCH(QString, iso);
        const CivilMs ms = civilMs({year, month, day, 0, 0, 0, 0});
        QCOMPARE(QString::fromStdString(formatIsoUtc(ms)), iso);
        const CivilFields back = civilFields(ms);
        QCOMPARE(back.year, year);
        QCOMPARE(back.month, month);
        QCOMPARE(back.day, day);
    }

    void knownInstant()
    {
        // 2026-11-24T10:51:32Z is 1795517492 s after the epoch (date -u -d @1795517492).
        QCOMPARE(civilMs({2026, 11, 24, 10, 51, 32, 0}), 1795517492000LL);
        QCOMPARE(QString::fromStdString(formatIsoUtc(1795517492123LL)),
                 QStringLiteral("2026-11-24T10:51:32.123Z"));
    }

    void validity()
    {
        QVERIFY(isValidCivil({2026, 2, 28, 23, 59, 59, 0}));
        QVERIFY(!isValidCivil({2026, 2, 29, 0, 0, 0, 0}));
        QVERIFY(!isValidCivil({2026, 4, 31, 0, 0, 0, 0}));
        QVERIFY(!isValidCivil({2026, 13, 1, 0, 0, 0, 0}));
        QVERIFY(!isValidCivil({2026, 1, 1, 24, 0, 0, 0}));
        QCOMPARE(monthFromAbbrev("Dec"), 12);
        QCOMPARE(monthFromAbbrev("dec"), 0);
        QCOMPARE(monthFromAbbrev("De"), 0);
        QCOMPARE(parseDigits("2026x", 0, 4), 2026);
        QCOMPARE(parseDigits("20x6", 0, 4), -1);
        QCOMPARE(parseDigits("12", 1, 4), -1);
    }
};

QTEST_GUILESS_MAIN(TestCivilTime)
#include "tst_civiltime.moc"
