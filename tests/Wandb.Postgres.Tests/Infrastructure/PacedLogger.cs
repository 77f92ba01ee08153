using System.Diagnostics;

namespace Wandb.Postgres.Tests.Infrastructure;

/// <summary>
/// A training loop on its own thread that logs rows at a fixed rate, as a real training logs steps, and
/// times every <c>Log</c> call, so a test sees whether logging ever waited on the network.
/// </summary>
internal sealed class PacedLogger
{
    private readonly Run _run;
    private readonly int _rowsPerSecond;
    private readonly Thread _thread;
    private volatile bool _stop;
    private long _logged;
    private long _longestTicks;

    public PacedLogger(Run run, int rowsPerSecond)
    {
        _run = run;
        _rowsPerSecond = rowsPerSecond;
        _thread = new Thread(Loop) { IsBackground = true, Name = "paced-logger-" + run.Id };
        _thread.Start();
    }

    public long Logged => Interlocked.Read(ref _logged);

    public TimeSpan LongestLog => TimeSpan.FromSeconds(Interlocked.Read(ref _longestTicks) / (double)Stopwatch.Frequency);

    /// <summary>Stops logging and waits for the loop to end; <see cref="Logged"/> is then final.</summary>
    public void Stop()
    {
        _stop = true;
        _thread.Join();
    }

    private void Loop()
    {
        var clock = Stopwatch.StartNew();
        var row = new Dictionary<string, double> { ["loss"] = 0, ["step_copy"] = 0 };
        long logged = 0;
        while (!_stop)
        {
            var due = (long)(clock.Elapsed.TotalSeconds * _rowsPerSecond);
            if (logged >= due)
            {
                Thread.Sleep(1);
                continue;
            }

            row["loss"] = 1.0 / (logged + 1);
            row["step_copy"] = logged;
            var start = Stopwatch.GetTimestamp();
            _run.Log(row);
            var took = Stopwatch.GetTimestamp() - start;
            if (took > _longestTicks)
            {
                Interlocked.Exchange(ref _longestTicks, took);
            }

            Interlocked.Exchange(ref _logged, ++logged);
        }
    }
}
