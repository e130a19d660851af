# cmake -DFW=<firmware/CMakeLists.txt> -P check_module_cmake.cmake
# Runs the Zephyr module's CMakeLists.txt with stand-ins for the Zephyr
# functions it calls, for three Kconfig outcomes, and checks what it compiles:
#   CONFIG_CERTFIT unset                  -> no library
#   CONFIG_CERTFIT=y (any Zephyr target)  -> the core and the hook, no glue
#   + CONFIG_CERTFIT_MODEM_KEY_MGMT=y      -> the core, the hook and the glue
function(zephyr_library_named name)
  set_property(GLOBAL PROPERTY fw_library ${name})
endfunction()
function(zephyr_library_sources)
  foreach(src IN LISTS ARGN)
    get_filename_component(n ${src} NAME)
    set_property(GLOBAL APPEND PROPERTY fw_sources ${n})
  endforeach()
endfunction()
function(zephyr_library_sources_ifdef feature)
  if(${feature})
    zephyr_library_sources(${ARGN})
  endif()
endfunction()
foreach(f zephyr_include_directories zephyr_library_include_directories
          zephyr_library_compile_definitions zephyr_compile_definitions)
  cmake_language(EVAL CODE "function(${f})\nendfunction()")
endforeach()

# want_sources: "core" (the module's CERTFIT_FIRMWARE_CORE_SOURCES, which the
# test firmware_sources_match keeps equal to the host core), "core+glue", "".
function(expect label want_library want)
  set_property(GLOBAL PROPERTY fw_library "")
  set_property(GLOBAL PROPERTY fw_sources "")
  include(${FW})
  set(want_sources)
  if(want MATCHES "^core")
    set(want_sources ${CERTFIT_FIRMWARE_CORE_SOURCES})
  endif()
  if(want STREQUAL "core+glue")
    list(APPEND want_sources certfit_modem.c)
  endif()
  list(SORT want_sources)
  get_property(lib GLOBAL PROPERTY fw_library)
  get_property(srcs GLOBAL PROPERTY fw_sources)
  list(SORT srcs)
  if(NOT "${lib}" STREQUAL "${want_library}" OR NOT "${srcs}" STREQUAL "${want_sources}")
    message(FATAL_ERROR "${label}: library '${lib}' sources '${srcs}'\n"
                        "  expected library '${want_library}' sources '${want_sources}'")
  endif()
  message(STATUS "${label}: library '${lib}' sources '${srcs}'")
endfunction()

expect("CONFIG_CERTFIT unset" "" "")
set(CONFIG_CERTFIT y)
expect("CONFIG_CERTFIT=y" certfit core)
set(CONFIG_CERTFIT_MODEM_KEY_MGMT y)
expect("CONFIG_CERTFIT_MODEM_KEY_MGMT=y" certfit core+glue)
