using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Wandb.Interop.Protocol;
using Wandb.Storage;

namespace Wandb.Interop.Export;

/// <summary>
/// Turns a stored run into the records W&amp;B's client writes for a run, in the mapping docs/wandb-interop.md
/// documents; history rows are encoded by <see cref="HistoryRecordEncoder"/>. Items use <c>key</c>, which
/// W&amp;B reads like a one-element <c>nested_key</c>.
/// </summary>
internal static class ExportRecords
{
    public const string StepKey = "_step";
    public const string RuntimeKey = "_runtime";
    public const string TimestampKey = "_timestamp";
    public const string InternalKey = "_wandb";

    private static readonly string Producer = "Wandb.Sdk " + typeof(ExportRecords).Assembly.GetName().Version;

    public static Record Header() => new() { Header = new HeaderRecord { VersionInfo = new VersionInfo { Producer = Producer } } };

    public static Record Run(StoredRun run, string? entity)
    {
        var record = new RunRecord
        {
            RunId = run.Id,
            Entity = entity ?? string.Empty,
            Project = run.Project,
            RunGroup = run.Group ?? string.Empty,
            JobType = run.JobType ?? string.Empty,
            DisplayName = run.Name,
            Notes = run.Notes ?? string.Empty,
            Host = run.System.Host ?? string.Empty,
            StartTime = Timestamp.FromDateTimeOffset(run.CreatedAt),
            Config = new ConfigRecord(),
        };
        record.Tags.AddRange(run.Tags);
        foreach (var pair in run.Config)
        {
            record.Config.Update.Add(new ConfigItem { Key = pair.Key, ValueJson = ValueJson.Write(pair.Value) });
        }

        return new Record { Run = record };
    }

    /// <summary>The run's summary, with the step, runtime and time of its last row and the runtime W&amp;B keeps under <c>_wandb</c>.</summary>
    public static Record Summary(StoredRun run, HistoryRow? lastRow, int runtimeSeconds)
    {
        var summary = new SummaryRecord();
        foreach (var pair in run.Summary)
        {
            summary.Update.Add(new SummaryItem { Key = pair.Key, ValueJson = ValueJson.Write(pair.Value) });
        }

        if (lastRow is not null)
        {
            summary.Update.Add(new SummaryItem { Key = StepKey, ValueJson = lastRow.Step.ToString(CultureInfo.InvariantCulture) });
            summary.Update.Add(new SummaryItem { Key = RuntimeKey, ValueJson = ValueJson.Number(lastRow.Runtime) });
            summary.Update.Add(new SummaryItem { Key = TimestampKey, ValueJson = ValueJson.Number(lastRow.Timestamp) });
        }

        var runtime = new SummaryItem { ValueJson = runtimeSeconds.ToString(CultureInfo.InvariantCulture) };
        runtime.NestedKey.Add(InternalKey);
        runtime.NestedKey.Add("runtime");
        summary.Update.Add(runtime);
        return new Record { Summary = summary };
    }

    public static Record Exit(int exitCode, int runtimeSeconds) => new() { Exit = new RunExitRecord { ExitCode = exitCode, Runtime = runtimeSeconds } };

    public static Record Final() => new() { Final = new FinalRecord() };

    public static Record Footer() => new() { Footer = new FooterRecord() };

    /// <summary>
    /// The exit code W&amp;B gets: 0 for a finished run, the run's own non-zero code (else 1) for a failed or
    /// killed one, and none for a run still running or crashed, whose log then ends without an exit record.
    /// </summary>
    public static int? ExitCode(StoredRun run) => run.State switch
    {
        RunState.Finished => 0,
        RunState.Failed or RunState.Killed => run.ExitCode is { } code && code != 0 ? code : 1,
        _ => null,
    };

    /// <summary>Whole seconds from the run's start to its end (or its last update while it runs).</summary>
    public static int RuntimeSeconds(StoredRun run) => (int)Math.Max(0, Math.Round(run.DurationSeconds));
}
