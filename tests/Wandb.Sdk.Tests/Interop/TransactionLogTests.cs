using System.Buffers.Binary;
using System.Text;
using Wandb.Interop.TransactionLog;

namespace Wandb.Sdk.Tests.Interop;

[TestClass]
public sealed class TransactionLogTests
{
    private const int Block = 32 * 1024;

    [TestMethod]
    public void The_checksum_is_zlibs_crc32()
    {
        var data = Enumerable.Range(0, 1000).Select(i => (byte)((i * 31) + 7)).ToArray();

        // Values from python3: zlib.crc32(b"123456789"), zlib.crc32(data), zlib.crc32(b"\x01" + data[:100]).
        Assert.AreEqual(0xCBF43926u, Crc32.Compute(Encoding.ASCII.GetBytes("123456789")));
        Assert.AreEqual(0x8902161Eu, Crc32.Compute(data));
        Assert.AreEqual(0x0BC0CFECu, Crc32.Append(Crc32.Compute(new byte[] { 1 }), data.AsSpan(0, 100)));
        Assert.AreEqual(Crc32.Compute(data), Crc32.Append(Crc32.Compute(data.AsSpan(0, 333)), data.AsSpan(333)), "continuing a checksum equals checksumming the whole");
    }

    [TestMethod]
    public void A_log_starts_with_the_W_and_B_header_and_a_small_record_is_one_full_chunk()
    {
        var record = Bytes(10, seed: 1);

        var log = Write(record);

        CollectionAssert.AreEqual(new byte[] { (byte)':', (byte)'W', (byte)'&', (byte)'B', 0xE1, 0xBE, 0 }, log.Take(7).ToArray());
        Assert.AreEqual((ChunkType.Full, 10), Chunk(log, 7));
        Assert.AreEqual(Crc32.Compute(new byte[] { 1 }.Concat(record).ToArray()), BinaryPrimitives.ReadUInt32LittleEndian(log.AsSpan(7)), "the checksum covers the type byte and the payload");
        Assert.AreEqual(7 + 7 + 10, log.Length);
        AssertReadsBack(log, record);
    }

    [TestMethod]
    public void A_record_exactly_filling_the_block_is_one_full_chunk_and_the_next_starts_the_next_block()
    {
        var filling = Bytes(Block - 7 - 7, seed: 2);
        var next = Bytes(5, seed: 3);

        var log = Write(filling, next);

        Assert.AreEqual((ChunkType.Full, Block - 14), Chunk(log, 7));
        Assert.AreEqual((ChunkType.Full, 5), Chunk(log, Block));
        Assert.AreEqual(Block + 7 + 5, log.Length);
        AssertReadsBack(log, filling, next);
    }

    [TestMethod]
    public void With_exactly_seven_bytes_left_a_record_starts_with_an_empty_first_chunk()
    {
        var leavingSeven = Bytes(Block - 7 - 7 - 7, seed: 4);
        var next = Bytes(100, seed: 5);

        var log = Write(leavingSeven, next);

        Assert.AreEqual((ChunkType.First, 0), Chunk(log, Block - 7));
        Assert.AreEqual((ChunkType.Last, 100), Chunk(log, Block));
        AssertReadsBack(log, leavingSeven, next);
    }

    [TestMethod]
    public void With_fewer_than_seven_bytes_left_the_tail_is_zero_filled_and_the_record_starts_the_next_block()
    {
        var leavingThree = Bytes(Block - 7 - 7 - 3, seed: 6);
        var next = Bytes(40, seed: 7);

        var endsEarly = Write(leavingThree);
        var log = Write(leavingThree, next);

        Assert.AreEqual(Block - 3, endsEarly.Length, "the tail is written only when a next record comes");
        CollectionAssert.AreEqual(new byte[3], log.Skip(Block - 3).Take(3).ToArray());
        Assert.AreEqual((ChunkType.Full, 40), Chunk(log, Block));
        AssertReadsBack(endsEarly, leavingThree);
        AssertReadsBack(log, leavingThree, next);
    }

    [TestMethod]
    public void A_record_longer_than_two_blocks_is_split_first_middle_last()
    {
        var small = Bytes(100, seed: 8);
        var large = Bytes(2 * Block + 500, seed: 9);
        var firstChunk = 7 + 7 + 100;

        var log = Write(small, large, small);

        Assert.AreEqual((ChunkType.First, Block - firstChunk - 7), Chunk(log, firstChunk));
        Assert.AreEqual((ChunkType.Middle, Block - 7), Chunk(log, Block));
        var lastLength = large.Length - (Block - firstChunk - 7) - (Block - 7);
        Assert.AreEqual((ChunkType.Last, lastLength), Chunk(log, 2 * Block));
        Assert.AreEqual((ChunkType.Full, 100), Chunk(log, (2 * Block) + 7 + lastLength));
        AssertReadsBack(log, small, large, small);
    }

    [TestMethod]
    public void A_torn_last_block_ends_the_records_at_the_record_it_tears_and_says_where()
    {
        var first = Bytes(300, seed: 10);
        var spanning = Bytes(Block + 1000, seed: 11);
        var log = Write(first, spanning);

        foreach (var cut in new[] { 7 + 7 + 300 + 3, 7 + 7 + 300 + 7 + 50, Block + 20, log.Length - 1 })
        {
            var reader = new TransactionLogReader(new MemoryStream(log, 0, cut));

            Assert.IsTrue(reader.TryRead(out var read), $"cut at {cut}");
            CollectionAssert.AreEqual(first, read.ToArray());
            Assert.IsFalse(reader.TryRead(out _), $"cut at {cut}");
            Assert.AreEqual(7 + 7 + 300L, reader.TornAt, $"cut at {cut}: the torn record starts after the first one");
        }

        var whole = new TransactionLogReader(new MemoryStream(log));
        Assert.IsTrue(whole.TryRead(out _) && whole.TryRead(out _) && !whole.TryRead(out _));
        Assert.IsNull(whole.TornAt, "a complete log is not torn");
    }

    [TestMethod]
    public void A_checksum_mismatch_is_an_error_naming_the_offset_of_the_chunk()
    {
        var log = Write(Bytes(50, seed: 12), Bytes(50, seed: 13), Bytes(50, seed: 14));
        var second = 7 + 7 + 50;
        log[second + 7 + 20] ^= 0x40;

        var reader = new TransactionLogReader(new MemoryStream(log));
        Assert.IsTrue(reader.TryRead(out _));
        var error = Assert.ThrowsExactly<CorruptLogException>(() => reader.TryRead(out _));

        Assert.AreEqual(second, error.Offset);
        StringAssert.Contains(error.Message, "checksum mismatch at offset " + second);
    }

    [TestMethod]
    public void A_file_that_is_not_a_W_and_B_log_is_an_error_at_offset_zero()
    {
        var log = Write(Bytes(10, seed: 15));
        log[5] = 0x00;

        var error = Assert.ThrowsExactly<CorruptLogException>(() => new TransactionLogReader(new MemoryStream(log)).TryRead(out _));

        Assert.AreEqual(0, error.Offset);
        StringAssert.Contains(error.Message, "W&B header");
    }

    [TestMethod]
    public void Non_zero_bytes_in_a_block_tail_are_an_error()
    {
        var log = Write(Bytes(Block - 7 - 7 - 3, seed: 16), Bytes(10, seed: 17));
        log[Block - 2] = 9;

        var reader = new TransactionLogReader(new MemoryStream(log));
        Assert.IsTrue(reader.TryRead(out _));
        var error = Assert.ThrowsExactly<CorruptLogException>(() => reader.TryRead(out _));

        Assert.AreEqual(Block - 2, error.Offset);
    }

    [TestMethod]
    public void An_independent_reader_written_from_the_format_description_reads_what_the_writer_wrote()
    {
        var records = new[] { Bytes(10, 18), Bytes(Block - 7 - 7 - 10 - 7 - 7, 19), Bytes(0, 20), Bytes((3 * Block) + 17, 21), Bytes(Block - 3, 22), Bytes(1, 23) };
        var path = Path.Combine(Path.GetTempPath(), "wandb-log-" + Guid.NewGuid().ToString("N") + ".wandb");
        File.WriteAllBytes(path, Write(records));
        try
        {
            var lines = IndependentReader.Read(path);

            Assert.AreEqual(records.Length, lines.Count, string.Join("\n", lines));
            for (var i = 0; i < records.Length; i++)
            {
                var fields = lines[i].Split(' ');
                Assert.AreEqual(records[i].Length.ToString(System.Globalization.CultureInfo.InvariantCulture), fields[1], $"record {i}");
                Assert.AreEqual(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(records[i])).ToLowerInvariant(), fields[3], $"record {i}");
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static byte[] Write(params byte[][] records)
    {
        var stream = new MemoryStream();
        var writer = new TransactionLogWriter(stream);
        foreach (var record in records)
        {
            writer.Append(record);
        }

        writer.Flush();
        Assert.AreEqual(stream.Length, writer.Length);
        return stream.ToArray();
    }

    private static void AssertReadsBack(byte[] log, params byte[][] records)
    {
        var reader = new TransactionLogReader(new MemoryStream(log));
        foreach (var record in records)
        {
            Assert.IsTrue(reader.TryRead(out var read));
            CollectionAssert.AreEqual(record, read.ToArray());
        }

        Assert.IsFalse(reader.TryRead(out _));
        Assert.IsNull(reader.TornAt);
    }

    // Reads a chunk header straight from the bytes, so the writer's layout is checked without the reader.
    private static (ChunkType Type, int Length) Chunk(byte[] log, int offset) =>
        ((ChunkType)log[offset + 6], BinaryPrimitives.ReadUInt16LittleEndian(log.AsSpan(offset + 4)));

    // Valid protobuf-looking bytes are not needed here: the framing carries any bytes.
    private static byte[] Bytes(int length, int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
