namespace Wandb.TestLogger.Reporting;

/// <summary>A failed test as the console summary names it: its display name and the first line of its message.</summary>
internal sealed record FailedTest(string DisplayName, string? ErrorMessage)
{
    /// <summary>Longest message line printed; the whole message (up to 4,000 characters) is in the run's summary.</summary>
    public const int MaxMessageLength = 200;

    /// <summary>A first line this short that ends in '.' or ':' is a heading (MSTest's <c>Assertion failed.</c>) that the next line completes.</summary>
    private const int HeadingLength = 30;

    public string Describe()
    {
        var name = ConsoleText.Escape(DisplayName);
        var message = Synopsis(ErrorMessage);
        if (message.Length == 0)
        {
            return name;
        }

        var shown = message.Length <= MaxMessageLength
            ? ConsoleText.Escape(message)
            : ConsoleText.Escape(message.Substring(0, MaxMessageLength)) + "… (truncated; the full message is in the run's summary)";
        return name + ": " + shown;
    }

    /// <summary>The message's first line, with the second when the first is only a short heading.</summary>
    private static string Synopsis(string? message)
    {
        var lines = (message ?? string.Empty).Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).Where(l => l.Length > 0).Take(2).ToList();
        return lines.Count switch
        {
            0 => string.Empty,
            1 => lines[0],
            _ => lines[0].Length < HeadingLength && lines[0][lines[0].Length - 1] is '.' or ':' ? lines[0] + " " + lines[1] : lines[0],
        };
    }
}
