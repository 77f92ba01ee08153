using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Wandb.Interop.Protocol;
using Wandb.Interop.TransactionLog;

namespace Wandb.Sdk.Tests.Interop;

/// <summary>
/// Writes transaction logs shaped like the ones the W&amp;B Python client (with its Go core) writes in offline
/// mode, record type by record type, into a <c>wandb</c> folder laid out as the client lays it out.
/// </summary>
internal sealed class PythonClientLog
{
    public static readonly DateTimeOffset Started = new(2026, 3, 14, 9, 26, 53, TimeSpan.Zero);

    private readonly List<Record> _records = new();

    public PythonClientLog(string runId) => RunId = runId;

    public string RunId { get; }

    public IReadOnlyList<Record> Records => _records;

    /// <summary>A run as the client writes it from first record to last, with every record type it persists.</summary>
    public static PythonClientLog Complete(string runId, int exitCode = 0, int steps = 3)
    {
        var log = new PythonClientLog(runId).Start();
        log.Add(new Record { Telemetry = new TelemetryRecord { PythonVersion = "3.12.3", CliVersion = "0.22.2", CoreVersion = "0.22.2", Platform = "linux-x86_64" } });
        var environment = new EnvironmentRecord { Os = "Linux-6.8", Python = "CPython 3.12.3", StartedAt = Timestamp.FromDateTimeOffset(Started), Program = "train.py", Host = "gpu-7", Username = "ada", Executable = "/usr/bin/python3", CpuCount = 16, WriterId = "w-1" };
        environment.Args.Add("--epochs=3");
        log.Add(new Record { Environment = environment });
        var files = new FilesRecord();
        files.Files.Add(new FilesItem { Path = "wandb-metadata.json", Policy = FilesItem.Types.PolicyType.Now, Type = FilesItem.Types.FileType.Wandb });
        files.Files.Add(new FilesItem { Path = "requirements.txt", Policy = FilesItem.Types.PolicyType.Now });
        log.Add(new Record { Files = files });
        log.Add(new Record { Metric = new MetricRecord { Name = "loss", Summary = new MetricSummary { Min = true }, Goal = MetricRecord.Types.MetricGoal.GoalMinimize, Options = new MetricOptions { Defined = true } } });
        log.Add(new Record { Request = new Request { Defer = new DeferRequest { State = DeferRequest.Types.DeferState.FlushRun } } });
        log.Add(new Record { Request = new Request { Keepalive = new KeepaliveRequest() } });
        log.Add(new Record { Request = new Request { PartialHistory = new PartialHistoryRequest { Step = new HistoryStep { Num = 0 }, Action = new HistoryAction { Flush = true } } } });
        log.Add(new Record { OutputRaw = new OutputRawRecord { OutputType = OutputRawRecord.Types.OutputType.Stdout, Line = "epoch 1/3\n", Timestamp = Timestamp.FromDateTimeOffset(Started.AddSeconds(1)) } });
        log.Add(new Record { Output = new OutputRecord { OutputType = OutputRecord.Types.OutputType.Stderr, Line = "warning: slow\n", Timestamp = Timestamp.FromDateTimeOffset(Started.AddSeconds(1)) } });
        log.Add(new Record { OutputLogger = new OutputLoggerRecord { Line = "INFO training" } });
        var config = new ConfigRecord();
        config.Update.Add(new ConfigItem { Key = "batch_size", ValueJson = "64" });
        config.Update.Add(ConfigItem("128", "model", "width"));
        config.Remove.Add(ConfigItem(string.Empty, "model", "dropout"));
        log.Add(new Record { Config = config });
        for (var step = 0; step < steps; step++)
        {
            log.History(step, ("loss", 1.0 / (step + 1)), ("acc", step / 10.0));
            var stats = new StatsRecord { StatsType = StatsRecord.Types.StatsType.System, Timestamp = Timestamp.FromDateTimeOffset(Started.AddSeconds(step)) };
            stats.Item.Add(new StatsItem { Key = "cpu", ValueJson = "12.5" });
            log.Add(new Record { Stats = stats });
            log.Summary(("loss", (1.0 / (step + 1)).ToString("R", CultureInfo.InvariantCulture)), ("acc", (step / 10.0).ToString("R", CultureInfo.InvariantCulture)));
        }

        log.Add(new Record { Tbrecord = new TBRecord { LogDir = "runs/tb", RootDir = "runs", Save = true } });
        log.Add(new Record { Alert = new AlertRecord { Title = "Loss", Text = "loss went up", Level = "WARN", WaitDuration = 60 } });
        var artifact = new ArtifactRecord { RunId = runId, Project = "vision", Type = "model", Name = "resnet", Digest = "abc", Manifest = new ArtifactManifest { Version = 1, StoragePolicy = "wandb-storage-policy-v1" }, ClientId = "c-1" };
        artifact.Manifest.Contents.Add(new ArtifactManifestEntry { Path = "model.pt", Digest = "xyz", Size = 1024 });
        artifact.Aliases.Add("latest");
        log.Add(new Record { Artifact = artifact });
        log.Add(new Record { UseArtifact = new UseArtifactRecord { Id = "QXJ0aWZhY3Q6MQ==", Type = "dataset", Name = "mnist:v0" } });
        log.Add(new Record { NoopLinkArtifact = new Empty() });
        log.Add(new Record { Preempting = new RunPreemptingRecord() });
        log.Add(new Record { Request = new Request { SenderMark = new SenderMarkRequest() } });
        log.Add(new Record { Request = new Request { StatusReport = new StatusReportRequest { RecordNum = 40, SentOffset = 4096, SyncTime = Timestamp.FromDateTimeOffset(Started.AddSeconds(9)) } } });
        var runtime = new SummaryItem { ValueJson = "9" };
        runtime.NestedKey.AddRange(new[] { "_wandb", "runtime" });
        log.Add(new Record { Summary = new SummaryRecord { Update = { runtime, new SummaryItem { Key = "_runtime", ValueJson = "9" } } } });
        return log.End(exitCode);
    }

    /// <summary>The header and the run record, with the config the client starts a run with (its own <c>_wandb</c> key included).</summary>
    public PythonClientLog Start(string project = "vision", string group = "cv-python", string jobType = "train")
    {
        Add(new Record { Header = new HeaderRecord { VersionInfo = new VersionInfo { Producer = "0.22.2+0123abc", MinConsumer = "0.40.0" } } });
        var run = new RunRecord
        {
            RunId = RunId,
            Entity = "ada-team",
            Project = project,
            RunGroup = group,
            JobType = jobType,
            DisplayName = "python-" + RunId,
            Notes = "written by the Python client",
            Host = "gpu-7",
            StartTime = Timestamp.FromDateTimeOffset(Started),
            Config = new ConfigRecord(),
            Telemetry = new TelemetryRecord { PythonVersion = "3.12.3" },
            Git = new GitRepoRecord { RemoteUrl = "https://example.invalid/repo.git", Commit = "0123abc" },
        };
        run.Tags.Add("python");
        run.Tags.Add("resnet");
        run.Config.Update.Add(new ConfigItem { Key = "lr", ValueJson = "0.001" });
        run.Config.Update.Add(new ConfigItem { Key = "layers", ValueJson = "[64, 32]" });
        run.Config.Update.Add(new ConfigItem { Key = "model", ValueJson = "{\"depth\": 50, \"dropout\": 0.5}" });
        run.Config.Update.Add(new ConfigItem { Key = "_wandb", ValueJson = "{\"cli_version\": \"0.22.2\", \"t\": {\"1\": [1, 55]}}" });
        Add(new Record { Run = run });
        return this;
    }

    /// <summary>
    /// A history row as the Go core writes it: every item under <c>nested_key</c>, <c>_step</c>, <c>_runtime</c> and
    /// <c>_timestamp</c> among them. A key <c>a/b</c> is logged nested (<c>{"a": {"b": ...}}</c>).
    /// </summary>
    public PythonClientLog History(long step, params (string Key, double Value)[] metrics) =>
        HistoryJson(step, metrics.Select(m => (m.Key, Wandb.Interop.Protocol.ValueJson.Number(m.Value))).ToArray());

    public PythonClientLog HistoryJson(long step, params (string Key, string ValueJson)[] items)
    {
        var history = new HistoryRecord { Step = new HistoryStep { Num = step } };
        history.Item.Add(HistoryItem(step.ToString(CultureInfo.InvariantCulture), "_step"));
        history.Item.Add(HistoryItem((step * 1.5).ToString("R", CultureInfo.InvariantCulture), "_runtime"));
        history.Item.Add(HistoryItem((Started.ToUnixTimeSeconds() + (step * 1.5)).ToString("R", CultureInfo.InvariantCulture), "_timestamp"));
        foreach (var (key, valueJson) in items)
        {
            history.Item.Add(HistoryItem(valueJson, key.Split('/')));
        }

        return Add(new Record { History = history });
    }

    public PythonClientLog Summary(params (string Key, string ValueJson)[] items)
    {
        var summary = new SummaryRecord();
        foreach (var (key, valueJson) in items)
        {
            summary.Update.Add(new SummaryItem { Key = key, ValueJson = valueJson });
        }

        return Add(new Record { Summary = summary });
    }

    public PythonClientLog End(int exitCode)
    {
        Add(new Record { Exit = new RunExitRecord { ExitCode = exitCode, Runtime = 9 } });
        Add(new Record { Final = new FinalRecord() });
        return Add(new Record { Footer = new FooterRecord() });
    }

    public PythonClientLog Add(Record record)
    {
        record.Num = _records.Count + 1;
        _records.Add(record);
        return this;
    }

    /// <summary>Writes the log as <c>&lt;wandbFolder&gt;/offline-run-20260314_092653-&lt;id&gt;/run-&lt;id&gt;.wandb</c>; returns the file.</summary>
    public string WriteTo(string wandbFolder)
    {
        var folder = Path.Combine(wandbFolder, OfflineRunLayout.FolderName(Started, RunId));
        Directory.CreateDirectory(Path.Combine(folder, "files"));
        File.WriteAllText(Path.Combine(folder, "files", "wandb-metadata.json"), "{}");
        var path = Path.Combine(folder, OfflineRunLayout.FileName(RunId));
        using var stream = File.Create(path);
        var writer = new TransactionLogWriter(stream);
        foreach (var record in _records)
        {
            writer.Append(record.ToByteArray());
        }

        writer.Flush();
        return path;
    }

    private static HistoryItem HistoryItem(string valueJson, params string[] path)
    {
        var item = new HistoryItem { ValueJson = valueJson };
        item.NestedKey.AddRange(path);
        return item;
    }

    private static ConfigItem ConfigItem(string valueJson, params string[] path)
    {
        var item = new ConfigItem { ValueJson = valueJson };
        item.NestedKey.AddRange(path);
        return item;
    }
}
