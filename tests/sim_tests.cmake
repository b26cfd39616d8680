# Unit tests of the engine (sim/), one executable per area so a change rebuilds little.
foreach(area IN ITEMS
    event_calendar
    quantity
    calendar_clock
    random_streams
    distribution
    arrival_process
    statistics
    capacity_pool
    replications
    erlang)
  kapsim_test(sim_${area}_test ${CMAKE_CURRENT_SOURCE_DIR}/sim_${area}_test.cpp)
endforeach()
