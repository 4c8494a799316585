# Install layout (GNUInstallDirs) and the Debian package (`cpack -G DEB` in a build directory).
# scripts/check-package.sh builds the package and checks what it holds.

include(GNUInstallDirs)

set(GD_APP_ID io.github.gatewaydoctor.GatewayDoctor)
set(GD_PACKAGE_NAME gateway-doctor)
set(GD_PACKAGE_MAINTAINER "Gateway Doctor maintainers <maintainers@gatewaydoctor.invalid>"
    CACHE STRING "Maintainer field of the Debian package")

install(TARGETS gateway-doctor RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The script support hands to clients to collect a server's logs (docs/collecting-logs.md): shipped as is, since
# it runs on the client's server, not here.
install(PROGRAMS ${PROJECT_SOURCE_DIR}/resources/collect/gateway-doctor-collect.sh
        DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/${GD_PACKAGE_NAME})
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/${GD_PACKAGE_NAME})
foreach(license_file LICENSE LICENSE.md LICENSE.txt COPYING)
    if(EXISTS ${PROJECT_SOURCE_DIR}/${license_file})
        install(FILES ${PROJECT_SOURCE_DIR}/${license_file}
                DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/${GD_PACKAGE_NAME})
    endif()
endforeach()

# Desktop integration only makes sense for the build with the workbench window.
if(GD_BUILD_UI)
    set(GD_DESKTOP_DIR ${PROJECT_SOURCE_DIR}/resources/desktop)
    set(GD_ICON_DIR ${PROJECT_SOURCE_DIR}/resources/icons)
    install(FILES ${GD_DESKTOP_DIR}/${GD_APP_ID}.desktop DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/applications)
    install(FILES ${GD_DESKTOP_DIR}/${GD_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/metainfo)
    # Installed under the app id: the name the desktop file's Icon= and software centres look up.
    install(FILES ${GD_ICON_DIR}/gateway-doctor.svg
            DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/icons/hicolor/scalable/apps RENAME ${GD_APP_ID}.svg)
    foreach(size 16 32 48 64 128 256)
        install(FILES ${GD_ICON_DIR}/hicolor/${size}x${size}/apps/gateway-doctor.png
                DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/icons/hicolor/${size}x${size}/apps RENAME ${GD_APP_ID}.png)
    endforeach()
    # Every MIME type the desktop file claims ships with shared-mime-info, so no MIME package XML is installed.
endif()

set(CPACK_PACKAGE_NAME ${GD_PACKAGE_NAME})
set(CPACK_PACKAGE_VENDOR "Gateway Doctor")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
# Wrapped by hand: CPack keeps the line breaks and indents each line as the Debian control format wants.
set(CPACK_PACKAGE_DESCRIPTION [[
Gateway Doctor reads the log bundles collected from Drupal servers (nginx in
front of PHP-FPM, the BOA / Aegir stack), recognises nginx, PHP-FPM, PHP and
syslog logs by their content, puts every line on one timeline in UTC and
explains why the site answered 502 Bad Gateway or 504 Gateway Timeout.

It opens folders and archives (tar, zip, 7z and compressed files, nested)
without extracting them, and offers a desktop workbench as well as the
headless inspect and analyze commands.]])
set(CPACK_PACKAGE_CONTACT "${GD_PACKAGE_MAINTAINER}")
set(CPACK_RESOURCE_FILE_README ${PROJECT_SOURCE_DIR}/README.md)
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${GD_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # gateway-doctor_<version>_<arch>.deb
# Library dependencies come from dpkg-shlibdeps (package dpkg-dev) reading the binary.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The PDF report embeds DejaVu (Debian's default fonts); fontconfig alone may pick another family.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-dejavu-core")
if(GD_BUILD_UI)
    # Qt loads its Wayland platform plugin at run time, which dpkg-shlibdeps cannot see; X11 (xcb) ships in libqt6gui6.
    set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-wayland")
endif()

include(CPack)
