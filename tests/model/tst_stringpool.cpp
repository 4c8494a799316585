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

    void smallPoolsStaySmall()
    {
        // A source of one line holds a few short strings: its pools must not cost hundreds of KiB each
        // (a bundle of 100 000 tiny files has 100 000 sources).
        StringPool pool;
        pool.intern("www.example.com");
        pool.intern("/node/1");
        QVERIFY2(pool.memoryBytes() < 16 * 1024, qPrintable(QString::number(pool.memoryBytes())));
        // Growing still works, across many blocks and after a large string has its own block.
        pool.intern(std::string(100'000, 'y'));
        for (int k = 0; k < 20'000; ++k)
            pool.intern("host-" + std::to_string(k) + ".example.org");
        QCOMPARE(std::string(pool.view(pool.find("host-19999.example.org"))),
                 std::string("host-19999.example.org"));
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

    // After sortByText() and storeInIdOrder(), every id still names its own text (including a string too
    // big for a shared block), interning and find() still agree, and the texts lie one after another in
    // id order, which is what makes a scan of the whole pool fast.
    void storedAgainInIdOrder()
    {
        StringPool pool;
        std::vector<std::string> texts;
        for (int i = 0; i < 50'000; ++i)
            texts.push_back("/node/" + std::to_string((i * 7919) % 50'000) + "/edit");
        texts.push_back(std::string(200'000, 'z'));
        for (const std::string& text : texts)
            pool.intern(text);
        const std::vector<std::uint32_t> map = pool.sortByText();
        QCOMPARE(map.size(), std::size_t(pool.size()));
        const std::size_t before = pool.memoryBytes();
        pool.storeInIdOrder();
        QVERIFY2(pool.memoryBytes() <= before + 256 * 1024, qPrintable(QString::number(pool.memoryBytes())));

        std::size_t inOrder = 0;
        for (std::uint32_t id = 1; id < pool.size(); ++id) {
            if (id > 1) {
                QVERIFY(pool.view(id - 1) < pool.view(id)); // text order
                inOrder += pool.view(id).data() == pool.view(id - 1).data() + pool.view(id - 1).size();
            }
        }
        // Only a new block (every 256 KiB) or the big string's own block breaks the chain.
        QVERIFY2(inOrder + 40 >= pool.size() - 2, qPrintable(QString::number(inOrder)));
        for (const std::string& text : texts) {
            const std::uint32_t id = pool.find(text);
            QVERIFY(id != UINT32_MAX);
            QCOMPARE(std::string(pool.view(id)), text);
            QCOMPARE(pool.intern(text), id);
        }
        const std::uint32_t next = pool.size();
        QCOMPARE(pool.intern("/new"), next);
    }
};

QTEST_GUILESS_MAIN(TestStringPool)
#include "tst_stringpool.moc"
