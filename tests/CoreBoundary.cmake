# SPDX-FileCopyrightText: 2026 Cuepoint contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when a file of the GUI-free core includes a Qt GUI or Widgets header.
file(GLOB_RECURSE _files ${ROOT}/include/*.h ${ROOT}/src/core/*.h ${ROOT}/src/core/*.cpp)
set(_bad "")
foreach(_f IN LISTS _files)
    file(STRINGS ${_f} _hits REGEX "#include +<(QtGui|QtWidgets|QWidget|QImage|QPixmap|QIcon|QColor|QPainter|QApplication|QGuiApplication)")
    if(_hits)
        list(APPEND _bad "${_f}: ${_hits}")
    endif()
endforeach()
if(_bad)
    message(FATAL_ERROR "GUI headers in the core:\n${_bad}")
endif()
message(STATUS "core is free of GUI includes (${CMAKE_MATCH_COUNT} checked)")
