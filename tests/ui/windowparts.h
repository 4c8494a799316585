#pragma once
// The parts of a MainWindow, found the way Qt tests find any widget: by type and object name. The
// window does not export them; a missing part ends the test run with its name.

#include "events/eventspanel.h"
#include "incidents/incidentworkbench.h"
#include "logviewer/logviewer.h"
#include "sessions/sessioncontroller.h"
#include "shell/importprogresswidget.h"
#include "shell/workbenchactions.h"
#include "shell/workspace.h"
#include "sources/sourcespanel.h"

#include <QObject>
#include <QString>

namespace gdtest {

template <typename T> T* windowPart(const QObject& window, const char* name)
{
    T* part = window.findChild<T*>(QString::fromLatin1(name));
    if (!part)
        qFatal("the window has no %s called %s", T::staticMetaObject.className(), name);
    return part;
}

inline gd::Workspace* workspaceOf(const QObject& window)
{
    return windowPart<gd::Workspace>(window, "workspace");
}

inline gd::WorkbenchActions* actionsOf(const QObject& window)
{
    return windowPart<gd::WorkbenchActions>(window, "workbenchActions");
}

inline gd::SourcesPanel* sourcesPanelOf(const QObject& window)
{
    return windowPart<gd::SourcesPanel>(window, "sourcesPanel");
}

inline gd::ImportProgressWidget* importProgressOf(const QObject& window)
{
    return windowPart<gd::ImportProgressWidget>(window, "importProgress");
}

inline gd::EventsPanel* eventsPanelOf(const QObject& window)
{
    return windowPart<gd::EventsPanel>(window, "eventsPanel");
}

inline gd::LogViewer* logViewerOf(const QObject& window)
{
    return windowPart<gd::LogViewer>(window, "logViewer");
}

/// The chart, incidents table, incident detail and navigation.
inline gd::IncidentWorkbench* incidentsOf(const QObject& window)
{
    return windowPart<gd::IncidentWorkbench>(window, "incidentWorkbench");
}

inline gd::SessionController* sessionsOf(const QObject& window)
{
    return windowPart<gd::SessionController>(window, "sessions");
}

} // namespace gdtest
