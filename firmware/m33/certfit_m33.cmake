# Builds a Cortex-M33 test image from the host build and runs it in QEMU as
# a ctest test.  The image is a separate CMake project (firmware/m33,
# configured with cmake/arm-none-eabi.cmake) built by ExternalProject, since
# one CMake project cannot mix the host and cross compilers.
#
#   include(firmware/m33/certfit_m33.cmake)
#   certfit_add_m33_test(
#       NAME certfit_m33_hook                # test + image name
#       SOURCES lib/a.c lib/b.c tests/m33/hook_main.c   # one has main()
#       [INCLUDES include lib]               # relative to the caller's dir
#       [DEFINES CERTFIT_NO_SIGNATURES]
#       [LIBS /abs/libfoo.a]
#       [MBEDTLS_ENV build/m33-mbedtls/env.cmake]  # from mbedtls-m33.sh
#       [MBEDTLS_FULL]                       # link the full library
#       [EXPECT 0] [TIMEOUT 60] [STACK_SIZE 65536]
#       [WITH_DEMOS])                        # also run the harness demos
#
# Without arm-none-eabi-gcc or qemu-system-arm it says so and adds nothing
# (set CERTFIT_M33_REQUIRED to make that an error).
include_guard(GLOBAL)
include(ExternalProject)

set(CERTFIT_M33_DIR ${CMAKE_CURRENT_LIST_DIR})
get_filename_component(CERTFIT_M33_TOOLCHAIN
    ${CMAKE_CURRENT_LIST_DIR}/../../cmake/arm-none-eabi.cmake ABSOLUTE)

function(certfit_add_m33_test)
    cmake_parse_arguments(PARSE_ARGV 0 arg "MBEDTLS_FULL;WITH_DEMOS"
        "NAME;MBEDTLS_ENV;EXPECT;TIMEOUT;STACK_SIZE"
        "SOURCES;INCLUDES;DEFINES;LIBS")
    if(NOT arg_NAME OR NOT arg_SOURCES)
        message(FATAL_ERROR "certfit_add_m33_test: NAME and SOURCES are required")
    endif()
    foreach(pair "EXPECT;0" "TIMEOUT;60" "STACK_SIZE;65536")
        list(GET pair 0 key)
        list(GET pair 1 default)
        if(NOT DEFINED arg_${key})
            set(arg_${key} ${default})
        endif()
    endforeach()

    find_program(CERTFIT_ARM_GCC arm-none-eabi-gcc)
    find_program(CERTFIT_QEMU qemu-system-arm)
    if(NOT CERTFIT_ARM_GCC OR NOT CERTFIT_QEMU)
        set(msg "certfit_add_m33_test(${arg_NAME}): needs arm-none-eabi-gcc "
                "and qemu-system-arm (Debian: gcc-arm-none-eabi "
                "libnewlib-arm-none-eabi qemu-system-arm)")
        if(CERTFIT_M33_REQUIRED)
            message(FATAL_ERROR ${msg})
        endif()
        message(STATUS "${msg}; test skipped")
        return()
    endif()

    set(sources)
    foreach(src IN LISTS arg_SOURCES)
        get_filename_component(src ${src} ABSOLUTE
                               BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
        list(APPEND sources ${src})
    endforeach()
    set(includes)
    foreach(dir IN LISTS arg_INCLUDES)
        get_filename_component(dir ${dir} ABSOLUTE
                               BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
        list(APPEND includes ${dir})
    endforeach()
    set(defines ${arg_DEFINES})
    set(libs ${arg_LIBS})
    if(arg_MBEDTLS_ENV)
        get_filename_component(env ${arg_MBEDTLS_ENV} ABSOLUTE
                               BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
        if(NOT EXISTS ${env})
            message(FATAL_ERROR "certfit_add_m33_test(${arg_NAME}): ${env} "
                    "does not exist: run scripts/mbedtls-m33.sh first")
        endif()
        include(${env})
        list(APPEND includes ${CERTFIT_M33_MBEDTLS_INCLUDES})
        list(APPEND defines ${CERTFIT_M33_MBEDTLS_DEFINES})
        if(arg_MBEDTLS_FULL)
            list(APPEND libs ${CERTFIT_M33_MBEDTLS_FULL_LIB})
        else()
            list(APPEND libs ${CERTFIT_M33_MBEDTLS_CORE_LIB})
        endif()
    else()
        set(env "")
    endif()
    if(arg_WITH_DEMOS)
        set(demos ON)
    else()
        set(demos OFF)
    endif()

    set(bin ${CMAKE_CURRENT_BINARY_DIR}/${arg_NAME}-m33)
    # CMAKE_CACHE_ARGS keeps ;-lists intact (they go through a cache script).
    ExternalProject_Add(${arg_NAME}_m33
        SOURCE_DIR ${CERTFIT_M33_DIR}
        BINARY_DIR ${bin}
        CMAKE_CACHE_ARGS
            -DCMAKE_TOOLCHAIN_FILE:FILEPATH=${CERTFIT_M33_TOOLCHAIN}
            -DCERTFIT_M33_IMAGE:STRING=${arg_NAME}
            -DCERTFIT_M33_SOURCES:STRING=${sources}
            -DCERTFIT_M33_INCLUDES:STRING=${includes}
            -DCERTFIT_M33_DEFINES:STRING=${defines}
            -DCERTFIT_M33_LIBS:STRING=${libs}
            -DCERTFIT_M33_STACK_SIZE:STRING=${arg_STACK_SIZE}
            -DCERTFIT_M33_TIMEOUT:STRING=${arg_TIMEOUT}
            -DCERTFIT_M33_MBEDTLS_ENV:FILEPATH=${env}
            -DCERTFIT_M33_DEMOS:BOOL=${demos}
        BUILD_ALWAYS ON
        INSTALL_COMMAND ""
        TEST_COMMAND "")

    add_test(NAME ${arg_NAME}
        COMMAND ${CERTFIT_M33_DIR}/run-qemu.sh --timeout ${arg_TIMEOUT}
                --expect ${arg_EXPECT} ${bin}/${arg_NAME}.elf)
    math(EXPR ctest_timeout "${arg_TIMEOUT} + 10")
    set_tests_properties(${arg_NAME} PROPERTIES
        TIMEOUT ${ctest_timeout} LABELS m33
        ENVIRONMENT "CERTFIT_QEMU=${CERTFIT_QEMU}")
    if(arg_WITH_DEMOS)
        # The harness's own images, each with its expected exit status, as
        # the firmware project's ctest defines them.
        add_test(NAME ${arg_NAME}_harness
            COMMAND ${CMAKE_CTEST_COMMAND} --test-dir ${bin}
                    --output-on-failure -E "^${arg_NAME}$")
        set_tests_properties(${arg_NAME}_harness PROPERTIES LABELS m33)
    endif()
endfunction()
