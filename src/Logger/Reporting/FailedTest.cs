namespace Wandb.TestLogger.Reporting;

/// <summary>A failed test as the console summary names it: its display name and the first line of its message.</summary>
internal sealed record FailedTest(string DisplayName, string? ErrorMessage)
{
    /// <summary>Longest message line printed; the whole message (up to 4,000 characters) is in the run's summary.</summary>
    public const int MaxMessageLength = 200;

    public string Describe()
    {
        var name = ConsoleText.Escape(DisplayName);
        var message = FirstLine(ErrorMessage);
        if (message.Length == 0)
        {
            return name;
        }

        var shown = message.Length <= MaxMessageLength
            ? ConsoleText.Escape(message)
            : ConsoleText.Escape(message.Substring(0, MaxMessageLength)) + "… (truncated; the full message is in the run's summary)";
        return name + ": " + shown;
    }

    private static string FirstLine(string? message)
    {
        var text = message?.Trim() ?? string.Empty;
        var end = text.IndexOfAny(new[] { '\r', '\n' });
        return end < 0 ? text : text.Substring(0, end).TrimEnd();
    }
}
