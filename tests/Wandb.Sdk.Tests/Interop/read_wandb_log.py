#!/usr/bin/env python3
"""An independent reader of W&B's transaction log (.wandb), written from the format's description only:
a 7-byte file header (b":W&B", 0xBEE1 as uint16 little-endian, version 0), then 32 KiB blocks; each chunk
is CRC-32 (zlib's, over the type byte and the payload, uint32 LE), length (uint16 LE), type (1 FULL,
2 FIRST, 3 MIDDLE, 4 LAST) and payload; a block tail shorter than a chunk header is zero-filled.

Prints one line per record: its offset, length, the protobuf field number of its top-level fields
(the Record's oneof tells the record type) and the SHA-256 of its bytes; with --dump DIR also writes
each record to DIR/<n>.bin. Exits non-zero on any framing or checksum error. Used by the tests to check
the C# writer against a reader that shares no code with it."""
import hashlib
import os
import struct
import sys
import zlib

BLOCK = 32768
HEADER = 7


def varint(data, i):
    shift = value = 0
    while True:
        b = data[i]
        i += 1
        value |= (b & 0x7F) << shift
        if b < 0x80:
            return value, i
        shift += 7


def top_level_fields(record):
    fields, i = [], 0
    while i < len(record):
        key, i = varint(record, i)
        number, wire = key >> 3, key & 7
        fields.append(number)
        if wire == 0:
            _, i = varint(record, i)
        elif wire == 1:
            i += 8
        elif wire == 2:
            length, i = varint(record, i)
            i += length
        elif wire == 5:
            i += 4
        else:
            raise ValueError(f"wire type {wire}")
    return fields


def records(data):
    if data[:7] != b":W&B" + struct.pack("<H", 0xBEE1) + b"\x00":
        raise ValueError("bad file header")
    pos, pending, start = 7, None, None
    while pos < len(data):
        left = BLOCK - pos % BLOCK
        if left < HEADER:
            if any(data[pos:pos + left]):
                raise ValueError(f"non-zero block tail at {pos}")
            pos += left
            continue
        crc, length, kind = struct.unpack("<IHB", data[pos:pos + HEADER])
        payload = data[pos + HEADER:pos + HEADER + length]
        if len(payload) != length or HEADER + length > left:
            raise ValueError(f"bad chunk length at {pos}")
        if zlib.crc32(bytes([kind]) + payload) & 0xFFFFFFFF != crc:
            raise ValueError(f"checksum mismatch at {pos}")
        if kind == 1 and pending is None:
            yield pos, payload
        elif kind == 2 and pending is None:
            pending, start = bytearray(payload), pos
        elif kind == 3 and pending is not None:
            pending += payload
        elif kind == 4 and pending is not None:
            yield start, bytes(pending + payload)
            pending = None
        else:
            raise ValueError(f"unexpected chunk type {kind} at {pos}")
        pos += HEADER + length
    if pending is not None:
        raise ValueError(f"log ends inside the record at {start}")


def main():
    path = sys.argv[1]
    dump = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--dump" else None
    with open(path, "rb") as f:
        data = f.read()
    for n, (offset, record) in enumerate(records(data)):
        try:
            fields = ",".join(str(x) for x in top_level_fields(record)) or "-"
        except (ValueError, IndexError):
            fields = "-"  # not a protobuf message: the framing tests carry arbitrary bytes
        print(f"{offset} {len(record)} {fields} {hashlib.sha256(record).hexdigest()}")
        if dump:
            with open(os.path.join(dump, f"{n}.bin"), "wb") as out:
                out.write(record)


if __name__ == "__main__":
    main()
