using System.Runtime.CompilerServices;
using System.Text.Json;
using Wandb.Polyfills;

namespace Wandb.Storage.Codec;

/// <summary>
/// Reuses the string of a short UTF-8 value seen before on the same thread. The run index's lines repeat the
/// same config keys, metric names, projects, groups, hosts and states in every run: 100,000 runs listed made
/// millions of equal strings, which the collector then copied from generation to generation. Strings are
/// immutable, so a shared one reads exactly as a fresh copy would. A thread keeps at most 4,096 strings of up
/// to 48 bytes (a few hundred KB), a newer one replacing an older in its slot.
/// </summary>
internal sealed class Utf8StringCache
{
    private const int MaxBytes = 48;
    private const int Slots = 4096;

    [ThreadStatic]
    private static Utf8StringCache? _current;

    private readonly byte[]?[] _keys = new byte[Slots][];
    private readonly string?[] _values = new string[Slots];

    /// <summary>The string value (or property name) the reader is on.</summary>
    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    public static string Read(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.ValueSpan.Length > MaxBytes)
        {
            return reader.GetString()!;
        }

        return (_current ??= new Utf8StringCache()).Find(ref reader);
    }

    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    private string Find(ref Utf8JsonReader reader)
    {
        var bytes = reader.ValueSpan;
        var slot = Hash(bytes) & (Slots - 1);
        if (_keys[slot] is { } key && bytes.SequenceEqual(key))
        {
            return _values[slot]!;
        }

        var value = reader.GetString()!;
        _keys[slot] = bytes.ToArray();
        _values[slot] = value;
        return value;
    }

    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    private static int Hash(ReadOnlySpan<byte> bytes)
    {
        // FNV-1a: a few cycles a byte, and names that differ in one character land apart.
        var hash = 2166136261u;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash ^ (hash >> 15));
    }
}
