# The installed package, used from outside the build (issue 18): installs BUILD into WORK/prefix,
# builds examples/api against it twice — with find_package(neuroproof) and with pkg-config — runs
# both consumers and the installed executable on shipped examples, and checks what they print.
# cmake -DBUILD=<build dir> -DSOURCE=<source dir> -DWORK=<scratch dir> -P check_install.cmake
cmake_minimum_required(VERSION 3.22)
file(REMOVE_RECURSE ${WORK})
set(prefix ${WORK}/prefix)

function(run)  # run(NAME EXPECT_RC REGEX COMMAND ...): fails unless the command exits EXPECT_RC and prints REGEX
  cmake_parse_arguments(A "" "NAME;RC;MATCH" "COMMAND" ${ARGN})
  execute_process(COMMAND ${A_COMMAND} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err WORKING_DIRECTORY ${WORK})
  if(NOT rc STREQUAL A_RC OR (A_MATCH AND NOT out MATCHES "${A_MATCH}"))
    message(FATAL_ERROR "${A_NAME}: exit ${rc} (expected ${A_RC}), output:\n${out}\n${err}\n(expected to match: ${A_MATCH})")
  endif()
  message(STATUS "${A_NAME}: exit ${rc} as expected")
endfunction()

file(MAKE_DIRECTORY ${WORK})
run(NAME install RC 0 COMMAND ${CMAKE_COMMAND} --install ${BUILD} --prefix ${prefix})
foreach(f bin/neuroproof include/neuroproof/checkers/run_checks.hpp include/neuroproof/spec/load_system.hpp
          share/neuroproof/lib/celement.np share/bash-completion/completions/neuroproof lib/cmake/neuroproof/neuroproofConfig.cmake lib/pkgconfig/neuroproof.pc)
  if(NOT EXISTS ${prefix}/${f})
    message(FATAL_ERROR "not installed: ${f}")
  endif()
endforeach()
if(EXISTS ${prefix}/include/neuroproof/spec/elaborator.hpp)
  message(FATAL_ERROR "the private header spec/elaborator.hpp was installed")
endif()

# The installed executable finds the installed standard library (the design imports std/).
run(NAME installed-check RC 0 MATCH "PASS"
    COMMAND ${CMAKE_COMMAND} -E env --unset=NEUROPROOF_LIB ${prefix}/bin/neuroproof check ${SOURCE}/examples/fifo/fifo.np -o ${WORK}/fifo-run -q)

# A consumer through the CMake package.
run(NAME configure-consumer RC 0
    COMMAND ${CMAKE_COMMAND} -S ${SOURCE}/examples/api -B ${WORK}/consumer -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH=${prefix})
run(NAME build-consumer RC 0 COMMAND ${CMAKE_COMMAND} --build ${WORK}/consumer)
run(NAME consumer-pass RC 0 MATCH "deadlock PASS explicit"
    COMMAND ${WORK}/consumer/check_model ${SOURCE}/examples/stg/muller_pipeline.g explicit ${WORK}/api-run)
if(NOT EXISTS ${WORK}/api-run/summary.json)
  message(FATAL_ERROR "the consumer wrote no summary.json")
endif()
run(NAME consumer-fail RC 1 MATCH "deadlock FAIL explicit trace of [0-9]+ steps"
    COMMAND ${WORK}/consumer/check_model ${SOURCE}/examples/stg/muller_pipeline_deadlock.g explicit)
run(NAME consumer-certificate RC 0 MATCH "PASS kind certificate confirmed: cvc5"
    COMMAND ${WORK}/consumer/check_model ${SOURCE}/examples/stg/muller_pipeline.g kind)
run(NAME consumer-bad-input RC 2 COMMAND ${WORK}/consumer/check_model ${SOURCE}/README.md)

# A consumer through pkg-config.
find_program(CXX NAMES c++ g++ REQUIRED)
find_program(PKG_CONFIG pkg-config REQUIRED)
execute_process(COMMAND ${CMAKE_COMMAND} -E env PKG_CONFIG_PATH=${prefix}/lib/pkgconfig ${PKG_CONFIG} --cflags --libs neuroproof
                RESULT_VARIABLE rc OUTPUT_VARIABLE flags OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "pkg-config --cflags --libs neuroproof failed (${rc})")
endif()
separate_arguments(flags UNIX_COMMAND "${flags}")
run(NAME build-pkg-config-consumer RC 0 COMMAND ${CXX} -O1 ${SOURCE}/examples/api/check_model.cpp ${flags} -o ${WORK}/check_model_pc)
run(NAME pkg-config-consumer RC 1 MATCH "deadlock FAIL explicit"
    COMMAND ${WORK}/check_model_pc ${SOURCE}/examples/stg/muller_pipeline_deadlock.g explicit)
