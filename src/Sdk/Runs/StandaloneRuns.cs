using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Reports;
using Wandb.Settings;
using Wandb.Storage;
using Wandb.Storage.Folder;
using Wandb.Testing;

namespace Wandb.Runs;

/// <summary>
/// The runs of a program that no build or test run owns (started on its own, as with <c>dotnet run</c>).
/// Like W&amp;B, it says where each run is stored when it starts; when the process ends, after its runs are
/// finished, it refreshes the report of each folder store it wrote to, once, focused on the runs' groups,
/// and says where the report is. Refreshing at the end keeps <c>Run.Init</c>, <c>Log</c> and <c>Finish</c>
/// as fast as without it, and a program that runs one experiment after another pays for one refresh.
/// A tracked target and the test logger print their own lines and refresh the report when they end.
/// </summary>
internal sealed class StandaloneRuns
{
    /// <summary>
    /// A store whose last report lists this much (about 1,250 runs of 10 metrics, 3 config values) is not
    /// refreshed when a program ends: reading every run and history grows with the store and would hold up
    /// the program's exit (docs/benchmarks.md, <c>logging</c>). The line says how to refresh it.
    /// </summary>
    public const long LargeReportBytes = 1L << 20;

    private readonly ReportRefresh _refresh;
    private readonly Action<Action> _atProcessEnd;
    private readonly object _gate = new();
    private readonly Dictionary<string, StandaloneStore> _stores = new(StringComparer.Ordinal);
    private bool _scheduled;

    /// <param name="refresh">The report refresh every front end shares.</param>
    /// <param name="atProcessEnd">Registers what to do when the process ends, after its open runs are finished.</param>
    public StandaloneRuns(ReportRefresh refresh, Action<Action> atProcessEnd)
    {
        _refresh = refresh;
        _atProcessEnd = atProcessEnd;
    }

    /// <summary>The process's own, printing on the console and refreshing when the process ends.</summary>
    public static StandaloneRuns Process { get; } = new(new ReportRefresh(ConsoleOutput.Instance, Console.Out), OpenRuns.WhenProcessEnds);

    /// <summary>True when a tracked target started this process or the test logger runs its tests: they own the runs, print their own lines and refresh the report.</summary>
    public static bool OwnedByBuildOrTest(IEnvironmentVariables env) =>
        TargetRun.IsPresent(env) || env.Get(TestRunLink.LoggerVariable) == "1";

    /// <summary>Says where <paramref name="run"/> is stored, unless a build or test run owns it or <c>WANDB_SILENT</c> is set, and remembers its store for the refresh at the end.</summary>
    public void Started(Run run, RunStore store, WandbSettings settings, IEnvironmentVariables env, IWandbOutput output)
    {
        if (OwnedByBuildOrTest(env))
        {
            return;
        }

        if (!settings.Silent)
        {
            var name = run.Name == run.Id ? string.Empty : $" '{run.Name}'";
            output.Info($"run {run.Id}{name} (project {run.Project}, {(run.Group is null ? "no group" : "group " + run.Group)}) is stored in {store.Location}");
        }

        lock (_gate)
        {
            if (!_stores.TryGetValue(store.Location, out var entry))
            {
                entry = new StandaloneStore(store, run.Id, env, output);
                _stores.Add(store.Location, entry);
            }

            if (run.Group is not null)
            {
                entry.Groups.Add(run.Group);
            }

            entry.Silent &= settings.Silent;
            if (!_scheduled)
            {
                _scheduled = true;
                _atProcessEnd(RefreshReports);
            }
        }
    }

    /// <summary>Refreshes the report of every store written to since the last call, once each.</summary>
    public void RefreshReports()
    {
        StandaloneStore[] stores;
        lock (_gate)
        {
            stores = _stores.Values.ToArray();
            _stores.Clear();
            _scheduled = false;
        }

        foreach (var entry in stores)
        {
            Refresh(entry);
        }
    }

    private void Refresh(StandaloneStore entry)
    {
        if (entry.Store is not FolderRunStore store)
        {
            // Every machine writes to a shared store: its report is written where the team reads it, not by each program.
            entry.Say("the report of the shared store is not refreshed by programs; write it with `dotnet wandb report` and the store's connection string (--store).");
            return;
        }

        var directory = Path.Combine(store.LocalDirectory, "report");
        var lastReport = new FileInfo(Path.Combine(directory, "runs.json"));
        try
        {
            if (!Directory.Exists(store.Layout.RunDirectory(entry.FirstRunId)))
            {
                // The store was removed or emptied since the run was written: there is nothing to report.
                return;
            }

            if (lastReport.Exists && lastReport.Length > LargeReportBytes)
            {
                entry.Say($"the report of {store.Location} was not refreshed: the store is large (its runs.json has {lastReport.Length / (1024.0 * 1024.0):0.0} MiB), which would hold up this program's exit. Refresh it with `dotnet wandb report --store \"{store.Location}\"`, or with the next build or test run.");
                return;
            }

            var result = _refresh.Refresh(store, new ReportOptions { FocusGroups = entry.Groups.ToList() }, entry.Environment);
            var page = entry.Groups.Count == 1 ? result.GroupPageUrl(entry.Groups.First()) : result.HtmlPath is null ? null : new Uri(result.HtmlPath).AbsoluteUri;
            entry.Say($"report: {page ?? result.Directory}");
        }
        catch (Exception ex)
        {
            // The program has finished its work and its runs are written; a report that cannot be written is only worth a warning.
            entry.Output.Warning(WarningCodes.ReportsNotRefreshed, $"The report of {store.Location} could not be refreshed when the program ended: {ex.Message} The runs are recorded; refresh it with `dotnet wandb report --store \"{store.Location}\"`.");
        }
    }
}
