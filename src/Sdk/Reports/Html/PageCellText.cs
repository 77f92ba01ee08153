using System.Globalization;
using Newtonsoft.Json;
using Wandb.Json;
using Wandb.Runs;
using Wandb.Storage.Codec;

namespace Wandb.Reports.Html;

/// <summary>
/// The JSON texts of a run's cells in the page's runs table, escaped exactly as the page's writer escapes (no &lt;, &gt; or
/// &amp; inside strings). One per thread: it keeps the texts it made last.
/// </summary>
internal sealed class PageCellText
{
    /// <summary>How the page's writer escapes strings (<see cref="HtmlReportWriter.WriteData"/>): a cell made once serves every page.</summary>
    public const StringEscapeHandling Escaping = StringEscapeHandling.EscapeHtml;

    /// <summary>How the page's writer writes non-finite numbers.</summary>
    public const FloatFormatHandling Floats = FloatFormatHandling.String;

    /// <summary>How many texts of each kind are kept: a column of distinct values (durations, losses) is not worth more.</summary>
    private const int MaxRememberedTexts = 4096;

    private readonly StringWriter _buffer = new(CultureInfo.InvariantCulture);
    private readonly Dictionary<long, string> _doubles = new();
    private readonly Dictionary<long, string> _integers = new();
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private SystemInfo? _lastSystem;
    private string _lastSystemText = string.Empty;

    public string Of(string value) => JsonStringText.Quote(value, Escaping);

    /// <summary>
    /// A config or summary value: most are formatted without a writer (<see cref="JsonValueText"/>). A column's values
    /// repeat (the runs of a group share their config, a cross-validation its folds' settings), so the text of each
    /// number and string met is kept: formatting a double is most of a cell's cost.
    /// </summary>
    public string OfValue(object? value)
    {
        switch (value)
        {
            // By their bits: 0.0 and -0.0 are equal doubles with different texts.
            case double d when !double.IsNaN(d) && !double.IsInfinity(d):
                return Remembered(_doubles, BitConverter.DoubleToInt64Bits(d), value);
            case long l:
                return Remembered(_integers, l, value);
            case string s:
                return Remembered(_strings, s, value);
            default:
                return Formatted(value);
        }
    }

    private string Remembered<TKey>(Dictionary<TKey, string> texts, TKey key, object value)
        where TKey : notnull
    {
        if (texts.TryGetValue(key, out var text))
        {
            return text;
        }

        text = Formatted(value);
        if (texts.Count < MaxRememberedTexts)
        {
            texts.Add(key, text);
        }

        return text;
    }

    private string Formatted(object? value) =>
        JsonValueText.TryFormat(value, Escaping, out var text) ? text : Of(w => PlainValueWriter.Write(w, value));

    /// <summary>A run's tags: most runs have none, and the others a few strings, so no writer is needed.</summary>
    public string OfTags(IReadOnlyList<string> tags)
    {
        if (tags.Count == 0)
        {
            return "[]";
        }

        return "[" + string.Join(",", tags.Select(OfValue)) + "]";
    }

    /// <summary>
    /// A run's system info. The runs of one build or test run share theirs, and neighbours on the page mostly come
    /// from the same one: the text of the previous run's is reused when every field is the same.
    /// </summary>
    public string OfSystem(SystemInfo system)
    {
        if (_lastSystem is null || !SameFields(_lastSystem, system))
        {
            _lastSystemText = Of(w => StoreDocumentWriter.WriteSystem(w, system));
            _lastSystem = system;
        }

        return _lastSystemText;
    }

    public string Of(Action<JsonWriter> write)
    {
        _buffer.GetStringBuilder().Clear();
        using (var json = new JsonTextWriter(_buffer)
        {
            StringEscapeHandling = Escaping,
            FloatFormatHandling = Floats,
            Formatting = Formatting.None,
            CloseOutput = false,
        })
        {
            write(json);
        }

        return _buffer.ToString();
    }

    private static bool SameFields(SystemInfo a, SystemInfo b) =>
        ReferenceEquals(a, b)
        || (a.Pid == b.Pid && a.GitDirty == b.GitDirty
            && string.Equals(a.Host, b.Host, StringComparison.Ordinal)
            && string.Equals(a.Os, b.Os, StringComparison.Ordinal)
            && string.Equals(a.DotNet, b.DotNet, StringComparison.Ordinal)
            && string.Equals(a.GitCommit, b.GitCommit, StringComparison.Ordinal)
            && string.Equals(a.GitBranch, b.GitBranch, StringComparison.Ordinal)
            && string.Equals(a.CiProvider, b.CiProvider, StringComparison.Ordinal)
            && string.Equals(a.CiRunId, b.CiRunId, StringComparison.Ordinal));
}
