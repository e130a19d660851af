# The library decides, the CLI does I/O (docs/design.md, "Architecture"):
# in cli/*.c one function checks an item (certfit_check() called once),
# the work buffer is sized in that function only, no rule is evaluated
# (the handshake rules come from certfit_check_handshake()), and no JSON
# writer's state is poked to edit finished output (extra members come
# through the reporter's members hook).
# Usage: cmake -DROOT=<source dir> -P cli_layers.cmake
file(GLOB _sources ${ROOT}/cli/*.c)
set(_check 0)
set(_size 0)
set(_bad "")
foreach(f IN LISTS _sources)
  file(READ ${f} _text)
  get_filename_component(_name ${f} NAME)
  string(REGEX MATCHALL "certfit_check\\([^)]" _m "${_text}")
  list(LENGTH _m _n)
  math(EXPR _check "${_check} + ${_n}")
  string(REGEX MATCHALL "certfit_check_work_size\\([^)]" _m "${_text}")
  list(LENGTH _m _n)
  math(EXPR _size "${_size} + ${_n}")
  if(_text MATCHES "CERTFIT_RULE_(TLS_VERSION|CIPHER_SUITE)")
    string(APPEND _bad " ${_name}: evaluates a handshake rule;")
  endif()
  if(NOT _name STREQUAL "json.c" AND _text MATCHES "\\.depth *=[^=]")
    string(APPEND _bad " ${_name}: sets a JSON writer's depth;")
  endif()
endforeach()
if(NOT _check EQUAL 1)
  string(APPEND _bad " certfit_check() called ${_check} times (1: cli_check_item);")
endif()
if(_size GREATER 1)
  string(APPEND _bad " certfit_check_work_size() called ${_size} times (at most 1: cli_check_item);")
endif()
if(_bad)
  message(FATAL_ERROR "cli_layers:${_bad}")
endif()
message(STATUS "cli_layers: one certfit_check() call in cli/, no rule evaluated, no output edited")
