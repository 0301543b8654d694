// Reader for PEP low-level nets (`.ll_net`), the format of PEP, Mole and Cunf, with the grammar of
// PEP's own reader (readpep.c by Römer and Schwoon).
//
// Layout: the header lines `PEP`, the net type (`PetriBox` or `PTNet`) and `FORMAT_N...`, then
// blocks in the fixed order DBL DPL DTR DPT BL PL TR PTR TP PT RA PTP PPT TX, each introduced by
// its keyword (a line starting with two uppercase letters). PL, TR, TP and PT are mandatory. The
// default blocks (DBL DPL DTR DPT) carry their first entry on the keyword line itself.
// Every other line is one entity made of fields: `x@y` coordinates (in arc blocks `t<p` / `p>t`
// endpoints), a plain number (the identifier), a quoted name `"..."` or `'...'`, or a letter
// whose value type (string, coordinates, number, or none) is fixed per block. `%` starts a
// comment outside strings; blank and comment-only lines are ignored; a string ends on its line.
//
// Semantics kept: places (name, `M` initial tokens, `k` capacity, default 1), transitions
// (name), arcs of TP (t<p: t puts tokens into p) and PT (p>t: t takes tokens from p) with weight
// `w` (default 1; repeated arcs between one pair add up), and read arcs of RA (t<p: t tests p).
// Layout, meanings, block lists, phantom transitions (PTR, PTP, PPT) and texts (TX) are checked
// for syntax and dropped; default lines do not change arcs' weights.
//
// Identifiers: without an explicit number, places and transitions are numbered 1, 2, 3... in
// order of appearance; as in readpep this autonumbering lasts while explicit numbers equal the
// running count (restarting for transitions), and an entity without a number after it stopped is
// an error. A missing name becomes `p<id>` / `t<id>`; names are Latin-1 read as UTF-8 where
// invalid (to_valid_utf8).
//
// Every malformed input throws SourceError at the offending line and column; this includes what
// readpep silently tolerated (an arc in the wrong direction for its block, a second arc or
// identifier on one line, text after a header or block keyword, an identifier below 1, a weight on
// a read arc) and an initial marking above the capacity (1 unless `k` is given). Numbers must fit
// in a signed 32-bit integer.
#pragma once

#include <string>

#include "model/petri_net.hpp"
#include "spec/source_text.hpp"

namespace np {

// Loads `path` (SourceText::load) and parses it; the net is named after the file's stem.
PetriNet read_ll_net(const std::string& path);
PetriNet parse_ll_net(const SourceText& src);

}  // namespace np
