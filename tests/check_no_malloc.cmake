# Fail when an object file of the certfit core references the heap.
#   cmake -DNM=nm "-DOBJECTS=a.o|b.o|..." -P check_no_malloc.cmake
# The core (input, cert, name, size, rules, profile, check, error) must not
# allocate (docs/design.md section 9). check.c calls certfit_verify_signature()
# (lib/verify.c, outside the core: Mbed TLS pk may allocate) - that call is
# the documented exception and is not a heap symbol itself.
# With -DNO_MBEDTLS=1 it also fails on any Mbed TLS symbol outside
# lib/verify.c: without signature verification the core needs no Mbed TLS
# (cert.c reads DER itself), so a device build can leave Mbed TLS out.
if(NOT NM OR NOT OBJECTS)
  message(FATAL_ERROR "usage: cmake -DNM=nm -DOBJECTS=a.o|b.o -P check_no_malloc.cmake")
endif()
string(REPLACE "|" ";" objects "${OBJECTS}")
list(LENGTH objects count)
if(count LESS 8)
  message(FATAL_ERROR "expected the 8 core objects, got ${count}: ${objects}")
endif()

set(failed "")
set(checked 0)
foreach(obj IN LISTS objects)
  get_filename_component(name "${obj}" NAME)
  if(NO_MBEDTLS AND name MATCHES "^verify\\.c\\.")
    continue()
  endif()
  math(EXPR checked "${checked} + 1")
  if(NOT EXISTS "${obj}")
    message(FATAL_ERROR "missing object ${obj}")
  endif()
  execute_process(COMMAND ${NM} -u "${obj}" OUTPUT_VARIABLE undefined RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${NM} failed on ${obj}")
  endif()
  string(REPLACE "\n" ";" lines "${undefined}")
  foreach(line IN LISTS lines)
    string(STRIP "${line}" line)
    # "U symbol" (possibly with a version suffix such as @GLIBC_2.2.5)
    string(REGEX REPLACE "^U[ \t]+" "" sym "${line}")
    string(REGEX REPLACE "@.*$" "" sym "${sym}")
    if(sym MATCHES "^_?(malloc|calloc|realloc|free|reallocarray|aligned_alloc|posix_memalign|memalign|valloc|strdup|strndup)$"
       OR sym MATCHES "^_?mbedtls_.*alloc"
       OR sym MATCHES "^_?mbedtls_pk_"
       OR (NO_MBEDTLS AND sym MATCHES "^_?mbedtls_"))
      list(APPEND failed "${name}: ${sym}")
    endif()
  endforeach()
endforeach()

if(failed)
  string(REPLACE ";" "\n  " msg "${failed}")
  if(NO_MBEDTLS)
    message(FATAL_ERROR "core objects reference Mbed TLS or the heap:\n  ${msg}")
  endif()
  message(FATAL_ERROR "core objects reference the heap:\n  ${msg}")
endif()
if(NO_MBEDTLS)
  message(STATUS "core_no_mbedtls: ${checked} objects (verify.c apart), no Mbed TLS or heap symbols")
else()
  message(STATUS "core_no_heap: ${checked} objects, no heap symbols")
endif()
