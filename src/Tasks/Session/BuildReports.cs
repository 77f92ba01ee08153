using Wandb.Build.Tasks.Diagnostics;
using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Reports;
using Wandb.Reports.Ci;
using Wandb.Storage;

namespace Wandb.Build.Tasks.Session;

/// <summary>
/// Refreshes a store's reports when the build ends and publishes the Markdown summary to the CI job page
/// once per build. Every node that ran a tracked target refreshes (each holds the runs it closed last),
/// one at a time through a lock file, so the report written last holds every run; the CI summary is
/// published by whichever node claims the build id first, so a job page never shows it twice.
/// </summary>
internal sealed class BuildReports
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(60);
    private readonly string _coordinationDirectory;
    private readonly TextWriter _console;

    public BuildReports(IWandbOutput output, TextWriter console, string coordinationDirectory)
    {
        Output = output;
        _console = console;
        _coordinationDirectory = coordinationDirectory;
    }

    /// <summary>The build engine is gone when the build ends, so problems go to standard error.</summary>
    public static BuildReports Default => new(ConsoleOutput.Instance, Console.Out, Path.GetTempPath());

    public IWandbOutput Output { get; }

    public void Refresh(RunStore store, IReadOnlyCollection<string> groups, string? buildId, IEnvironmentVariables environment)
    {
        try
        {
            ReportResult result;
            using (AcquireLock(store.Location))
            {
                result = ReportWriter.WriteAll(store, new ReportOptions { FocusGroups = groups.ToList() });
            }

            if (result.MarkdownPath is not null && ClaimSummary(buildId, store.Location))
            {
                var line = CiJobSummary.Publish(result.MarkdownPath, environment, Output);
                if (line is not null)
                {
                    _console.WriteLine(line);
                }
            }
        }
        catch (Exception ex)
        {
            // The build is over and must keep its result; a report failure is only worth a warning.
            Output.Warning(BuildWarningCodes.ReportsNotWritten, $"The reports of {store.Location} could not be refreshed: {ex.Message} Runs already written are kept; write the reports again with ReportWriter.WriteAll once the store can be written.");
        }
    }

    private bool ClaimSummary(string? buildId, string location)
    {
        if (buildId is null)
        {
            return true;
        }

        var marker = Path.Combine(_coordinationDirectory, $"wandb-summary-{buildId}-{StableHash(location)}.claimed");
        try
        {
            using (new FileStream(marker, FileMode.CreateNew, FileAccess.Write))
            {
            }

            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private FileStream AcquireLock(string location)
    {
        var path = Path.Combine(_coordinationDirectory, $"wandb-report-{StableHash(location)}.lock");
        var deadline = DateTime.UtcNow + LockTimeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(25);
            }
        }
    }

    // FNV-1a: string hash codes differ per process, and every node must pick the same file.
    private static string StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash.ToString("x8");
    }
}
