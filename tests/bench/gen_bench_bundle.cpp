// Generates a deterministic benchmark bundle: one week of a busy BOA server's logs.
//
//   gen_bench_bundle OUT_DIR [SIZE_MB] [--seed N] [--access-format main|combined] [--no-tar]
//
// Writes OUT_DIR/bundle/ (var/log/..., etc/timezone), OUT_DIR/bundle.tar.gz and OUT_DIR/manifest.txt.
// SIZE_MB (default 1000) is the decompressed size; about 85 % of it is the access log. Memory stays far below
// it: the access log is written as it is generated, the other logs wait on disk until sorted (LineCollector).

#include "accesslog.h"
#include "bundleplan.h"
#include "nginxerrorlog.h"
#include "phplogs.h"
#include "syslogs.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStringList>
#include <cstdio>
#include <exception>
#include <string>

using namespace gd::bench;

namespace {

struct Arguments {
    QString outDir;
    std::uint64_t sizeMb = 1000;
    std::uint64_t seed = 20261127;
    AccessFormat format = AccessFormat::BoaMain;
    bool tar = true;
};

[[noreturn]] void usage(const char* why)
{
    std::fprintf(stderr,
                 "gen_bench_bundle: %s\nusage: gen_bench_bundle OUT_DIR [SIZE_MB] [--seed N] "
                 "[--access-format main|combined] [--no-tar]\n",
                 why);
    std::exit(2);
}

Arguments parseArguments(const QStringList& args)
{
    Arguments parsed;
    QStringList positional;
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString& arg = args[i];
        if (arg == QLatin1String("--no-tar")) {
            parsed.tar = false;
        } else if (arg == QLatin1String("--seed") && i + 1 < args.size()) {
            parsed.seed = args[++i].toULongLong();
        } else if (arg == QLatin1String("--access-format") && i + 1 < args.size()) {
            const QString value = args[++i];
            if (value == QLatin1String("combined"))
                parsed.format = AccessFormat::Combined;
            else if (value != QLatin1String("main"))
                usage("unknown access format");
        } else if (arg.startsWith(QLatin1String("--"))) {
            usage("unknown option");
        } else {
            positional << arg;
        }
    }
    if (positional.isEmpty() || positional.size() > 2)
        usage("need OUT_DIR and optionally SIZE_MB");
    parsed.outDir = QDir(positional[0]).absolutePath();
    if (positional.size() == 2) {
        bool ok = false;
        parsed.sizeMb = positional[1].toULongLong(&ok);
        if (!ok || parsed.sizeMb == 0)
            usage("SIZE_MB must be a positive number");
    }
    return parsed;
}

std::string mkdirs(const QString& path)
{
    if (!QDir().mkpath(path))
        throw std::runtime_error("cannot create " + path.toStdString());
    return path.toStdString();
}

void writeTimezone(const QString& bundle)
{
    QFile file(bundle + QLatin1String("/etc/timezone"));
    if (!file.open(QIODevice::WriteOnly))
        throw std::runtime_error("cannot write etc/timezone");
    file.write("Europe/Berlin\n");
}

/// tar + gzip through the shell, with fixed owner and order so the archive is reproducible too.
bool makeTarball(const QString& outDir)
{
    QProcess tar;
    tar.setProcessChannelMode(QProcess::ForwardedChannels);
    tar.start(QStringLiteral("sh"),
              {QStringLiteral("-c"),
               QStringLiteral("tar --sort=name --owner=0 --group=0 --numeric-owner -C \"$1\" -cf - bundle "
                              "| gzip -n -6 > \"$1/bundle.tar.gz\""),
               QStringLiteral("sh"), outDir});
    return tar.waitForFinished(-1) && tar.exitStatus() == QProcess::NormalExit && tar.exitCode() == 0;
}

} // namespace

int main(int argc, char** argv)
{
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    const Arguments arguments = parseArguments(args);
    try {
        QElapsedTimer timer;
        timer.start();
        const QString bundle = arguments.outDir + QLatin1String("/bundle");
        if (QFileInfo::exists(bundle) && !QDir(bundle).removeRecursively())
            throw std::runtime_error("cannot clear the old bundle");
        const std::string nginxDir = mkdirs(bundle + QLatin1String("/var/log/nginx"));
        const std::string phpDir = mkdirs(bundle + QLatin1String("/var/log/php"));
        const std::string logDir = mkdirs(bundle + QLatin1String("/var/log"));
        mkdirs(bundle + QLatin1String("/etc"));
        writeTimezone(bundle);

        const BundlePlan plan(arguments.seed, arguments.sizeMb * 1000000ULL);
        // Spool on the disk chosen for the output (about 15 % of SIZE_MB while it runs), not in /tmp.
        const std::string spoolDir = arguments.outDir.toStdString();
        NginxErrorLog errors(plan, spoolDir);
        PhpLogs php(plan, spoolDir);
        Syslogs syslogs(plan, spoolDir);
        AccessLog access(plan, errors, php, arguments.format);
        access.write(nginxDir);
        php.addIncidentLines();
        php.addNoise();
        errors.addNoise();
        syslogs.addIncidentLines();
        syslogs.addNoise();
        const std::uint64_t errorBytes = writeRotatedFamily(nginxDir, "error.log", errors.lines());
        const std::uint64_t fpmBytes = writeRotatedFamily(phpDir, "php83-fpm-error.log", php.masterLines());
        const std::uint64_t slowBytes = writeSingleFile(phpDir + "/fpm-o1.83-slow.log", php.slowLines());
        const std::uint64_t syslogBytes = writeRotatedFamily(logDir, "syslog", syslogs.lines());

        const AccessStats& stats = access.stats();
        const std::uint64_t total = stats.bytes + errorBytes + fpmBytes + slowBytes + syslogBytes;
        auto share = [total](std::uint64_t bytes) {
            return 100.0 * static_cast<double>(bytes) / static_cast<double>(total);
        };
        char text[2048];
        std::snprintf(
            text, sizeof text,
            "size_mb %llu\nseed %llu, access format %s\n"
            "decompressed bytes %llu (%.1f MB)\n"
            "  access    %12llu  %5.1f %%  lines %llu  status 502: %llu  504: %llu  499: %llu\n"
            "  error     %12llu  %5.1f %%  lines %zu\n"
            "  fpm       %12llu  %5.1f %%  lines %zu\n"
            "  slowlog   %12llu  %5.1f %%  records %zu\n"
            "  syslog    %12llu  %5.1f %%  lines %zu\n"
            "incidents %zu\n",
            static_cast<unsigned long long>(arguments.sizeMb),
            static_cast<unsigned long long>(arguments.seed),
            arguments.format == AccessFormat::BoaMain ? "main" : "combined",
            static_cast<unsigned long long>(total), static_cast<double>(total) / 1e6,
            static_cast<unsigned long long>(stats.bytes), share(stats.bytes),
            static_cast<unsigned long long>(stats.lines), static_cast<unsigned long long>(stats.status502),
            static_cast<unsigned long long>(stats.status504),
            static_cast<unsigned long long>(stats.status499), static_cast<unsigned long long>(errorBytes),
            share(errorBytes), errors.lines().size(), static_cast<unsigned long long>(fpmBytes),
            share(fpmBytes), php.masterLines().size(), static_cast<unsigned long long>(slowBytes),
            share(slowBytes), php.slowLines().size(), static_cast<unsigned long long>(syslogBytes),
            share(syslogBytes), syslogs.lines().size(), plan.incidents().size());
        std::fputs(text, stdout);
        QFile manifest(arguments.outDir + QLatin1String("/manifest.txt"));
        if (manifest.open(QIODevice::WriteOnly))
            manifest.write(text);
        std::printf("generated in %.1f s\n", static_cast<double>(timer.elapsed()) / 1000.0);
        if (arguments.tar) {
            if (!makeTarball(arguments.outDir))
                throw std::runtime_error("tar czf failed");
            std::printf(
                "bundle.tar.gz %lld bytes, total %.1f s\n",
                static_cast<long long>(QFileInfo(arguments.outDir + QLatin1String("/bundle.tar.gz")).size()),
                static_cast<double>(timer.elapsed()) / 1000.0);
        }
    } catch (const std::exception& error) {
        std::fprintf(stderr, "gen_bench_bundle: %s\n", error.what());
        return 1;
    }
    return 0;
}
