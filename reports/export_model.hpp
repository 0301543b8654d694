// `neuroproof export`: a model's transition system, bit-blasted (model/bit_blast.hpp), for the
// hardware model checkers that read AIGER (ABC, rIC3, AVR), Btor2 (Pono, AVR, btormc) or SMV
// (nuXmv). One step per clock; inputs sel[0..w-1] choose the transition that fires (a stutter when
// none may); every latch starts at 0 (a bit that starts at 1 is stored inverted, its name ending
// in "~"). Outputs, in order: one bad-state output per selected property, 1 exactly in the states
// that violate it (TransitionRelation::violates), then — when the system has a blocking property
// — `truncation`, 1 where a firing that property forbids is enabled: a proof of P holds for the
// model only together with a proof that truncation is unreachable (DESIGN §2's bounded places).
//   aiger  binary AIGER 1.0, the outputs as bad-state properties (the HWMCC convention);
//   aag    the same in ASCII;
//   btor2  the same circuit in Btor2: `bad` per output;
//   smv    the same in (nu)SMV: boolean VARs and IVARs, `INVARSPEC !bad` per output.
//   promela  not bit-blasted: the IR itself as a Promela model for SPIN (reports/write_promela.hpp),
//          one do-option per transition; it carries deadlock only (SPIN's "invalid end state").
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "model/system.hpp"

namespace np {

enum class ExportFormat { Aiger, Aag, Btor2, Smv, Promela };

// "aiger", "aag", "btor2", "smv", "promela"; throws std::invalid_argument for another name.
ExportFormat export_format(const std::string& name);
const char* export_extension(ExportFormat f);  // ".aig", ".aag", ".btor2", ".smv", ".pml"

// Writes `sys` with the named properties (empty: every property of sys.properties, the clause
// properties; graph properties such as quiescence cannot be exported: std::invalid_argument).
// Promela carries deadlock only: naming any other property throws std::invalid_argument.
void export_model(const System& sys, const std::vector<std::string>& properties, ExportFormat format, std::ostream& out);

}  // namespace np
