using Wandb.Diagnostics;

namespace Wandb.TestLogger.Tests.Fakes;

/// <summary>Keeps every warning and line the reporter prints.</summary>
internal sealed class RecordingOutput : IWandbOutput
{
    private readonly List<string> _lines = new();

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToList();
            }
        }
    }

    public IEnumerable<string> Warnings(string code) => Lines.Where(l => l.StartsWith("warning " + code + ":", StringComparison.Ordinal));

    public void Warning(string code, string message) => Add($"warning {code}: {message}");

    public void Info(string message) => Add(message);

    private void Add(string line)
    {
        lock (_lines)
        {
            _lines.Add(line);
        }
    }
}
