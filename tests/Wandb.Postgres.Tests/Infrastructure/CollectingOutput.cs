using Wandb.Diagnostics;

namespace Wandb.Postgres.Tests.Infrastructure;

/// <summary>Keeps the SDK's warnings and messages so tests can read what a user would see.</summary>
internal sealed class CollectingOutput : IWandbOutput
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

    public IEnumerable<string> WarningsWith(string code) => Lines.Where(l => l.StartsWith(code + ":", StringComparison.Ordinal));

    public void Warning(string code, string message)
    {
        lock (_lines)
        {
            _lines.Add($"{code}: {message}");
        }
    }

    public void Info(string message)
    {
        lock (_lines)
        {
            _lines.Add(message);
        }
    }
}
