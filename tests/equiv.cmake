# Runs two builds of one comparison program, A and B, over the same inputs
# and requires identical output (tests/device_equiv: the host library
# against the core in the device's configuration; tests/stream_equiv: the
# streaming scanner against the buffered one). Fails as well when the run
# compared too little (fewer than MIN_FINDINGS finding lines "  f "), so
# that it cannot pass on empty output. The output can be large: compared
# with compare_files, counted with grep.
# cmake -DNAME=name -DA=exe -DB=exe -DDIFFERS="what differs from what"
#       -DINPUTS="glob|glob|..." -DOUT=dir -DMIN_FINDINGS=n -P equiv.cmake
string(REPLACE "|" ";" globs "${INPUTS}")
file(GLOB_RECURSE inputs LIST_DIRECTORIES false ${globs})
list(SORT inputs)
list(LENGTH inputs n_inputs)
if(n_inputs LESS 20)
  message(FATAL_ERROR "${NAME}: only ${n_inputs} inputs")
endif()
foreach(side A B)
  execute_process(COMMAND ${${side}} ${inputs}
    OUTPUT_FILE ${OUT}/${NAME}_${side}.txt RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${NAME}: ${${side}} exited with ${rc}")
  endif()
endforeach()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files
  ${OUT}/${NAME}_A.txt ${OUT}/${NAME}_B.txt RESULT_VARIABLE same)
if(NOT same EQUAL 0)
  execute_process(COMMAND diff ${OUT}/${NAME}_A.txt ${OUT}/${NAME}_B.txt OUTPUT_VARIABLE d)
  string(SUBSTRING "${d}" 0 3000 d)
  message(FATAL_ERROR "${NAME}: ${DIFFERS}:\n${d}")
endif()
execute_process(COMMAND grep -c "^  f " ${OUT}/${NAME}_A.txt
  OUTPUT_VARIABLE n_findings OUTPUT_STRIP_TRAILING_WHITESPACE)
execute_process(COMMAND grep -c "^ run " ${OUT}/${NAME}_A.txt
  OUTPUT_VARIABLE n_runs OUTPUT_STRIP_TRAILING_WHITESPACE)
if(n_findings LESS MIN_FINDINGS)
  message(FATAL_ERROR "${NAME}: only ${n_findings} findings compared")
endif()
message("${NAME}: ${n_inputs} inputs, ${n_runs} checks, ${n_findings} findings: identical")
