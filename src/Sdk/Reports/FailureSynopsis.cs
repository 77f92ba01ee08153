namespace Wandb.Reports;

/// <summary>
/// What a console line says about a failure: the message's first line (a stack trace or an expected/actual
/// listing follows it), with the second when the first is only a short heading, cut at <see cref="MaxLength"/>
/// characters with a note saying where the whole message is. The test logger's summary and the reports'
/// console lines both use it, so they pick the same text; each makes it safe for the terminal its own
/// documented way (the logger escapes control characters, the reports turn them into spaces).
/// </summary>
internal static class FailureSynopsis
{
    /// <summary>Longest synopsis printed before the note.</summary>
    public const int MaxLength = 200;

    /// <summary>A first line this short that ends in '.' or ':' is a heading (MSTest's <c>Assertion failed.</c>) that the next line completes.</summary>
    private const int HeadingLength = 30;

    /// <summary>How the line after <c>Expected:</c> starts when it gives the actual value: NUnit, then xUnit.</summary>
    private static readonly string[] ActualPrefixes = { "But was:", "Actual:" };

    /// <summary>
    /// The message's first line, with the second when the first is only a short heading, and the expected and actual
    /// values when the message lists them on lines of their own (NUnit's <c>Expected: 5</c> / <c>But was: 4</c> under
    /// the assertion's expression, xUnit's <c>Expected:</c> / <c>Actual:</c>), since those say what went wrong; empty
    /// when the message has no text.
    /// </summary>
    public static string Of(string? message)
    {
        var lines = (message ?? string.Empty).Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var expected = lines.FindIndex(l => l.StartsWith("Expected:", StringComparison.Ordinal));
        if (expected >= 0 && expected + 1 < lines.Count && ActualPrefixes.Any(p => lines[expected + 1].StartsWith(p, StringComparison.Ordinal)))
        {
            var values = CollapseSpaces(lines[expected]) + ", " + CollapseSpaces(lines[expected + 1]);
            var head = Heading(lines.Take(expected).ToList());
            return head.Length == 0 ? values : head + "; " + values;
        }

        return Heading(lines);
    }
    private static string Heading(IReadOnlyList<string> lines) => lines.Count switch
    {
        0 => string.Empty,
        1 => lines[0],
        _ => lines[0].Length < HeadingLength && lines[0][lines[0].Length - 1] is '.' or ':' ? lines[0] + " " + lines[1] : lines[0],
    };

    /// <summary>NUnit pads <c>But was:  4</c> to line up with <c>Expected: 5</c>; on one line the padding is noise.</summary>
    private static string CollapseSpaces(string line) => string.Join(" ", line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The synopsis for one console line; when cut, followed by <c>… (truncated; <paramref name="fullMessageAt"/>)</c>.</summary>
    /// <param name="message">The failure message, or null.</param>
    /// <param name="fullMessageAt">Where the whole message is, for the note after a cut message (for example <c>full message: &lt;the run's page&gt;</c>).</param>
    /// <param name="makeSafe">Makes the text safe for the terminal; applied after the cut, so an escape it writes is never split.</param>
    public static string ForConsole(string? message, string fullMessageAt, Func<string, string> makeSafe)
    {
        var synopsis = Of(message);
        return synopsis.Length <= MaxLength
            ? makeSafe(synopsis)
            : makeSafe(synopsis.Substring(0, MaxLength)) + $"… (truncated; {fullMessageAt})";
    }
}
