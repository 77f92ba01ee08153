using System.Globalization;
using System.Text;
using Wandb.Runs;
using Wandb.Storage;
using Wandb.Storage.Codec;

namespace Wandb.TestSupport;

/// <summary>
/// The runs the W&amp;B export/import round trips use, written through the real recorder into any store, and
/// a description of a run and its history that two stores must agree on after the round trip.
/// </summary>
internal static class InteropRuns
{
    public const string Project = "interop";

    /// <summary>
    /// Writes a finished run (nested config, tags, notes, explicit summary, NaN and infinities in its history),
    /// a failed one (exit code 3) and a crashed one (its writer's heartbeat stopped on another host). Returns their ids.
    /// </summary>
    public static IReadOnlyList<string> Write(Func<RunOptions, Run> init, RunStore store, string group)
    {
        var finished = Options(group, "train");
        finished.Name = "fold 0 / seed 7";
        finished.Notes = "baseline with \"quotes\" and a line\nbreak";
        finished.Tags.Add("baseline");
        finished.Tags.Add("ü-tag");
        finished.Config["learning_rate"] = 0.1;
        finished.Config["trees"] = 200;
        finished.Config["whole_double"] = 3.0;
        finished.Config["optimizer"] = new Dictionary<string, object?> { ["name"] = "adam", ["betas"] = new List<object?> { 0.9, 0.999 }, ["amsgrad"] = false };
        finished.Config["comment"] = null;
        using (var run = init(finished))
        {
            run.Log(new Dictionary<string, double> { ["loss"] = 0.9, ["accuracy"] = 0.5 });
            run.Log(new Dictionary<string, double> { ["loss"] = double.NaN, ["accuracy"] = 0.25 });
            run.Log(new Dictionary<string, double> { ["loss"] = double.PositiveInfinity, ["grad_norm"] = double.NegativeInfinity });
            run.Log(new Dictionary<string, double> { ["loss"] = 0.123456789012345678, ["accuracy"] = 1e-300, ["valid.loss"] = -0.0 }, step: 10);
            run.Log("loss", 0.1);
            run.Summary["best_accuracy"] = 0.93;
            run.Summary["verdict"] = "good";
            run.Summary["worst"] = double.NaN;
            run.Finish();
        }

        var failed = Options(group, "eval");
        failed.Config["fold"] = 1;
        using (var run = init(failed))
        {
            for (var i = 0; i < 5; i++)
            {
                run.Log("loss", 1.0 / (i + 1));
            }

            run.Finish(exitCode: 3);
        }

        return new[] { finished.Id!, failed.Id!, WriteCrashed(store, group) };
    }

    /// <summary>What a reader of the store sees of a run, apart from times and the machine it was recorded on.</summary>
    public static string Describe(StoredRun run) => Encoding.UTF8.GetString(StoreCodec.Serialize(new
    {
        run.Id,
        run.Name,
        run.Project,
        run.Group,
        run.JobType,
        run.Tags,
        run.Notes,
        Config = Sorted(run.Config),
        Summary = Sorted(run.Summary),
        State = run.State.ToString(),
        run.ExitCode,
        run.HistoryRows,
    }));

    /// <summary>Config or summary as W&amp;B-style JSON with the keys sorted at every level, to compare by value.</summary>
    public static string Canonical(IReadOnlyDictionary<string, object?> values) => Wandb.Interop.Protocol.ValueJson.Write(Sorted(values));

    /// <summary>Every row with every value, exactly (round-trip formatting, NaN and infinities spelled out).</summary>
    public static string DescribeHistory(IEnumerable<HistoryRow> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.Append(row.Step).Append(' ').Append(Exact(row.Runtime)).Append(' ').Append(Exact(row.Timestamp));
            foreach (var pair in row.Values.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                text.Append(' ').Append(pair.Key).Append('=').Append(Exact(pair.Value));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static string Exact(double value) => value.ToString("R", CultureInfo.InvariantCulture) + (value == 0 && double.IsNegative(value) ? "(-)" : string.Empty);

    private static RunOptions Options(string group, string jobType) => new()
    {
        Id = RunId.Generate(),
        Project = Project,
        Group = group,
        JobType = jobType,
    };

    // A run whose only writer was on another machine and stopped sending heartbeats an hour ago: crashed.
    private static string WriteCrashed(RunStore store, string group)
    {
        var id = RunId.Generate();
        var started = DateTimeOffset.UtcNow.AddHours(-2);
        store.OpenRun(new RunMetadataFile { Id = id, Name = id, Project = Project, Group = group, JobType = "train", CreatedAt = started }, ResumeMode.Allow);
        using var writer = store.CreateWriter(id, "w-crashed");
        var rows = Enumerable.Range(0, 3)
            .Select(i => new PendingRow(i, i * 0.5, started.ToUnixTimeMilliseconds() / 1000.0 + i, new[] { "loss", "lr" }, new[] { 1.0 / (i + 1), 0.01 }))
            .ToList();
        writer.AppendRows(rows);
        writer.WriteState(
            new WriterStateFile
            {
                Writer = "w-crashed",
                Host = "a-machine-that-went-away",
                Pid = 4242,
                StartedAt = started,
                UpdatedAt = started.AddMinutes(1),
                State = "running",
                Rows = rows.Count,
                LastStep = 2,
                Config = new Dictionary<string, object?> { ["seed"] = 7L },
                Last = new Dictionary<string, double> { ["loss"] = 1.0 / 3, ["lr"] = 0.01 },
            },
            durable: false);
        return id;
    }

    private static object? Sorted(object? value) => value switch
    {
        IReadOnlyDictionary<string, object?> dictionary => new SortedDictionary<string, object?>(dictionary.ToDictionary(p => p.Key, p => Sorted(p.Value)), StringComparer.Ordinal),
        IDictionary<string, object?> dictionary => new SortedDictionary<string, object?>(dictionary.ToDictionary(p => p.Key, p => Sorted(p.Value)), StringComparer.Ordinal),
        List<object?> list => list.Select(Sorted).ToList(),
        _ => value,
    };
}
