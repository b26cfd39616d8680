# Runs a browser test under ctest: report_browser_test.mjs, or the script named by -DSCRIPT=
# (studio_browser_test.mjs). Needs node, Debian's chromium and the npm packages
# in web/node_modules (npm ci --prefix web). When one is missing the test fails in CI (CI set
# in the environment) and is skipped elsewhere, saying what to install.
#   cmake -DKAPSIM=... -DSOURCE_DIR=... -DOUT_DIR=... [-DSCRIPT=studio_browser_test.mjs] -P run_browser_test.cmake
if(NOT DEFINED SCRIPT)
  set(SCRIPT report_browser_test.mjs)
endif()
string(REGEX REPLACE "_browser_test\\.mjs$" "" what_test "${SCRIPT}")
set(web_dir "${SOURCE_DIR}/web")
if(DEFINED ENV{KAPSIM_WEB_DIR})
  set(web_dir "$ENV{KAPSIM_WEB_DIR}")
endif()
set(chromium "/usr/bin/chromium")
if(DEFINED ENV{KAPSIM_CHROMIUM})
  set(chromium "$ENV{KAPSIM_CHROMIUM}")
endif()
find_program(node NAMES node nodejs)

set(missing "")
if(NOT node)
  list(APPEND missing "node (Debian package nodejs)")
endif()
if(NOT EXISTS "${chromium}")
  list(APPEND missing "${chromium} (Debian package chromium)")
endif()
if(NOT EXISTS "${web_dir}/node_modules/playwright-core/package.json" OR NOT EXISTS "${web_dir}/node_modules/vega/build/vega.min.js")
  list(APPEND missing "${web_dir}/node_modules (run npm ci --prefix web)")
endif()
if(SCRIPT STREQUAL "studio_browser_test.mjs" AND NOT EXISTS "${web_dir}/node_modules/preact/package.json")
  list(APPEND missing "${web_dir}/node_modules/preact, htm and yaml (run npm ci --prefix web)")
endif()
if(missing)
  list(JOIN missing "; " what)
  if("$ENV{CI}" STREQUAL "true" OR "$ENV{CI}" STREQUAL "1")
    message(FATAL_ERROR "${what_test} browser test: missing ${what}. Install them with ./quickstart.sh test "
                        "(deps/debian-packages.txt lists nodejs and chromium; quickstart.sh installs npm if it is missing and runs npm ci --prefix web).")
  endif()
  message("KAPSIM_SKIP: ${what_test} browser test skipped, missing ${what} (in CI this fails)")
  return()
endif()

execute_process(
  COMMAND "${node}" "${SOURCE_DIR}/tests/browser/${SCRIPT}"
          --kapsim "${KAPSIM}" --source "${SOURCE_DIR}" --web "${web_dir}" --out "${OUT_DIR}" --chromium "${chromium}"
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "${what_test} browser test failed (${result}); see the lines above")
endif()
