# A Cortex-M33 test image against a Mbed TLS that scripts/mbedtls-m33.sh
# fetches and builds when the test runs, not when the project is configured:
# fetch (cached in MBEDTLS_OUT: a second run reads no network), configure
# and build firmware/m33 in BIN, run the image in QEMU. Any step that fails
# fails the test with its log, so a release that cannot be fetched (Debian
# 13's archive out of reach) shows as a failed test, never as a skipped one.
#
#   cmake -DREPO=<repo> -DNAME=<image> -DBIN=<dir> -DMBEDTLS_OUT=<dir>
#         [-DMBEDTLS_ARGS=--debian13] [-DMBEDTLS_EXPECT=3.6]
#         -DSOURCES=a.c|b.c -DINCLUDES=dir|dir -DDEFINES=A=1|B
#         [-DEXPECT=0] [-DTIMEOUT=300] [-DQEMU=qemu-system-arm]
#         [-DFORBID=psa_]        (fail if the link map names it at all)
#         -P firmware/m33/mbedtls_image.cmake
#
# Lists are |-separated (ctest would split ;-lists into arguments). The
# image links the full library of the build (the signature path) and, as
# the configure-time images do, Mbed TLS's pem.c (mbedtls_pk_parse_public_key
# tries PEM first). The last line names the image, the Mbed TLS version and
# the image's own summary lines, for the test's PASS_REGULAR_EXPRESSION.
cmake_minimum_required(VERSION 3.20)

foreach(var REPO NAME BIN MBEDTLS_OUT SOURCES)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "mbedtls_image.cmake: -D${var}=... is required")
    endif()
endforeach()
if(NOT DEFINED EXPECT)
    set(EXPECT 0)
endif()
if(NOT DEFINED TIMEOUT)
    set(TIMEOUT 300)
endif()
foreach(var SOURCES INCLUDES DEFINES MBEDTLS_ARGS)
    string(REPLACE "|" ";" ${var} "${${var}}")
endforeach()

# 1. Mbed TLS for the target (the network only on the first run).
execute_process(
    COMMAND ${REPO}/scripts/mbedtls-m33.sh ${MBEDTLS_ARGS} ${MBEDTLS_OUT}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${NAME}: scripts/mbedtls-m33.sh ${MBEDTLS_ARGS} "
        "failed (${rc}): no Mbed TLS to build the image against\n${out}${err}")
endif()
set(env ${MBEDTLS_OUT}/env.cmake)
include(${env})
file(STRINGS ${env} version REGEX "^# Written by")
string(REGEX REPLACE ".*: Mbed TLS ([^ ]+) for.*" "\\1" version "${version}")
if(DEFINED MBEDTLS_EXPECT AND NOT version MATCHES "^${MBEDTLS_EXPECT}\\.")
    message(FATAL_ERROR "${NAME}: Mbed TLS ${version} in ${env}, ${MBEDTLS_EXPECT}.x expected")
endif()
set(pem)
foreach(dir IN LISTS CERTFIT_M33_MBEDTLS_INCLUDES)
    if(EXISTS ${dir}/../library/pem.c)
        get_filename_component(pem ${dir}/../library/pem.c ABSOLUTE)
    endif()
endforeach()
if(NOT pem)
    message(FATAL_ERROR "${NAME}: no library/pem.c beside ${CERTFIT_M33_MBEDTLS_INCLUDES}")
endif()

# 2. Configure and build the image (incremental after the first run).
list(APPEND SOURCES ${pem})
list(APPEND INCLUDES ${CERTFIT_M33_MBEDTLS_INCLUDES})
list(APPEND DEFINES ${CERTFIT_M33_MBEDTLS_DEFINES})
function(step what)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "${NAME}: ${what} failed (${rc}):\n${out}")
    endif()
    set(step_out "${out}" PARENT_SCOPE)
endfunction()
# The image's inputs as an initial cache (-C): ;-lists stay whole.
file(MAKE_DIRECTORY ${BIN})
set(cache "")
foreach(pair "SOURCES;SOURCES" "INCLUDES;INCLUDES" "DEFINES;DEFINES"
        "LIBS;CERTFIT_M33_MBEDTLS_FULL_LIB")
    list(GET pair 0 key)
    list(GET pair 1 var)
    string(APPEND cache "set(CERTFIT_M33_${key} [==[${${var}}]==] CACHE STRING \"\" FORCE)\n")
endforeach()
file(WRITE ${BIN}/inputs.cmake "${cache}")
step("configuring firmware/m33" ${CMAKE_COMMAND} -C ${BIN}/inputs.cmake
    -S ${REPO}/firmware/m33 -B ${BIN}
    -DCMAKE_TOOLCHAIN_FILE=${REPO}/cmake/arm-none-eabi.cmake
    -DCERTFIT_M33_IMAGE=${NAME} -DCERTFIT_M33_DEMOS=OFF -DCERTFIT_M33_TIMEOUT=${TIMEOUT})
step("building ${NAME}" ${CMAKE_COMMAND} --build ${BIN})
if(FORBID)
    # The map lists every input section, kept or discarded: a name there
    # means the configuration compiled it in.
    file(STRINGS ${BIN}/${NAME}.map forbidden REGEX "${FORBID}" LIMIT_COUNT 3)
    if(forbidden)
        message(FATAL_ERROR "${NAME}: the link map names ${FORBID}: ${forbidden}")
    endif()
endif()

# 3. Run it.
if(QEMU)
    set(ENV{CERTFIT_QEMU} ${QEMU})
endif()
execute_process(
    COMMAND ${REPO}/firmware/m33/run-qemu.sh --timeout ${TIMEOUT} --expect ${EXPECT}
            ${BIN}/${NAME}.elf
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
message("${out}")
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${NAME}: the image did not exit with ${EXPECT} in QEMU")
endif()
# The image's summary: the lines that carry figures (vectors, heap, result).
string(REGEX MATCHALL "[^\n]*(vectors|heap peak|failed\\))[^\n]*" summary "${out}")
list(JOIN summary ", " summary)
message("${NAME}: Mbed TLS ${version}: ${summary}")
