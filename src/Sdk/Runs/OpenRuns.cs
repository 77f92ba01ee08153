namespace Wandb.Runs;

/// <summary>
/// The runs this process has open, so they are finished when the process ends without calling
/// <see cref="Run.Finish(int)"/>: with the process exit code on a normal exit, as failed on an unhandled
/// exception, as killed on Ctrl+C. A process killed outright is detected later by readers as crashed.
/// What must happen once every run is closed (refreshing the report of a program's store) is done then.
/// </summary>
internal static class OpenRuns
{
    private static readonly object Gate = new();
    private static readonly HashSet<Run> Runs = new();
    private static readonly List<Action> AfterLastRun = new();
    private static bool _hooked;

    public static void Add(Run run)
    {
        lock (Gate)
        {
            Runs.Add(run);
            Hook();
        }
    }

    public static void Remove(Run run)
    {
        lock (Gate)
        {
            Runs.Remove(run);
        }
    }

    /// <summary>Runs <paramref name="action"/> when the process ends (normally or on an unhandled exception), after its open runs were finished.</summary>
    public static void WhenProcessEnds(Action action)
    {
        lock (Gate)
        {
            AfterLastRun.Add(action);
            Hook();
        }
    }

    private static void Hook()
    {
        if (_hooked)
        {
            return;
        }

        _hooked = true;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => End(System.Environment.ExitCode == 0 ? RunState.Finished : RunState.Failed, System.Environment.ExitCode);
        AppDomain.CurrentDomain.UnhandledException += (_, _) => End(RunState.Failed, 1);
        Console.CancelKeyPress += (_, _) => FinishAll(RunState.Killed, 130);
    }

    private static void End(RunState state, int exitCode)
    {
        FinishAll(state, exitCode);
        Action[] actions;
        lock (Gate)
        {
            actions = AfterLastRun.ToArray();
            AfterLastRun.Clear();
        }

        foreach (var action in actions)
        {
            action();
        }
    }

    private static void FinishAll(RunState state, int exitCode)
    {
        Run[] open;
        lock (Gate)
        {
            open = Runs.ToArray();
        }

        foreach (var run in open)
        {
            run.Finish(state, exitCode);
        }
    }
}
