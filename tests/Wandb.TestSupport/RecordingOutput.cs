using Wandb.Diagnostics;

namespace Wandb.TestSupport;

/// <summary>
/// Keeps the SDK's warnings and messages instead of printing them, so tests read what a user would see.
/// Safe to use from the background threads that write runs.
/// </summary>
internal sealed class RecordingOutput : IWandbOutput
{
    private readonly object _gate = new();
    private readonly List<string> _lines = new();
    private readonly List<(string Code, string Message)> _warnings = new();
    private readonly List<string> _infos = new();

    /// <summary>Everything in order: warnings as <c>CODE: message</c>, other messages as they are.</summary>
    public IReadOnlyList<string> Lines => Snapshot(_lines);

    public IReadOnlyList<(string Code, string Message)> Warnings => Snapshot(_warnings);

    public IReadOnlyList<string> Infos => Snapshot(_infos);

    public IEnumerable<string> Codes => Warnings.Select(w => w.Code);

    /// <summary>The messages of the warnings with <paramref name="code"/>.</summary>
    public IEnumerable<string> WarningsWith(string code) => Warnings.Where(w => w.Code == code).Select(w => w.Message);

    public void Warning(string code, string message)
    {
        lock (_gate)
        {
            _warnings.Add((code, message));
            _lines.Add($"{code}: {message}");
        }
    }

    public void Info(string message)
    {
        lock (_gate)
        {
            _infos.Add(message);
            _lines.Add(message);
        }
    }

    private IReadOnlyList<T> Snapshot<T>(List<T> items)
    {
        lock (_gate)
        {
            return items.ToList();
        }
    }
}
