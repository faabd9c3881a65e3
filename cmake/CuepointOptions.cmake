# SPDX-FileCopyrightText: 2026 Cuepoint contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# cuepoint_options: the compile settings every Cuepoint target shares (qBittorrent's qbt_common_cfg).
add_library(cuepoint_options INTERFACE)
target_compile_features(cuepoint_options INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)
if(MSVC)
    target_compile_options(cuepoint_options INTERFACE /W4)
else()
    target_compile_options(cuepoint_options INTERFACE
        -Wall -Wextra -pedantic -Wold-style-cast -Wnon-virtual-dtor
        $<$<CXX_COMPILER_ID:GNU>:-Wshadow=local>)
endif()
if(CUEPOINT_WERROR)
    target_compile_options(cuepoint_options INTERFACE $<IF:$<CXX_COMPILER_ID:MSVC>,/WX,-Werror>)
endif()
target_compile_definitions(cuepoint_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_USE_QSTRINGBUILDER
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_KEYWORDS
    QT_DISABLE_DEPRECATED_UP_TO=0x060500)
if(CUEPOINT_SANITIZE)
    target_compile_options(cuepoint_options INTERFACE -fsanitize=${CUEPOINT_SANITIZE} -fno-omit-frame-pointer)
    target_link_options(cuepoint_options INTERFACE -fsanitize=${CUEPOINT_SANITIZE})
endif()
