using System.Diagnostics;

namespace Wandb.TestSupport;

/// <summary>
/// A training loop on its own thread that logs into one run at a fixed rate, as training logs steps, and keeps
/// how long every <c>Log</c> call took, so a test or benchmark sees whether logging ever waited, and on what.
/// </summary>
internal sealed class PacedLogger
{
    private readonly int _rowsPerSecond;
    private readonly float[] _microseconds;
    private readonly Thread _thread;
    private volatile bool _stop;
    private long _logged;

    /// <param name="run">The run to log into.</param>
    /// <param name="rowsPerSecond">The rate.</param>
    /// <param name="longest">The longest the loop may run; it stops logging after that many rows.</param>
    public PacedLogger(Run run, int rowsPerSecond, TimeSpan longest)
    {
        Run = run;
        _rowsPerSecond = rowsPerSecond;
        _microseconds = new float[(int)(rowsPerSecond * longest.TotalSeconds)];
        _thread = new Thread(Loop) { IsBackground = true, Name = "paced-" + run.Id };
        _thread.Start();
    }

    public Run Run { get; }

    /// <summary>Rows logged so far; a mark for <see cref="Latencies"/>.</summary>
    public long Logged => Interlocked.Read(ref _logged);

    /// <summary>The longest <c>Log</c> call so far.</summary>
    public TimeSpan LongestLog => TimeSpan.FromTicks((long)(Latencies(0, Logged).DefaultIfEmpty().Max() * 10));

    /// <summary>Stops logging and waits for the loop to end; <see cref="Logged"/> is then final.</summary>
    public void Stop()
    {
        _stop = true;
        _thread.Join();
    }

    /// <summary>The durations in microseconds of the calls from row <paramref name="from"/> up to row <paramref name="to"/>.</summary>
    public IEnumerable<float> Latencies(long from, long to) => _microseconds.Skip((int)from).Take((int)(to - from));

    private void Loop()
    {
        var clock = Stopwatch.StartNew();
        var row = new Dictionary<string, double> { ["loss"] = 0, ["accuracy"] = 0 };
        long logged = 0;
        while (!_stop && logged < _microseconds.Length)
        {
            if (logged >= (long)(clock.Elapsed.TotalSeconds * _rowsPerSecond))
            {
                Thread.Sleep(1);
                continue;
            }

            row["loss"] = 1.0 / (logged + 1);
            row["accuracy"] = logged % 1000 / 1000.0;
            var start = Stopwatch.GetTimestamp();
            Run.Log(row);
            _microseconds[logged] = (float)((Stopwatch.GetTimestamp() - start) * 1e6 / Stopwatch.Frequency);
            Interlocked.Exchange(ref _logged, ++logged);
        }
    }
}
