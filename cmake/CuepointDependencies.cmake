# SPDX-FileCopyrightText: 2026 Cuepoint contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Every dependency comes from Debian 12's packages (scripts/lib/deps.sh installs them).
set(CUEPOINT_QT_COMPONENTS Core Sql Concurrent Network DBus)
if(CUEPOINT_BUILD_GUI)
    list(APPEND CUEPOINT_QT_COMPONENTS Gui Widgets Multimedia MultimediaWidgets Svg)
endif()
if(CUEPOINT_BUILD_TESTS)
    list(APPEND CUEPOINT_QT_COMPONENTS Test)
endif()
find_package(Qt6 6.4 REQUIRED COMPONENTS ${CUEPOINT_QT_COMPONENTS})
qt_standard_project_setup()

find_package(Qt6Keychain REQUIRED)
find_package(CURL 7.88 REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(FFMPEG REQUIRED IMPORTED_TARGET libavformat libavcodec libavutil libswscale)
# zlib (already loaded by libavcodec): the PNG writer deflates large pictures in parallel bands.
find_package(ZLIB REQUIRED)
# cpp-httplib (Debian's libcpp-httplib-dev ships a compiled library and a pkg-config file):
# the local servers (TikTok sandbox, OAuth loopback listener, review links).
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib>=0.11)
set_package_properties(Qt6Keychain PROPERTIES TYPE REQUIRED PURPOSE "tokens in the OS keychain")
set_package_properties(CURL PROPERTIES TYPE REQUIRED PURPOSE "TikTok's API over HTTPS")
if(CUEPOINT_BUILD_TESTS)
    find_package(GTest REQUIRED)
    include(GoogleTest)
endif()
