using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Reports.Ci;
using Wandb.Storage;

namespace Wandb.Reports;

/// <summary>
/// Brings the reports of a store up to date when a build, a test run or a command ends, the same way for
/// every front end: one process at a time per store, through a lock every front end shares, so the report
/// written last holds every run whoever wrote it; then the Markdown summary goes to the CI job page, if any.
/// A summary claim (the build id) publishes it once although every node of a build refreshes; without one
/// each refresh publishes its own (each test project of a <c>dotnet test</c> appends its summary).
/// </summary>
internal sealed class ReportRefresh
{
    /// <summary>How long a refresh waits for another process to finish refreshing the same store.</summary>
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(60);

    private readonly TextWriter _console;
    private readonly string _coordinationDirectory;

    /// <param name="output">Where problems publishing the summary go.</param>
    /// <param name="console">Where the CI logging command is printed; it must start a line of the job log, so it has no prefix.</param>
    /// <param name="coordinationDirectory">Folder of the lock and claim files, the same for every process of the machine: the temp folder unless given.</param>
    public ReportRefresh(IWandbOutput output, TextWriter console, string? coordinationDirectory = null)
    {
        Output = output;
        WriteReports = (store, options) => ReportWriter.WriteAll(store, options, SystemClock.Instance, output);
        _console = console;
        _coordinationDirectory = coordinationDirectory ?? Path.GetTempPath();
    }

    public IWandbOutput Output { get; }

    /// <summary>Writes the reports of a store; the SDK's report writer unless a test replaces it.</summary>
    public Func<RunStore, ReportOptions, ReportResult> WriteReports { get; init; }

    /// <summary>Writes the reports of <paramref name="store"/> under its lock, then publishes the summary to the CI job page.</summary>
    /// <param name="store">The store whose reports are refreshed.</param>
    /// <param name="options">What to write; the focus groups are the ones the caller just recorded.</param>
    /// <param name="environment">The variables the CI job page is found from (<see cref="CiDetector.JobPage"/>).</param>
    /// <param name="summaryClaim">Publish only when no process claimed this id for this store before; null publishes every time.</param>
    /// <returns>Where the reports are and their console summary, for the caller to print its own way.</returns>
    /// <exception cref="IOException">The reports could not be written, or another process held the store's lock past the timeout.</exception>
    public ReportResult Refresh(RunStore store, ReportOptions options, IEnvironmentVariables environment, string? summaryClaim = null)
    {
        ReportResult result;
        using (LockStore(store.Location))
        {
            result = WriteReports(store, options);
        }

        var page = CiDetector.JobPage(environment);
        if (result.MarkdownPath is not null && page is not null && Claim(summaryClaim, store.Location))
        {
            var line = CiJobSummary.Publish(page, result.MarkdownPath, Output);
            if (line is not null)
            {
                _console.WriteLine(line);
            }
        }

        return result;
    }

    /// <summary>Holds the refresh lock of the store at <paramref name="location"/>; every refresh of that store waits until it is released.</summary>
    public IDisposable LockStore(string location) =>
        CrossProcessLock.Acquire(_coordinationDirectory, "wandb-reports", StoreKey(location), LockTimeout);

    /// <summary>One name per store: a folder store's location may be relative or end in a separator; a database store's is a URL.</summary>
    private static string StoreKey(string location) =>
        location.Contains("://")
            ? location
            : Path.GetFullPath(location).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);

    /// <summary>True for the first process that claims <paramref name="claim"/> for this store; the claim file is only left on a CI machine.</summary>
    private bool Claim(string? claim, string location)
    {
        if (claim is null)
        {
            return true;
        }

        var marker = Path.Combine(_coordinationDirectory, $"wandb-summary-{claim}-{CrossProcessLock.StableHash(StoreKey(location))}.claimed");
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
}
