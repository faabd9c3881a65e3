# SPDX-FileCopyrightText: 2026 Cuepoint contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# `format` rewrites, `format-check` fails on any difference. clang-format is pinned to 14 (Debian 12),
# because its output changes between major versions.
find_program(CLANG_FORMAT_EXE NAMES clang-format-14 clang-format)
if(CLANG_FORMAT_EXE)
    execute_process(COMMAND ${CLANG_FORMAT_EXE} --version OUTPUT_VARIABLE _cf_version)
    if(NOT _cf_version MATCHES "version 14\\.")
        message(STATUS "clang-format found is not version 14; format targets disabled")
        return()
    endif()
    set(_format_script ${PROJECT_SOURCE_DIR}/scripts/format)
    add_custom_target(format COMMAND ${_format_script} --fix WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
        COMMENT "clang-format 14 over the sources" USES_TERMINAL)
    add_custom_target(format-check COMMAND ${_format_script} --check WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
        COMMENT "Checking formatting with clang-format 14" USES_TERMINAL)
endif()
