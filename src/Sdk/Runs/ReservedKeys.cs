namespace Wandb.Runs;

/// <summary>
/// The one rule for the keys users choose, whether metric, config or summary keys: a leading '_' belongs to the
/// values the SDK records itself, so a user key never shadows them in the store or a report.
/// </summary>
internal static class ReservedKeys
{
    /// <exception cref="ArgumentException"><paramref name="key"/> starts with '_' (the message names the kind of key and the key).</exception>
    public static void Reject(string key, string what)
    {
        if (key.Length > 0 && key[0] == '_')
        {
            throw new ArgumentException($"The {what} key '{key}' starts with '_', which is reserved for values the SDK records itself (_step, _runtime, _timestamp).", nameof(key));
        }
    }
}
