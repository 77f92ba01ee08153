using System.Globalization;
using System.Text;
using Wandb.Storage;

namespace Wandb.Interop.Export;

/// <summary>
/// Encodes a history row as the protobuf bytes of <c>Record { num, history { item { key, value_json }..., step { num } } }</c>
/// directly, byte for byte what the generated <see cref="Protocol.Record"/> serializes (a test holds them equal).
/// History is nearly every record of an export, and building a message object per row and per value cost
/// more than the rest of the export; the row's keys are encoded once per run.
/// </summary>
internal sealed class HistoryRecordEncoder
{
    private const byte RecordNumTag = (1 << 3) | 0;
    private const byte RecordHistoryTag = (2 << 3) | 2;
    private const byte HistoryItemTag = (1 << 3) | 2;
    private const byte HistoryStepTag = (2 << 3) | 2;
    private const byte ItemKeyTag = (1 << 3) | 2;
    private const byte StepNumTag = (1 << 3) | 0;

    // value_json is field 16: its tag, (16 << 3) | 2 = 130, takes two bytes as a varint.
    private static readonly byte[] ValueJsonTag = { 0x82, 0x01 };

    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);
    private byte[] _body = new byte[1024];
    private byte[] _record = new byte[1024];
    private int _length;

    /// <summary>The encoded record; valid until the next call.</summary>
    public ArraySegment<byte> Encode(long num, HistoryRow row)
    {
        _length = 0;
        AddItem(ExportRecords.StepKey, row.Step.ToString(CultureInfo.InvariantCulture));
        AddItem(ExportRecords.RuntimeKey, Protocol.ValueJson.Number(row.Runtime));
        AddItem(ExportRecords.TimestampKey, Protocol.ValueJson.Number(row.Timestamp));
        foreach (var pair in row.Values)
        {
            AddItem(pair.Key, Protocol.ValueJson.Number(pair.Value));
        }

        var stepLength = row.Step == 0 ? 0 : 1 + VarintLength((ulong)row.Step);
        Reserve(ref _body, _length + 2 + 10 + stepLength);
        _body[_length++] = HistoryStepTag;
        _length = WriteVarint(_body, _length, (ulong)stepLength);
        if (row.Step != 0)
        {
            _body[_length++] = StepNumTag;
            _length = WriteVarint(_body, _length, (ulong)row.Step);
        }

        Reserve(ref _record, _length + 22);
        var at = 0;
        if (num != 0)
        {
            _record[at++] = RecordNumTag;
            at = WriteVarint(_record, at, (ulong)num);
        }

        _record[at++] = RecordHistoryTag;
        at = WriteVarint(_record, at, (ulong)_length);
        Buffer.BlockCopy(_body, 0, _record, at, _length);
        return new ArraySegment<byte>(_record, 0, at + _length);
    }

    private void AddItem(string key, string valueJson)
    {
        if (!_keys.TryGetValue(key, out var encodedKey))
        {
            var utf8 = Encoding.UTF8.GetBytes(key);
            encodedKey = new byte[1 + VarintLength((ulong)utf8.Length) + utf8.Length];
            encodedKey[0] = ItemKeyTag;
            utf8.CopyTo(encodedKey, WriteVarint(encodedKey, 1, (ulong)utf8.Length));
            _keys[key] = encodedKey;
        }

        // value_json of a number is ASCII: one byte per character.
        var itemLength = encodedKey.Length + ValueJsonTag.Length + VarintLength((ulong)valueJson.Length) + valueJson.Length;
        Reserve(ref _body, _length + 1 + 10 + itemLength);
        _body[_length++] = HistoryItemTag;
        _length = WriteVarint(_body, _length, (ulong)itemLength);
        Buffer.BlockCopy(encodedKey, 0, _body, _length, encodedKey.Length);
        _length += encodedKey.Length;
        _body[_length++] = ValueJsonTag[0];
        _body[_length++] = ValueJsonTag[1];
        _length = WriteVarint(_body, _length, (ulong)valueJson.Length);
        for (var i = 0; i < valueJson.Length; i++)
        {
            _body[_length++] = (byte)valueJson[i];
        }
    }

    private static void Reserve(ref byte[] buffer, int size)
    {
        if (buffer.Length < size)
        {
            Array.Resize(ref buffer, Math.Max(size, buffer.Length * 2));
        }
    }

    private static int WriteVarint(byte[] buffer, int at, ulong value)
    {
        while (value >= 0x80)
        {
            buffer[at++] = (byte)(value | 0x80);
            value >>= 7;
        }

        buffer[at++] = (byte)value;
        return at;
    }

    private static int VarintLength(ulong value)
    {
        var length = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            length++;
        }

        return length;
    }
}
