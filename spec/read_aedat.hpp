// Readers for iniVation's AEDAT event recordings, versions 2.0, 3.1 and 4.0
// (https://docs.inivation.com/software/software-advanced-usage/file-formats/).
//
// The version comes from the first header line: `#!AER-DAT2.0`, `#!AER-DAT3.1` or
// `#!AER-DAT4.0`; anything else (1.0, 3.0, not AEDAT at all) is rejected. Only polarity (DVS)
// events are returned, in file order, with their timestamps in microseconds as the file states
// them (AEDAT 4.0 timestamps are absolute Unix-epoch microseconds; 2.0 and 3.1 count from the
// device's timestamp reset).
//
// AEDAT 2.0 (jAER): `#` header lines, then big-endian records {u32 address, u32 timestamp}.
//  - Layout from the header: a `# HardwareInterface:` or `# AEChip:` line naming `DVS128` (or
//    jAER's `Tmpdiff128`) selects the DVS128 layout, otherwise the DAVIS layout is used (also when
//    no such line exists). The sensor, hence the resolution, is known when that line names
//    DVS128 (128x128), DAVIS240 (240x180) or DAVIS346 (346x260); otherwise width/height are unset.
//  - DVS128 (jAER `Tmpdiff128` extractor): polarity bit 0 (0 = ON, 1 = OFF), x bits 1-7, y bits
//    8-14; x is mirrored, x = 127 - field, as jAER does. Addresses with bit 15 (sync) or bit 31
//    (special) set are not pixels and are skipped.
//  - DAVIS (jAER `DavisChip` constants): bit 31 set = APS/IMU sample, skipped; bit 10 set =
//    external input event, skipped; polarity bit 11 (1 = ON), x bits 12-21, y bits 22-30. As in
//    jAER's DAVIS extractor, x is mirrored about the last column (x = width - 1 - field) when the
//    sensor's width is known; with an unknown sensor x is the raw field. A field beyond the known
//    width is an error.
//  - The header ends at the first line not starting with `#` (as in jAER, so a first record whose
//    address starts with byte 0x23 is taken for a header line: the format cannot tell).
//  - The 32-bit timestamp is unwrapped: a decrease by more than 2^31 counts as a wrap (+2^32).
//
// AEDAT 3.1 (cAER): `#` header lines up to `#!END-HEADER`; `#Format:` must be `RAW` when given.
// Then packets of a 28-byte little-endian header {i16 type, i16 source, i32 eventSize,
// i32 tsOffset, i32 tsOverflow, i32 capacity, i32 number, i32 valid} and capacity * eventSize
// bytes of events. Polarity packets (type 1, eventSize >= 8): u32 data (bit 0 valid, bit 1
// polarity, bits 2-16 y, bits 17-31 x), i32 timestamp; t = (tsOverflow << 31) | timestamp. Only
// the packet's first `number` events are read and only those with the valid bit count. Other
// types are skipped by size. Resolution from the first `#Source N:` line naming DVS128, DAVIS240
// or DAVIS346.
//
// AEDAT 4.0 (DV): `#!AER-DAT4.0\r\n`, u32 length, IOHeader flatbuffer ("IOHE": compression,
// dataTablePosition, infoNode XML). Then packets {i32 streamId, i32 size, size bytes} up to
// dataTablePosition (the file's end when it is negative). Only packets of streams whose infoNode
// typeIdentifier is `EVTS` are decoded: the payload, compressed as the IOHeader says (none, LZ4
// frame, or zstd frame), is a size-prefixed "EVTS" flatbuffer holding a vector of 16-byte
// events {i64 t, i16 x, i16 y, bool on, 3 padding}. Flatbuffers are decoded by hand with every
// offset bounds-checked. Resolution from the first event stream's sizeX/sizeY attributes.
//
// Errors are np::SourceError. In binary parts the location is line 1, column = byte offset + 1
// of the offending record, packet or field, and the message repeats the byte offset; errors
// inside a compressed payload point at the payload's first byte and name the offset within the
// decompressed data. Errors in the text headers of 2.0 and 3.1 carry the real line and column.
#pragma once

#include <string>
#include <string_view>

#include "model/diagnostic.hpp"
#include "model/events.hpp"

namespace np {

class MappedBytes;

// Decodes `bytes` event by event into `sink` (memory bounded by the largest packet, never the
// file); `file_name` is only used in error locations.
RecordingInfo stream_aedat(const std::string& file_name, const MappedBytes& bytes, const EventSink& sink);

// Reads and decodes the whole file at `path`.
EventRecording read_aedat(const std::string& path);

// Decodes `bytes`; `file_name` is only used in error locations.
EventRecording parse_aedat(const std::string& file_name, std::string_view bytes);

}  // namespace np
