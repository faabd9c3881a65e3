# SPDX-FileCopyrightText: 2026 Cuepoint contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# CPack: a Debian package (`cpack -G DEB` in the build directory) with the programs, the menu
# entry, the icon, the AppStream metainfo, the guides and the publisher's systemd user unit, all
# under /usr (install(CODE) configures the unit for the prefix really installed to).
set(CUEPOINT_PACKAGE_MAINTAINER "Cuepoint contributors <maintainers@cuepoint.io>" CACHE STRING
    "The Maintainer field of the Debian package (Name <email>)")

set(CPACK_PACKAGE_NAME cuepoint)
set(CPACK_PACKAGE_VENDOR "Cuepoint contributors")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
# Debian wants the long description in lines under 80 characters.
string(JOIN "\n" CPACK_PACKAGE_DESCRIPTION
    "Cuepoint plans TikTok posts on a month and week calendar, checks each video"
    "against TikTok's requirements on the user's own computer, lets the user pick"
    "the exact cover frame, and publishes every post at its minute through TikTok's"
    "Content Posting API, exactly once, even across crashes and network failures."
    "It keeps publishing from the system tray, or without a window through"
    "cuepoint-cli and a systemd user service. Without TikTok developer credentials"
    "it runs on a built-in local TikTok sandbox.")
set(CPACK_PACKAGE_CONTACT "${CUEPOINT_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/cuepoint/cuepoint")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_GENERATOR DEB)
# Debian packages install under /usr, whatever prefix a developer build was configured with.
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CUEPOINT_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION video)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${CPACK_PACKAGE_HOMEPAGE_URL}")
# The shared libraries the programs link come from dpkg-shlibdeps. Qt loads some of what Cuepoint
# needs as plugins, which dpkg-shlibdeps cannot see: the SQLite driver and the SVG icon engine.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, libqt6svg6")
# TLS certificates for TikTok's API, the Wayland platform plugin, and a Secret Service provider
# for the keychain (without one, tokens go to an owner-only file in the profile).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "ca-certificates, qt6-wayland")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "gnome-keyring | kwalletmanager | keepassxc")
include(CPack)
