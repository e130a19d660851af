# CMake toolchain file: bare-metal Arm Cortex-M33 (the nRF9160's core) with
# Debian's gcc-arm-none-eabi + libnewlib-arm-none-eabi.
#
#   cmake -S firmware/m33 -B build/m33 \
#         -DCMAKE_TOOLCHAIN_FILE=$PWD/cmake/arm-none-eabi.cmake
#
# Images link against newlib with semihosting (rdimon) so that printf and
# exit() reach the host when run under QEMU (see docs/firmware-m33.md).
# The startup code (vector table, reset handler) comes from the project:
# hence -nostartfiles.

set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)

set(CERTFIT_ARM_PREFIX "arm-none-eabi-" CACHE STRING
    "Prefix of the bare-metal Arm cross tools")

set(CMAKE_C_COMPILER   ${CERTFIT_ARM_PREFIX}gcc)
set(CMAKE_CXX_COMPILER ${CERTFIT_ARM_PREFIX}g++)
set(CMAKE_ASM_COMPILER ${CERTFIT_ARM_PREFIX}gcc)
find_program(CMAKE_OBJCOPY ${CERTFIT_ARM_PREFIX}objcopy)
find_program(CMAKE_SIZE    ${CERTFIT_ARM_PREFIX}size)

# No OS to run a test executable on while CMake probes the compiler.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(CERTFIT_M33_CPU_FLAGS "-mcpu=cortex-m33 -mthumb")
set(CMAKE_C_FLAGS_INIT
    "${CERTFIT_M33_CPU_FLAGS} -Os -ffunction-sections -fdata-sections")
set(CMAKE_CXX_FLAGS_INIT "${CMAKE_C_FLAGS_INIT}")
set(CMAKE_ASM_FLAGS_INIT "${CERTFIT_M33_CPU_FLAGS}")
# Build types must not override -Os: the footprint is what we measure.
foreach(lang C CXX)
    set(CMAKE_${lang}_FLAGS_DEBUG_INIT "-g")
    set(CMAKE_${lang}_FLAGS_RELEASE_INIT "-DNDEBUG")
    set(CMAKE_${lang}_FLAGS_RELWITHDEBINFO_INIT "-g -DNDEBUG")
    set(CMAKE_${lang}_FLAGS_MINSIZEREL_INIT "-DNDEBUG")
endforeach()
set(CMAKE_EXE_LINKER_FLAGS_INIT
    "-Wl,--gc-sections --specs=rdimon.specs -nostartfiles")

# Look for headers and libraries in the target's sysroot only (never the
# host's x86 libmbedtls); programs (python, qemu) on the host.  Append a
# cross-built dependency's prefix to CMAKE_FIND_ROOT_PATH to find it.
set(CERTFIT_ARM_SYSROOT "/usr/lib/arm-none-eabi" CACHE PATH
    "newlib/sysroot of the bare-metal Arm toolchain")
list(APPEND CMAKE_FIND_ROOT_PATH ${CERTFIT_ARM_SYSROOT})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
