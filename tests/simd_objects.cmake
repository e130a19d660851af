# Where the ISA-specific code may be (lib/simd.h): only in the host core
# built with CERTFIT_SIMD, never in the core built with the device's
# configuration (cmake/device_config.cmake, which tests/device_equiv runs),
# and nowhere when CERTFIT_SIMD is OFF. x86 SIMD compares and shuffles
# (pcmpeqb, pmovmskb, pshufb) mark the hand-written scans; the compiler's
# own vectorisation of plain loops does not use them here.
#   cmake -DOBJDUMP=objdump -DSIMD=ON|OFF "-DCORE=a.o|.." "-DDEVICE=a.o|.." -P simd_objects.cmake
cmake_minimum_required(VERSION 3.20)
if(NOT OBJDUMP OR NOT CORE OR NOT DEVICE)
  message(FATAL_ERROR "usage: cmake -DOBJDUMP=objdump -DSIMD=ON|OFF -DCORE=.. -DDEVICE=.. -P simd_objects.cmake")
endif()
set(failed "")
# objects: which of them hold SIMD instructions, and which reference the
# dispatch's functions
function(scan var_simd var_refs objects)
  set(simd "")
  set(refs "")
  string(REPLACE "|" ";" objects "${objects}")
  foreach(obj IN LISTS objects)
    get_filename_component(name "${obj}" NAME)
    execute_process(COMMAND ${OBJDUMP} -dr "${obj}" OUTPUT_VARIABLE dis RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "${OBJDUMP} failed on ${obj}")
    endif()
    if(dis MATCHES "[\t ](pcmpeqb|pmovmskb|pshufb|vpcmpeqb|vpmovmskb|vpshufb)[\t ]")
      list(APPEND simd ${name})
    endif()
    if(dis MATCHES "certfit_simd_")
      list(APPEND refs ${name})
    endif()
  endforeach()
  set(${var_simd} "${simd}" PARENT_SCOPE)
  set(${var_refs} "${refs}" PARENT_SCOPE)
endfunction()

scan(device_simd device_refs "${DEVICE}")
if(device_simd OR device_refs)
  message(FATAL_ERROR "simd_objects: the device-config core holds SIMD code (${device_simd}) "
                      "or calls lib/simd.h (${device_refs})")
endif()
scan(core_simd core_refs "${CORE}")
if(SIMD)
  # the scan is simd_x86.c's alone, and input.c and check.c call it
  if(NOT core_simd STREQUAL "simd_x86.c.o")
    message(FATAL_ERROR "simd_objects: SIMD instructions in ${core_simd}, expected simd_x86.c.o only")
  endif()
  foreach(user input.c.o check.c.o)
    if(NOT user IN_LIST core_refs)
      message(FATAL_ERROR "simd_objects: ${user} does not call lib/simd.h's functions (${core_refs})")
    endif()
  endforeach()
elseif(core_simd OR core_refs)
  message(FATAL_ERROR "simd_objects: CERTFIT_SIMD=OFF, yet SIMD code in ${core_simd} ${core_refs}")
endif()
message("simd_objects: SIMD=${SIMD}, core: ${core_simd}; device-config core: none")
