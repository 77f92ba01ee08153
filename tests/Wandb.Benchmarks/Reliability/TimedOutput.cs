using System.Diagnostics;
using Wandb.Diagnostics;

namespace Wandb.Benchmarks.Reliability;

/// <summary>Keeps the SDK's warnings with the moment each arrived, so the benchmark can tell when writers caught up.</summary>
internal sealed class TimedOutput : IWandbOutput
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(TimeSpan At, string Code, string Message)> _warnings = new();

    public IReadOnlyList<(TimeSpan At, string Code, string Message)> Warnings
    {
        get
        {
            lock (_warnings)
            {
                return _warnings.ToList();
            }
        }
    }

    /// <summary>Time since this output was created.</summary>
    public TimeSpan Now => _clock.Elapsed;

    public void Warning(string code, string message)
    {
        lock (_warnings)
        {
            _warnings.Add((_clock.Elapsed, code, message));
        }
    }

    public void Info(string message)
    {
    }
}
