using System.Diagnostics;

namespace Wandb.Cli.Terminal;

/// <summary>
/// Progress of long work on standard error: on a terminal one line redrawn in place (at most ten times a
/// second), when redirected plain lines (at most one every two seconds, so a CI log stays short), and
/// always the last state when the work ends.
/// </summary>
internal sealed class ProgressDisplay
{
    private static readonly TimeSpan TerminalInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(2);

    private readonly CliContext _context;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly object _gate = new();
    private TimeSpan? _lastShown;
    private int _shownWidth;
    private string? _pending;

    public ProgressDisplay(CliContext context) => _context = context;

    /// <summary>Shows <paramref name="text"/> now or at the next due moment; the latest text wins.</summary>
    public void Report(string text)
    {
        lock (_gate)
        {
            _pending = text;
            var interval = _context.ErrorIsTerminal ? TerminalInterval : PlainInterval;
            if (_lastShown is not { } last || _clock.Elapsed - last >= interval)
            {
                Show();
            }
        }
    }

    /// <summary>A stage of the work: always shown, as its own line.</summary>
    public void Stage(string text)
    {
        lock (_gate)
        {
            ClearLine();
            _context.Error.WriteLine(text);
            _pending = null;
        }
    }

    /// <summary>Ends the progress: a plain log gets the last state if it was not printed yet; a terminal's redrawn line is removed.</summary>
    public void Complete() => Clear();

    /// <summary>
    /// Makes way for another line (a warning, a result): a terminal's redrawn line is removed, and a plain log first
    /// gets the state not printed yet, so a log that holds both streams reads in the order things happened (the last
    /// "Exported 957 run(s)" came after the export's result line).
    /// </summary>
    public void Clear()
    {
        lock (_gate)
        {
            if (_pending is not null && !_context.ErrorIsTerminal)
            {
                Show();
            }

            _pending = null;
            ClearLine();
        }
    }

    private void Show()
    {
        var text = _pending!;
        _pending = null;
        _lastShown = _clock.Elapsed;
        if (_context.ErrorIsTerminal)
        {
            _context.Error.Write("\r" + text.PadRight(_shownWidth));
            _shownWidth = text.Length;
        }
        else
        {
            _context.Error.WriteLine(text);
        }

        _context.Error.Flush();
    }

    private void ClearLine()
    {
        if (_context.ErrorIsTerminal && _shownWidth > 0)
        {
            _context.Error.Write("\r" + new string(' ', _shownWidth) + "\r");
            _shownWidth = 0;
        }
    }
}
