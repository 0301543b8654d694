// Readers of Prophesee recordings: RAW files in the EVT 2.0 and EVT 3.0 encodings, and DAT
// (version 2) files of decoded CD events. All three start with ASCII header lines beginning
// with '%'; the readers take the sensor resolution from the header where it is stated
// (`% geometry WxH`, `% format EVT3;height=H;width=W`, `% Width W` / `% Height H`).
//
// Errors are np::SourceError. In the header they carry the real line and column; in the binary
// part they carry line 1 and column = byte offset + 1 of the offending word or record, and the
// message names the byte offset, e.g. "truncated word at byte 4321: 3 bytes remain, 4 needed".
//
// Decoding decisions (documented behaviour, see tests/spec/test_read_events.cpp):
//  - Header: a run of lines starting with '%'. For RAW files a `% end` line also ends it (the
//    data may then start with a '%' byte). `% evt 2.0` / `% evt 3.0` and `% format EVTn` must
//    agree with the reader used; a file without those lines is accepted.
//  - EVT 2.0: CD events that come before the first EVT_TIME_HIGH word use time_high = 0 (as
//    expelliarmus does). When TIME_HIGH decreases the 34-bit counter wrapped: 2^34 us is added.
//    EXT_TRIGGER (0xA), OTHERS (0xE) and CONTINUED (0xF) words are skipped; any other type
//    (0x2-0x7, 0x9, 0xB-0xD) is rejected as unknown.
//  - EVT 3.0: state (y, base x, polarity, time) starts at 0. t = (time_high << 12) | time_low,
//    plus 2^24 us each time TIME_HIGH decreases; a TIME_LOW wrap alone adds nothing. VECT_12 /
//    VECT_8 emit one event per set bit at base_x + i with VECT_BASE_X's polarity, then advance
//    base_x by 12 / 8. CONTINUED_4 (0x7), EXT_TRIGGER (0xA), OTHERS (0xE), CONTINUED_12 (0xF)
//    are skipped; types 0x1, 0x9, 0xB, 0xC, 0xD are rejected as unknown.
//  - DAT: after the header one byte event type (0 = Event2d or 0x0C = EventCd) and one byte
//    event size (8), then 8-byte records: u32 t, u32 with x = bits 0-13, y = bits 14-27,
//    polarity = bits 28-31 (must be 0 or 1). When t decreases the u32 wrapped: 2^32 is added.
//  - Events whose x or y lies outside a resolution stated in the header are rejected; without
//    a stated resolution EVT 3.0 vector events beyond x = 2047 are rejected.
#pragma once

#include <string>
#include <string_view>

#include "model/diagnostic.hpp"
#include "model/events.hpp"

namespace np {

class MappedBytes;

// stream_X decodes event by event into `sink`, in constant memory; parse_X decodes bytes in
// memory, read_X a whole file. `file` is only used in error locations.
RecordingInfo stream_evt2(const std::string& file, const MappedBytes& bytes, const EventSink& sink);
RecordingInfo stream_evt3(const std::string& file, const MappedBytes& bytes, const EventSink& sink);
RecordingInfo stream_dat(const std::string& file, const MappedBytes& bytes, const EventSink& sink);

EventRecording read_evt2(const std::string& path);
EventRecording parse_evt2(const std::string& file, std::string_view bytes);

EventRecording read_evt3(const std::string& path);
EventRecording parse_evt3(const std::string& file, std::string_view bytes);

EventRecording read_dat(const std::string& path);
EventRecording parse_dat(const std::string& file, std::string_view bytes);

}  // namespace np
