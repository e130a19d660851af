# Runs tests/stream_equiv built against the core with the streaming scanner
# (STREAM) and with the buffered one (BUFFERED) over the fixtures and the
# fuzz seeds, and requires identical output. Fails as well when the run
# compared too little (fewer than MIN_FINDINGS findings), so that it cannot
# pass on empty output.
# cmake -DSTREAM=exe -DBUFFERED=exe -DFIXTURES=dir -DFUZZ=dir -DOUT=dir -DMIN_FINDINGS=n -P stream_equiv.cmake
file(GLOB_RECURSE inputs LIST_DIRECTORIES false
  ${FIXTURES}/*.pem ${FIXTURES}/*.h ${FIXTURES}/*.key ${FIXTURES}/*.der ${FIXTURES}/*.crt
  ${FUZZ}/corpus/certs/* ${FUZZ}/regression/check/*)
list(SORT inputs)
list(LENGTH inputs n_inputs)
if(n_inputs LESS 20)
  message(FATAL_ERROR "stream_equiv: only ${n_inputs} inputs")
endif()
foreach(side STREAM BUFFERED)
  execute_process(COMMAND ${${side}} ${inputs}
    OUTPUT_FILE ${OUT}/stream_equiv_${side}.txt RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "stream_equiv: ${${side}} exited with ${rc}")
  endif()
endforeach()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files
  ${OUT}/stream_equiv_STREAM.txt ${OUT}/stream_equiv_BUFFERED.txt RESULT_VARIABLE same)
if(NOT same EQUAL 0)
  execute_process(COMMAND diff ${OUT}/stream_equiv_BUFFERED.txt ${OUT}/stream_equiv_STREAM.txt
    OUTPUT_VARIABLE d)
  string(SUBSTRING "${d}" 0 3000 d)
  message(FATAL_ERROR "stream_equiv: the streaming scanner differs from the buffered one:\n${d}")
endif()
# counted with grep: the output is too large for file(READ) + regex
execute_process(COMMAND grep -c "^  f " ${OUT}/stream_equiv_BUFFERED.txt
  OUTPUT_VARIABLE n_findings OUTPUT_STRIP_TRAILING_WHITESPACE)
execute_process(COMMAND grep -c "^ run " ${OUT}/stream_equiv_BUFFERED.txt
  OUTPUT_VARIABLE n_runs OUTPUT_STRIP_TRAILING_WHITESPACE)
if(n_findings LESS MIN_FINDINGS)
  message(FATAL_ERROR "stream_equiv: only ${n_findings} findings compared")
endif()
message("stream_equiv: ${n_inputs} inputs, ${n_runs} checks, ${n_findings} findings: identical")
