// A plain text / CSV event format, read and written:
//
//   # neuroproof DVS events: t (microseconds), x, y, p (1 = ON, 0 = OFF)
//   # format=evt3 width=1280 height=720
//   t,x,y,p
//   5840504,707,297,0
//
// Rules:
//  - One event per line: four fields t, x, y, p separated by a comma (spaces or tabs around it
//    allowed) or by spaces/tabs alone. t is a signed 64-bit integer (microseconds); x and y are
//    integers in 0..65535; p is 0 (OFF) or 1 (ON). Lines may end in \n or \r\n.
//  - `#` starts a comment, on its own line or after the fields of an event.
//  - A comment whose first word has the form key=value is metadata: every word must then be
//    key=value; `width` and `height` (positive 32-bit integers) state the sensor resolution, other
//    keys (e.g. `format`) are ignored. Metadata must precede the first event; when a resolution
//    is stated, events outside it are rejected.
//  - An optional column header `t,x,y,p` may precede the first event.
//  - An empty (0-byte) file is rejected; a file with no events but comments is an empty recording.
// Every malformed field is a SourceError at its real line and column.
//
// write_events_text emits the header comments, the metadata (width/height when known), the
// column header and all events; read_events_text(write_events_text(r)) has r's events, width and
// height (format becomes "text"), provided r's events lie inside its stated resolution.
#pragma once

#include <string>

#include "model/diagnostic.hpp"
#include "model/events.hpp"
#include "spec/source_text.hpp"

namespace np {

class MappedBytes;
// Decodes line by line into `sink`, in memory bounded by the longest line.
RecordingInfo stream_events_text(const std::string& file, const MappedBytes& bytes, const EventSink& sink);
EventRecording read_events_text(const std::string& path);
EventRecording parse_events_text(const SourceText& src);
std::string write_events_text(const EventRecording& recording);

}  // namespace np
