// The events table's filters on one input, without the window: what filterEvents costs per filter, so that
// its time can be profiled on its own (bench_gui measures the same filters through the workbench).
//
//   bench_filter [--repeat N] INPUT...
//
// Prints, per filter, the rows it keeps and the milliseconds of each run (median / max of N, default 5).

#include "events/eventsfilter.h"
#include "import/importer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <algorithm>
#include <cstdio>
#include <vector>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QStringList args = QCoreApplication::arguments().mid(1);
    int repeat = 5;
    if (args.value(0) == QLatin1String("--repeat") && args.size() > 1) {
        repeat = std::max(1, args.value(1).toInt());
        args = args.mid(2);
    }
    if (args.isEmpty()) {
        std::fprintf(stderr, "usage: bench_filter [--repeat N] INPUT...\n");
        return 64;
    }
    QElapsedTimer clock;
    clock.start();
    gd::Importer importer(gd::ImportOptions{});
    const gd::ImportResult import = importer.run(args);
    std::printf("imported %zu events in %lld ms\n", import.timeline ? import.timeline->size() : 0,
                static_cast<long long>(clock.elapsed()));

    struct Case {
        const char* name;
        gd::EventsFilter filter;
    };
    std::vector<Case> cases;
    gd::EventsFilter f;
    f.statusClasses = gd::Status502;
    cases.push_back({"status 502", f});
    f = {};
    f.hostText = QStringLiteral("books");
    cases.push_back({"host contains \"books\"", f});
    f = {};
    f.text = QStringLiteral("wp-login");
    cases.push_back({"text \"wp-login\"", f});
    f.textIsRegex = true;
    f.text = QStringLiteral("^/node/[0-9]+$");
    cases.push_back({"regex ^/node/[0-9]+$", f});
    f.text = QStringLiteral("[0-9]{5}");
    cases.push_back({"regex [0-9]{5}", f});

    for (const Case& c : cases) {
        std::vector<double> ms;
        std::size_t rows = 0;
        for (int run = 0; run < repeat; ++run) {
            clock.start();
            rows = gd::filterEvents(c.filter, import).size();
            ms.push_back(static_cast<double>(clock.nsecsElapsed()) / 1e6);
        }
        std::sort(ms.begin(), ms.end());
        std::printf("  %-26s %10zu rows %9.1f / %9.1f ms\n", c.name, rows, ms[ms.size() / 2], ms.back());
    }
    return 0;
}
