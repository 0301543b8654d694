// Reader of the N-MNIST / N-Caltech101 binary event format (as read by tonic's read_mnist_file,
// after G. Orchard's original code): 5 bytes per record, byte 0 = x, byte 1 = y, bit 7 of
// byte 2 = polarity (1 = ON), and ((byte2 & 0x7F) << 16 | byte3 << 8 | byte4) = timestamp in
// microseconds. The sensor is 34x34.
//
// Decisions: a record with y = 240 is a timestamp-overflow marker, not an event: it adds 2^13 us
// to the timestamps of every later record (as tonic does). Any other record with x or y >= 34
// is rejected. An empty file and a file whose size is not a multiple of 5 are rejected; errors
// are np::SourceError at line 1, column = byte offset + 1 of the offending record.
#pragma once

#include <string>
#include <string_view>

#include "model/diagnostic.hpp"
#include "model/events.hpp"

namespace np {

class MappedBytes;
// Decodes event by event into `sink`, in constant memory; `file` is only used in error locations.
RecordingInfo stream_nmnist(const std::string& file, const MappedBytes& bytes, const EventSink& sink);
EventRecording read_nmnist(const std::string& path);
EventRecording parse_nmnist(const std::string& file, std::string_view bytes);

}  // namespace np
