namespace Wandb.Storage.Watching;

/// <summary>An order-sensitive 64-bit mix of the values a probe sees (FNV-1a over their bytes); equality is all it is used for.</summary>
internal struct Fingerprint
{
    private const ulong Prime = 1099511628211;
    private ulong _value;

    public static Fingerprint Start() => new() { _value = 14695981039346656037 };

    public long Value => unchecked((long)_value);

    public void Add(long value)
    {
        unchecked
        {
            for (var i = 0; i < 8; i++)
            {
                _value = (_value ^ (byte)(value >> (8 * i))) * Prime;
            }
        }
    }

    public void Add(string text)
    {
        unchecked
        {
            foreach (var c in text)
            {
                _value = (_value ^ c) * Prime;
            }

            _value = (_value ^ 0xFF) * Prime;
        }
    }
}
