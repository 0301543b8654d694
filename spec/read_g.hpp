// Reader for Signal Transition Graphs in the `.g` (astg) format of Petrify, SIS and Workcraft.
//
// The file is line-oriented; `#` starts a comment anywhere, blank lines are ignored, CRLF is
// accepted. Directives, each at the start of its line:
//
//   .model NAME  or  .name NAME        the net's name (default: the file's stem); at most one
//   .inputs / .outputs / .internal N…  signals of that kind; repeatable; before .graph
//   .dummy N…  or  .silent N…          names of dummy (silent) transitions; before .graph
//   .initial state [!]S …              initial signal values (`!s`: 0); anywhere before .end
//   .graph                             then arc lines `SRC DST…`, up to .marking/.capacity/.end
//   .marking { E… }                    E = PLACE or <T1,T2>, each optionally `=N` tokens;
//                                      the braces may enclose line breaks
//   .capacity E=N …                    place capacities (default 1); after .graph
//   .end                               mandatory; text after it is ignored with a warning
//
// Any other directive (.mode, .slowenv, .time, unknown ones) is skipped, arguments and all, with
// a warning.
//
// Names are [A-Za-z_][A-Za-z0-9_.[\]]* (Workcraft writes `pg0.in`, `csc0.out1`); signals and
// dummies share one namespace and a name declared twice is an error. In the graph, `s+`, `s-`
// and `s~` (s a declared signal) and `d` (a declared dummy), each with an optional instance
// suffix `/k`, denote transitions; `/0` is the same as no suffix, as in Petrify. A declared
// signal without an edge, `s` or `s/k`, is the toggle `s~` (Workcraft writes toggles so), which
// makes a signal's name unusable as a place name. Transitions are stored under canonical names:
// `a+`, `a-/2`, `a~`, `d`, `d/3`. Any other plain name is an explicit place. An arc between two
// transitions goes through the implicit place `<T1,T2>` (canonical names); an arc between two
// places is an error. Places and transitions are numbered in order of first mention, which is
// also their origin; an implicit place's origin is its first arc's destination token.
//
// Decisions where Petrify's behaviour is loose or unknown:
//  - an arc written twice is kept once, with a warning (Petrify too treats it as one arc);
//  - an arc line with a single node mentions it without adding arcs;
//  - a declaration directive without names is accepted;
//  - marking or capacity of one place given twice, or an initial value given twice, is an error;
//  - a marking above the place's capacity is an error, also for the default capacity 1 (a place
//    that starts with 2 tokens needs `.capacity p=2`); a capacity of 0 is an error;
//  - arc lines must be in the .graph section, before .marking and .capacity;
//  - a missing .marking gives a warning (every place starts empty).
//
// Numbers (`/k`, `=N`) are decimal and must fit in an unsigned 32-bit integer. Every malformed
// input (including binary bytes where a name is expected, an empty file, and a file without
// .end) throws SourceError at the offending line and column; nothing else is thrown for any
// input other than allocation failure.
#pragma once

#include <string>

#include "model/petri_net.hpp"
#include "spec/source_text.hpp"

namespace np {

// Loads `path` (SourceText::load) and parses it.
PetriNet read_g(const std::string& path);
// The result has is_stg set, `file` = src.file(), and the warnings of the parse.
PetriNet parse_g(const SourceText& src);

}  // namespace np
