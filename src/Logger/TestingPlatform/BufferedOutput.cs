using Wandb.Diagnostics;

namespace Wandb.TestLogger.TestingPlatform;

/// <summary>Collects the reporting core's lines so they are shown through the platform's output device, which owns the terminal.</summary>
internal sealed class BufferedOutput : IWandbOutput
{
    private readonly object _gate = new();
    private readonly List<string> _lines = new();

    public void Warning(string code, string message) => Add($"wandb: warning {code}: {message}");

    public void Info(string message) => Add($"wandb: {message}");

    public IReadOnlyList<string> Drain()
    {
        lock (_gate)
        {
            var lines = _lines.ToList();
            _lines.Clear();
            return lines;
        }
    }

    private void Add(string line)
    {
        lock (_gate)
        {
            _lines.Add(line);
        }
    }
}
