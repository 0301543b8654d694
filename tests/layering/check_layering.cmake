# The dependency direction of DESIGN §1, checked on the sources: a file in one of the library
# folders below may include (with #include "folder/...") only headers of the folders its row
# allows. The link lines alone cannot enforce it: every library sees the project root as an
# include path, and a header-only use of a forbidden folder links without complaint.
#
#   cmake -DROOT=<source tree> -P check_layering.cmake
#
# prints `file:line: error: ...` for every forbidden include and fails; prints a summary and
# succeeds otherwise. tests/ and cli/ may include everything and are not scanned.
cmake_minimum_required(VERSION 3.22)
if(NOT ROOT)
  message(FATAL_ERROR "usage: cmake -DROOT=<source tree> -P check_layering.cmake")
endif()

set(allowed_model     model)
set(allowed_spec      spec model)
set(allowed_generators generators model)
set(allowed_proofs    proofs model)
set(allowed_checkers  checkers model proofs)
set(allowed_reports   reports model checkers)
set(ours model spec generators proofs checkers reports cli tests)

set(violations 0)
set(scanned 0)
foreach(folder model spec generators proofs checkers reports)
  file(GLOB_RECURSE files RELATIVE ${ROOT} ${ROOT}/${folder}/*.hpp ${ROOT}/${folder}/*.cpp ${ROOT}/${folder}/*.h)
  foreach(f IN LISTS files)
    math(EXPR scanned "${scanned} + 1")
    file(STRINGS ${ROOT}/${f} lines)
    set(n 0)
    foreach(line IN LISTS lines)
      math(EXPR n "${n} + 1")
      if(line MATCHES "^[ \t]*#[ \t]*include[ \t]*\"([a-z_]+)/")
        set(dep ${CMAKE_MATCH_1})
        list(FIND ours ${dep} is_ours)
        list(FIND allowed_${folder} ${dep} ok)
        if(is_ours GREATER -1 AND ok EQUAL -1)
          set(others ${allowed_${folder}})
          list(REMOVE_ITEM others ${folder})
          if(others)
            list(JOIN others "/, " others)
            set(others "${others}/ only")
          else()
            set(others "nothing of ours")
          endif()
          message("${f}:${n}: error: ${folder}/ may not include ${dep}/ (DESIGN §1: ${folder}/ depends on ${others})\n    ${line}")
          math(EXPR violations "${violations} + 1")
        endif()
      endif()
    endforeach()
  endforeach()
endforeach()

if(scanned EQUAL 0)
  message(FATAL_ERROR "no sources found under ${ROOT}")
endif()
if(violations GREATER 0)
  message(FATAL_ERROR "${violations} include(s) against the dependency direction in ${scanned} files")
endif()
message("layering: ${scanned} files follow the dependency direction of DESIGN §1")
