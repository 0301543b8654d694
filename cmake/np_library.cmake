# np_library(NAME DEPS ... [PRIVATE_HEADERS h.hpp ...]): one static library from every .cpp in the
# calling folder. Its headers (all but PRIVATE_HEADERS) are public: installed, with the library, to
# <prefix>/include/neuroproof/<folder>/ and exported as neuroproof::NAME (docs/api.md).
function(np_library name)
  cmake_parse_arguments(ARG "" "" "DEPS;PRIVATE_HEADERS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  add_library(${name} STATIC ${sources})
  target_include_directories(${name} PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}/neuroproof>)
  target_link_libraries(${name} PUBLIC ${ARG_DEPS})
  add_library(neuroproof::${name} ALIAS ${name})
  if(NEUROPROOF_INSTALL)
    file(GLOB headers CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.hpp)
    foreach(h IN LISTS ARG_PRIVATE_HEADERS)
      list(REMOVE_ITEM headers ${CMAKE_CURRENT_SOURCE_DIR}/${h})
    endforeach()
    get_filename_component(folder ${CMAKE_CURRENT_SOURCE_DIR} NAME)
    install(FILES ${headers} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/neuroproof/${folder})
    install(TARGETS ${name} EXPORT neuroproofTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
  endif()
endfunction()
