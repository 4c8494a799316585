#include "model/stringpool.h"

#include <QTest>
#include <string>

using namespace gd;

class TestStringPool : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void emptyIsZero()
    {
        StringPool pool;
        QCOMPARE(pool.intern(""), 0U);
        QCOMPARE(pool.size(), 1U);
        QVERIFY(pool.view(0).empty());
    }

    void internIsStableAcrossGrowth()
    {
        StringPool pool;
        std::vector<std::uint32_t> ids;
        for (int i = 0; i < 100000; ++i)
            ids.push_back(pool.intern("host-" + std::to_string(i)));
        QCOMPARE(pool.size(), 100001U);
        for (int i = 0; i < 100000; i += 997) {
            const std::string text = "host-" + std::to_string(i);
            QCOMPARE(pool.intern(text), ids[static_cast<std::size_t>(i)]);
            QCOMPARE(pool.find(text), ids[static_cast<std::size_t>(i)]);
            QCOMPARE(std::string(pool.view(ids[static_cast<std::size_t>(i)])), text);
        }
        QCOMPARE(pool.find("absent"), UINT32_MAX);
    }

    void largeAndBinaryStrings()
    {
        StringPool pool;
        const std::string big(300000, 'x');
        const std::string binary("a\0b\xff", 4);
        const auto bigId = pool.intern(big);
        const auto binId = pool.intern(binary);
        QVERIFY(bigId != binId);
        QCOMPARE(pool.view(bigId).size(), big.size());
        QCOMPARE(std::string(pool.view(binId)), binary);
        QCOMPARE(pool.intern(std::string("a\0b\xff", 4)), binId);
    }
};

QTEST_GUILESS_MAIN(TestStringPool)
#include "tst_stringpool.moc"
