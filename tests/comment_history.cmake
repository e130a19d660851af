# Comments say what the code does and why, not what it did before: fail on
# the phrases that narrate history in the sources of lib/, include/, cli/
# and firmware/.
#   cmake -DROOT=<source dir> -P comment_history.cmake
if(NOT ROOT)
  message(FATAL_ERROR "usage: cmake -DROOT=dir -P comment_history.cmake")
endif()
file(GLOB_RECURSE sources LIST_DIRECTORIES false
  ${ROOT}/lib/*.c ${ROOT}/lib/*.h ${ROOT}/include/*.h ${ROOT}/include/*.def
  ${ROOT}/cli/*.c ${ROOT}/cli/*.h ${ROOT}/firmware/*.c ${ROOT}/firmware/*.h)
list(LENGTH sources n)
if(n LESS 20)
  message(FATAL_ERROR "comment_history: only ${n} sources under ${ROOT}")
endif()
set(found "")
foreach(f IN LISTS sources)
  file(STRINGS ${f} hits REGEX "always was|as ever|no longer|was twice|previously|used to be")
  foreach(h IN LISTS hits)
    file(RELATIVE_PATH rel ${ROOT} ${f})
    string(STRIP "${h}" h)
    string(APPEND found "\n  ${rel}: ${h}")
  endforeach()
endforeach()
if(found)
  message(FATAL_ERROR "comment_history: comments that narrate history:${found}")
endif()
message("comment_history: ${n} sources, none narrates history")
