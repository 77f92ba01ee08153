using System.Text;

namespace Wandb.Interop.Import;

/// <summary>
/// Reads a history row straight from the bytes of its <c>Record</c>, the counterpart of the export's
/// <see cref="Export.HistoryRecordEncoder"/>. History is nearly every record of a log, and a message object
/// per row and per value cost more than the rest of the import; rows of a run repeat their keys in the same
/// order, so each item's key string is reused while its bytes stay the same. A record that is anything else,
/// or that this reader does not follow, is left to the generated parser (returns false, having fed nothing).
/// </summary>
internal sealed class HistoryRecordDecoder
{
    private const int RecordNum = 1;
    private const int RecordHistory = 2;
    private const int RecordControl = 16;
    private const int RecordUuid = 19;
    private const int RecordInfo = 200;
    private const int HistoryItem = 1;
    private const int HistoryStep = 2;
    private const int ItemKey = 1;
    private const int ItemNestedKey = 2;
    private const int ItemValueJson = 16;
    private const int StepNum = 1;
    private const int LengthDelimited = 2;

    private readonly List<(int Start, int End)> _items = new();
    private readonly List<byte[]> _keyBytes = new();
    private readonly List<string> _keys = new();

    /// <summary>Feeds the row to <paramref name="builder"/>; false when the record is not a history record this reader follows.</summary>
    public bool TryDecode(ReadOnlySpan<byte> record, ImportedRunBuilder builder)
    {
        if (!FindHistory(record, out var historyStart, out var historyEnd) || !ScanHistory(record, historyStart, historyEnd, out var step))
        {
            return false;
        }

        for (var i = 0; i < _items.Count; i++)
        {
            var item = record.Slice(_items[i].Start, _items[i].End - _items[i].Start);
            ItemParts(item, out var path, out var value);
            builder.AddHistoryItem(Key(i, item.Slice(path.Start, path.End - path.Start)), item.Slice(value.Start, value.End - value.Start));
        }

        builder.EndHistoryRow(step);
        return true;
    }

    // The key of item i: the cached string while the item's key bytes equal those of the same item in the last row.
    private string Key(int index, ReadOnlySpan<byte> pathFields)
    {
        if (index < _keys.Count && pathFields.SequenceEqual(_keyBytes[index]))
        {
            return _keys[index];
        }

        var key = DecodePath(pathFields);
        if (index < _keys.Count)
        {
            _keyBytes[index] = pathFields.ToArray();
            _keys[index] = key;
        }
        else
        {
            _keyBytes.Add(pathFields.ToArray());
            _keys.Add(key);
        }

        return key;
    }

    // W&B's rule: the nested_key parts joined with '.', else the key.
    private static string DecodePath(ReadOnlySpan<byte> pathFields)
    {
        string? key = null;
        var nested = new List<string>();
        var at = 0;
        while (at < pathFields.Length)
        {
            var tag = ReadVarint(pathFields, ref at);
            var length = (int)ReadVarint(pathFields, ref at);
            var text = Utf8(pathFields.Slice(at, length));
            at += length;
            switch ((int)(tag >> 3))
            {
                case ItemNestedKey:
                    nested.Add(text);
                    break;
                case ItemKey:
                    key = text;
                    break;
            }
        }

        return nested.Count > 0 ? string.Join(".", nested) : key ?? string.Empty;
    }

    // Splits a checked item into the run of its key fields (from the first to the last) and its value_json.
    private static void ItemParts(ReadOnlySpan<byte> item, out (int Start, int End) path, out (int Start, int End) value)
    {
        path = (-1, -1);
        value = (0, 0);
        var at = 0;
        while (at < item.Length)
        {
            var fieldStart = at;
            var tag = ReadVarint(item, ref at);
            var length = (int)ReadVarint(item, ref at);
            var field = (int)(tag >> 3);
            if (field == ItemValueJson)
            {
                value = (at, at + length);
            }
            else if (field is ItemKey or ItemNestedKey)
            {
                path = (path.Start < 0 ? fieldStart : path.Start, at + length);
            }

            at += length;
        }

        path = path.Start < 0 ? (0, 0) : path;
    }

    private static bool FindHistory(ReadOnlySpan<byte> record, out int start, out int end)
    {
        start = end = -1;
        var at = 0;
        while (at < record.Length)
        {
            if (!TryReadTag(record, ref at, out var field, out var wire))
            {
                return false;
            }

            if (field == RecordHistory && wire == LengthDelimited && start < 0)
            {
                if (!TryReadLength(record, ref at, out var length))
                {
                    return false;
                }

                (start, end) = (at, at + length);
                at = end;
            }
            else if (field is not (RecordNum or RecordControl or RecordUuid or RecordInfo) || !TrySkip(record, ref at, wire))
            {
                return false;
            }
        }

        return start >= 0;
    }

    // Checks the history message and every item in it, and collects the items and the step.
    private bool ScanHistory(ReadOnlySpan<byte> record, int start, int end, out long? step)
    {
        _items.Clear();
        step = null;
        var history = record.Slice(0, end);
        var at = start;
        while (at < end)
        {
            if (!TryReadTag(history, ref at, out var field, out var wire))
            {
                return false;
            }

            if (field == HistoryItem && wire == LengthDelimited)
            {
                if (!TryReadLength(history, ref at, out var length) || !ItemIsSimple(history.Slice(at, length)))
                {
                    return false;
                }

                _items.Add((at, at + length));
                at += length;
            }
            else if (field == HistoryStep && wire == LengthDelimited)
            {
                if (!TryReadLength(history, ref at, out var length) || !TryReadStep(history.Slice(at, length), out var num))
                {
                    return false;
                }

                step = num;
                at += length;
            }
            else if (!TrySkip(history, ref at, wire))
            {
                return false;
            }
        }

        return true;
    }

    // An item of only key, nested_key and value_json fields (what W&B writes); anything else goes to the generated parser.
    private static bool ItemIsSimple(ReadOnlySpan<byte> item)
    {
        var at = 0;
        while (at < item.Length)
        {
            if (!TryReadTag(item, ref at, out var field, out var wire) || wire != LengthDelimited || field is not (ItemKey or ItemNestedKey or ItemValueJson) || !TryReadLength(item, ref at, out var length))
            {
                return false;
            }

            at += length;
        }

        return true;
    }

    private static bool TryReadStep(ReadOnlySpan<byte> step, out long num)
    {
        num = 0;
        var at = 0;
        while (at < step.Length)
        {
            if (!TryReadTag(step, ref at, out var field, out var wire))
            {
                return false;
            }

            if (field == StepNum && wire == 0)
            {
                if (!TryReadVarint(step, ref at, out var value))
                {
                    return false;
                }

                num = (long)value;
            }
            else if (!TrySkip(step, ref at, wire))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryReadTag(ReadOnlySpan<byte> data, ref int at, out int field, out int wire)
    {
        var ok = TryReadVarint(data, ref at, out var tag);
        field = (int)(tag >> 3);
        wire = (int)(tag & 7);
        return ok && field > 0;
    }

    private static bool TryReadLength(ReadOnlySpan<byte> data, ref int at, out int length)
    {
        length = 0;
        if (!TryReadVarint(data, ref at, out var value) || value > (ulong)(data.Length - at))
        {
            return false;
        }

        length = (int)value;
        return true;
    }

    private static bool TrySkip(ReadOnlySpan<byte> data, ref int at, int wire)
    {
        switch (wire)
        {
            case 0:
                return TryReadVarint(data, ref at, out _);
            case 1 or 5:
                at += wire == 1 ? 8 : 4;
                return at <= data.Length;
            case LengthDelimited:
                if (!TryReadLength(data, ref at, out var length))
                {
                    return false;
                }

                at += length;
                return true;
            default:
                return false;
        }
    }

    private static bool TryReadVarint(ReadOnlySpan<byte> data, ref int at, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && at < data.Length; shift += 7)
        {
            var b = data[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }

        return false;
    }

    // Only for fields already checked by the scan.
    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int at)
    {
        TryReadVarint(data, ref at, out var value);
        return value;
    }

    private static string Utf8(ReadOnlySpan<byte> bytes) => bytes.Length == 0 ? string.Empty : Encoding.UTF8.GetString(bytes.ToArray());
}
