# Retrains the upload dictionary and fails unless it equals the shipped one.
#   cmake "-DTRAINER=[emulator;]trainer" "-DTRAINING=policy;size;samples"
#         -DSHIPPED=events.zdict -DOUTPUT=retrained.zdict -P check_dictionary.cmake
list(GET TRAINING 0 policy)
list(SUBLIST TRAINING 1 -1 sizes)
file(REMOVE ${OUTPUT})
execute_process(COMMAND ${TRAINER} ${policy} ${OUTPUT} ${sizes}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "training failed (${rc}): ${out}${err}")
endif()
string(STRIP "${out}" out)
file(SHA256 ${OUTPUT} retrained)
file(SHA256 ${SHIPPED} shipped)
if(NOT retrained STREQUAL shipped)
  message(FATAL_ERROR
    "${SHIPPED} is not what training gives today (${out}): the default "
    "policy or the sample events changed. Refresh it in a host build with\n"
    "  cmake --build <build> --target telegate-retrain-dictionary\n"
    "and commit it (batches compressed with the old one stay readable only "
    "by collectors that keep it).")
endif()
message(STATUS "${SHIPPED} matches retraining: ${out}")
