# Included by CTest after gtest_discover_tests' lists (TEST_INCLUDE_FILES):
# adds the label tier1 to each VM test named in ci/tier1-tests.
file(STRINGS "${CMAKE_CURRENT_LIST_DIR}/../ci/tier1-tests" bootstorm_tier1 REGEX "^[^#]")
foreach(name IN LISTS bootstorm_tier1)
  set_tests_properties("${name}" PROPERTIES LABELS "integration;tier1")
endforeach()
