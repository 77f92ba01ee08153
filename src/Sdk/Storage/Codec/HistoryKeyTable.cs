namespace Wandb.Storage.Codec;

/// <summary>
/// Interns the keys of history lines by looking them up straight from the line's characters, so a key seen
/// before costs no allocation. Keys repeat on every line: sharing one string per key keeps a long history
/// small in memory and parsing it fast. At most <see cref="MaxKeys"/> distinct keys are kept; past that,
/// keys are still returned, just not shared.
/// </summary>
internal sealed class HistoryKeyTable
{
    public const int MaxKeys = 10_000;

    private string?[] _keys = new string?[64];
    private int[] _hashes = new int[64];
    private int _count;

    public string GetOrAdd(string line, int start, int length)
    {
        var hash = Hash(line, start, length);
        var mask = _keys.Length - 1;
        var slot = hash & mask;
        while (true)
        {
            var key = _keys[slot];
            if (key is null)
            {
                break;
            }

            if (_hashes[slot] == hash && key.Length == length && string.CompareOrdinal(line, start, key, 0, length) == 0)
            {
                return key;
            }

            slot = (slot + 1) & mask;
        }

        var created = line.Substring(start, length);
        if (_count < MaxKeys)
        {
            Insert(created, hash);
        }

        return created;
    }

    /// <summary>The shared instance of an already-built key (one that held escapes).</summary>
    public string GetOrAdd(string key) => GetOrAdd(key, 0, key.Length);

    private static int Hash(string text, int start, int length)
    {
        unchecked
        {
            var hash = (int)2166136261;
            for (var i = start; i < start + length; i++)
            {
                hash = (hash ^ text[i]) * 16777619;
            }

            return hash & int.MaxValue;
        }
    }

    private void Insert(string key, int hash)
    {
        if ((_count + 1) * 2 > _keys.Length)
        {
            var oldKeys = _keys;
            var oldHashes = _hashes;
            _keys = new string?[oldKeys.Length * 2];
            _hashes = new int[oldKeys.Length * 2];
            _count = 0;
            for (var i = 0; i < oldKeys.Length; i++)
            {
                if (oldKeys[i] is { } existing)
                {
                    Place(existing, oldHashes[i]);
                }
            }
        }

        Place(key, hash);
    }

    private void Place(string key, int hash)
    {
        var mask = _keys.Length - 1;
        var slot = hash & mask;
        while (_keys[slot] is not null)
        {
            slot = (slot + 1) & mask;
        }

        _keys[slot] = key;
        _hashes[slot] = hash;
        _count++;
    }
}
