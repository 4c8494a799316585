#include "export/reportscopepicker.h"

#include "diagnose/analyzer.h"
#include "import/importresult.h"
#include "model/eventcolumns.h"
#include "shell/serverzone.h"
#include "shell/timedisplay.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QListWidget>
#include <QPushButton>
#include <QSet>
#include <QVBoxLayout>
#include <algorithm>

namespace gd {

namespace {

constexpr int kHostKeyRole = Qt::UserRole;           ///< site item: the host, lower case
constexpr int kIncidentIdRole = Qt::UserRole;        ///< incident item: its id
constexpr int kIncidentHostsRole = Qt::UserRole + 1; ///< incident item: its hosts, lower case

struct Site {
    QString host;
    int incidents = 0;
    std::uint64_t failed = 0;
};

/// The hosts the incidents failed on, most failed requests first (then in the incidents' order,
/// which is by impact). Host names compare case-insensitively.
std::vector<Site> sitesOf(const AnalysisResult& analysis)
{
    std::vector<Site> sites;
    const auto find = [&sites](const QString& host) {
        return std::find_if(sites.begin(), sites.end(), [&host](const Site& site) {
            return site.host.compare(host, Qt::CaseInsensitive) == 0;
        });
    };
    for (const Incident& incident : analysis.incidents) {
        for (const QString& host : incident.hosts) {
            auto site = find(host);
            if (site == sites.end())
                site = sites.insert(sites.end(), Site{host, 0, 0});
            ++site->incidents;
        }
        for (const UrlStat& url : incident.urls) {
            if (const auto site = find(url.host); site != sites.end())
                site->failed += url.failed;
        }
    }
    std::stable_sort(sites.begin(), sites.end(),
                     [](const Site& a, const Site& b) { return a.failed > b.failed; });
    return sites;
}

QString incidentLabel(const Incident& incident, const ImportResult& import, const TimeDisplay& time)
{
    QStringList parts;
    if (import.servers.size() > 1 && incident.server < import.servers.size())
        parts << import.servers[incident.server].name;
    // Minutes are enough to tell incidents apart; the report has the seconds.
    parts << (hasTime(incident.startMs) ? time.dateTime(incident.startMs).left(16)
                                        : ReportScopePicker::tr("no time"));
    if (const std::uint32_t failed = incident.count502 + incident.count504; failed > 0)
        parts << ReportScopePicker::tr("%n failed", nullptr, static_cast<int>(failed));
    return QStringLiteral("#%1 %2 — %3")
        .arg(QString::number(incident.id), causeTitle(incident.cause), parts.join(QStringLiteral(", ")));
}

QStringList lowerCase(const QStringList& hosts)
{
    QStringList lower;
    for (const QString& host : hosts)
        lower << host.toLower();
    return lower;
}

} // namespace

ReportScopePicker::ReportScopePicker(QWidget* parent)
    : QWidget(parent)
    , sites_(new QListWidget(this))
    , incidents_(new QListWidget(this))
{
    sites_->setObjectName(QStringLiteral("reportSites"));
    incidents_->setObjectName(QStringLiteral("reportIncidents"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(createList(tr("Sites"), sites_), 2);
    layout->addWidget(createList(tr("Incidents"), incidents_), 3);

    connect(sites_, &QListWidget::itemChanged, this, &ReportScopePicker::siteToggled);
    connect(incidents_, &QListWidget::itemChanged, this, [this] {
        if (!filling_)
            Q_EMIT changed();
    });
}

QWidget* ReportScopePicker::createList(const QString& title, QListWidget* list)
{
    auto* box = new QGroupBox(title, this);
    list->setUniformItemSizes(true);
    list->setSelectionMode(QAbstractItemView::SingleSelection);
    auto* all = new QPushButton(tr("All"), box);
    auto* none = new QPushButton(tr("None"), box);
    all->setObjectName(list->objectName() + QStringLiteral("All"));
    none->setObjectName(list->objectName() + QStringLiteral("None"));
    all->setToolTip(tr("Choose every entry"));
    none->setToolTip(tr("Clear every choice"));
    connect(all, &QPushButton::clicked, this, [this, list] { setAllChecked(list, true); });
    connect(none, &QPushButton::clicked, this, [this, list] { setAllChecked(list, false); });

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(all);
    buttons->addWidget(none);
    buttons->addStretch();
    auto* layout = new QVBoxLayout(box);
    layout->addWidget(list);
    layout->addLayout(buttons);
    return box;
}

void ReportScopePicker::setAnalysis(const ImportResult& import, const AnalysisResult& analysis)
{
    filling_ = true;
    sites_->clear();
    incidents_->clear();
    for (const Site& site : sitesOf(analysis)) {
        auto* item = new QListWidgetItem(site.host, sites_);
        item->setData(kHostKeyRole, site.host.toLower());
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
        const QString incidents =
            site.incidents == 1 ? tr("1 incident") : tr("%1 incidents").arg(site.incidents);
        item->setToolTip(site.failed == 1 ? tr("%1, 1 failed request").arg(incidents)
                                          : tr("%1, %2 failed requests").arg(incidents).arg(site.failed));
    }
    // Times as the report shows them: in the server's zone.
    const TimeDisplay time(TimeDisplay::Mode::ServerLocal, ServerZone::fromImport(import));
    for (const Incident& incident : analysis.incidents) {
        auto* item = new QListWidgetItem(incidentLabel(incident, import, time), incidents_);
        item->setData(kIncidentIdRole, incident.id);
        item->setData(kIncidentHostsRole, lowerCase(incident.hosts));
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
        item->setToolTip(incident.hosts.isEmpty() ? tr("Names no site: listed when every site is chosen")
                                                  : incident.hosts.join(QLatin1Char('\n')));
    }
    filling_ = false;
    showIncidentsOfChosenSites();
    Q_EMIT changed();
}

QStringList ReportScopePicker::chosenSites() const
{
    QStringList hosts;
    for (int row = 0; row < sites_->count(); ++row) {
        if (sites_->item(row)->checkState() == Qt::Checked)
            hosts << sites_->item(row)->text();
    }
    return hosts;
}

bool ReportScopePicker::allSitesChosen() const
{
    return chosenSites().size() == sites_->count();
}

std::vector<int> ReportScopePicker::chosenIncidents() const
{
    std::vector<int> ids;
    for (int row = 0; row < incidents_->count(); ++row) {
        const QListWidgetItem* item = incidents_->item(row);
        if (!item->isHidden() && item->checkState() == Qt::Checked)
            ids.push_back(item->data(kIncidentIdRole).toInt());
    }
    return ids;
}

bool ReportScopePicker::hasChoice() const
{
    return (sites_->count() == 0 || !chosenSites().isEmpty()) && !chosenIncidents().empty();
}

void ReportScopePicker::setAllChecked(QListWidget* list, bool checked)
{
    filling_ = true;
    for (int row = 0; row < list->count(); ++row) {
        QListWidgetItem* item = list->item(row);
        if (!item->isHidden()) // "All" in a filtered list means all that are listed
            item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    }
    filling_ = false;
    if (list == sites_)
        showIncidentsOfChosenSites();
    Q_EMIT changed();
}

void ReportScopePicker::siteToggled(QListWidgetItem* /*item*/)
{
    if (filling_)
        return;
    showIncidentsOfChosenSites();
    Q_EMIT changed();
}

void ReportScopePicker::showIncidentsOfChosenSites()
{
    QSet<QString> chosen;
    for (int row = 0; row < sites_->count(); ++row) {
        if (sites_->item(row)->checkState() == Qt::Checked)
            chosen.insert(sites_->item(row)->data(kHostKeyRole).toString());
    }
    const bool allChosen = chosen.size() == sites_->count();
    for (int row = 0; row < incidents_->count(); ++row) {
        QListWidgetItem* item = incidents_->item(row);
        const QStringList hosts = item->data(kIncidentHostsRole).toStringList();
        // A finding that names no site (seen only in PHP-FPM's logs) may concern anyone's sites: it
        // belongs in a report of the whole server only, as buildClientReport decides.
        const bool ofChosenSite =
            hosts.isEmpty() ? allChosen
                            : std::any_of(hosts.begin(), hosts.end(),
                                          [&chosen](const QString& host) { return chosen.contains(host); });
        item->setHidden(!ofChosenSite);
    }
}

} // namespace gd
