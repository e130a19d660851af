# Runs tests/device_equiv built against the host library (FULL) and against
# the core in the device's configuration (DEVICE) over the fixtures, and
# requires identical output. Fails as well when the run compared too little
# (fewer than MIN_FINDINGS findings), so that it cannot pass on empty output.
# cmake -DFULL=exe -DDEVICE=exe -DFIXTURES=dir -DOUT=dir -DMIN_FINDINGS=n -P device_equiv.cmake
file(GLOB_RECURSE inputs LIST_DIRECTORIES false
  ${FIXTURES}/*.pem ${FIXTURES}/*.h ${FIXTURES}/*.key ${FIXTURES}/*.der ${FIXTURES}/*.crt)
list(SORT inputs)
list(LENGTH inputs n_inputs)
if(n_inputs LESS 20)
  message(FATAL_ERROR "device_equiv: only ${n_inputs} inputs under ${FIXTURES}")
endif()
foreach(side FULL DEVICE)
  execute_process(COMMAND ${${side}} ${inputs}
    OUTPUT_FILE ${OUT}/device_equiv_${side}.txt RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "device_equiv: ${${side}} exited with ${rc}")
  endif()
endforeach()
file(READ ${OUT}/device_equiv_FULL.txt full)
file(READ ${OUT}/device_equiv_DEVICE.txt device)
string(REGEX MATCHALL "\n  f " findings "${full}")
list(LENGTH findings n_findings)
string(REGEX MATCHALL "\n run " runs "${full}")
list(LENGTH runs n_runs)
if(NOT full STREQUAL device)
  execute_process(COMMAND diff ${OUT}/device_equiv_FULL.txt ${OUT}/device_equiv_DEVICE.txt
    OUTPUT_VARIABLE d)
  string(SUBSTRING "${d}" 0 3000 d)
  message(FATAL_ERROR "device_equiv: the device build differs from the host build:\n${d}")
endif()
if(n_findings LESS MIN_FINDINGS)
  message(FATAL_ERROR "device_equiv: only ${n_findings} findings compared")
endif()
message("device_equiv: ${n_inputs} inputs, ${n_runs} checks, ${n_findings} findings: identical")
