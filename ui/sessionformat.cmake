# The .gdsession reader and writer and what it needs: QtCore only, so the fuzz targets and the replay test
# can build it without Widgets (fuzz/CMakeLists.txt, tests/regress/CMakeLists.txt). The workbench library
# compiles the same files among all of ui/.
set(GD_SESSION_FORMAT_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/sessions/workbenchsession.cpp
    ${CMAKE_CURRENT_LIST_DIR}/common/atomicwrite.cpp
    ${CMAKE_CURRENT_LIST_DIR}/events/eventsfilter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/events/eventsfilterjson.cpp
    ${CMAKE_CURRENT_LIST_DIR}/events/regexliteral.cpp
    ${CMAKE_CURRENT_LIST_DIR}/shell/timedisplay.cpp
    ${CMAKE_CURRENT_LIST_DIR}/shell/serverzone.cpp)
set(GD_SESSION_FORMAT_INCLUDE_DIR ${CMAKE_CURRENT_LIST_DIR})
