namespace Wandb.Runs;

/// <summary>
/// The runs this process has open, so they are finished when the process ends without calling
/// <see cref="Run.Finish(int)"/>: with the process exit code on a normal exit, as failed on an unhandled
/// exception, as killed on Ctrl+C. A process killed outright is detected later by readers as crashed.
/// </summary>
internal static class OpenRuns
{
    private static readonly object Gate = new();
    private static readonly HashSet<Run> Runs = new();
    private static bool _hooked;

    public static void Add(Run run)
    {
        lock (Gate)
        {
            Runs.Add(run);
            if (!_hooked)
            {
                _hooked = true;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => FinishAll(System.Environment.ExitCode == 0 ? RunState.Finished : RunState.Failed, System.Environment.ExitCode);
                AppDomain.CurrentDomain.UnhandledException += (_, _) => FinishAll(RunState.Failed, 1);
                Console.CancelKeyPress += (_, _) => FinishAll(RunState.Killed, 130);
            }
        }
    }

    public static void Remove(Run run)
    {
        lock (Gate)
        {
            Runs.Remove(run);
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
