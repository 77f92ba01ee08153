using System.Runtime.CompilerServices;
using System.Text;
using Newtonsoft.Json;
using Wandb.Environment;

namespace Wandb.Reports.Json;

/// <summary>
/// Texts of runs.json entries made once per object they describe and kept for as long as it lives (a run, a group's
/// aggregate: objects a store object keeps from one listing to the next while they do not change, and that never change).
/// Each is an element of one of runs.json's top-level arrays, formatted as the indented runs.json writer formats it there.
/// </summary>
/// <typeparam name="TKey">What an entry describes.</typeparam>
internal sealed class KeptTexts<TKey>
    where TKey : class
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly ConditionalWeakTable<TKey, string> _made = new();
    private readonly ConditionalWeakTable<TKey, byte[]> _utf8 = new();
    private readonly ConditionalWeakTable<TKey, string>.CreateValueCallback _format;

    /// <param name="arrayName">The top-level array of runs.json the entries are elements of.</param>
    /// <param name="write">Writes the entry of an object as the next value of that array.</param>
    /// <param name="withoutWriter">
    /// Makes the same text without a writer, or returns null to leave an object to <paramref name="write"/>: a writer per
    /// entry, and its calls running unoptimised in a fresh process, cost most of the time of making them.
    /// </param>
    public KeptTexts(string arrayName, Action<JsonWriter, TKey> write, Func<TKey, string?>? withoutWriter = null) =>
        _format = key => withoutWriter?.Invoke(key) ?? RunsJsonWriter.EntryText(arrayName, json => write(json, key));

    /// <summary>The object's entry, without the line break and indent the writer puts before it.</summary>
    public string Of(TKey key) => _made.GetValue(key, _format);

    /// <summary>
    /// The object's entry as UTF-8, made once from <see cref="Of"/>: what a report file gets, so a report that writes the
    /// entry again copies its bytes instead of encoding its text again.
    /// </summary>
    public byte[] Utf8Of(TKey key) => _utf8.GetValue(key, k => Utf8.GetBytes(Of(k)));

    /// <summary>Whether the object's entry was made already (by a read-ahead or an earlier report).</summary>
    public bool IsMade(TKey key) => _made.TryGetValue(key, out _);

    /// <summary>
    /// Makes the entries of <paramref name="keys"/> not made yet: formatted on every core, then kept one after the other.
    /// Kept from every core, the cores waited for each other on the table's lock (about 6 ms of spinning in a read-ahead
    /// of 5,000 runs, in a trace), CPU taken from the tests beside it.
    /// </summary>
    /// <param name="keys">The objects.</param>
    /// <param name="utf8">Also make each entry's UTF-8 (<see cref="Utf8Of"/>).</param>
    public void Make(IReadOnlyList<TKey> keys, bool utf8 = false)
    {
        var missing = keys.Where(k => !IsMade(k)).ToList();
        var texts = new string[missing.Count];
        Parallel.For(0, missing.Count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism.Degree }, i => texts[i] = _format(missing[i]));
        for (var i = 0; i < missing.Count; i++)
        {
            var text = texts[i];
            _made.GetValue(missing[i], _ => text);
        }

        if (utf8)
        {
            foreach (var key in keys)
            {
                Utf8Of(key);
            }
        }
    }
}
